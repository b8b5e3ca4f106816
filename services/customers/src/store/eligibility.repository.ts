import { byIdLoader, type EventEnvelope, findOneById, isDuplicateKey, type RequestContext } from '@vinculo/common';
import type { EligibilityDoc, EligibilityModel } from './eligibility.model';

export type EligibilityState = Pick<EligibilityDoc, 'impediments' | 'standings' | 'eligible' | 'reasons'>;

/** The state of a customer never marked nor reported on: eligible, nothing on record. */
export const EMPTY_ELIGIBILITY: EligibilityState = { impediments: [], standings: [], eligible: true, reasons: [] };

/** Reads and writes of customers' eligibility documents, always scoped to one tenant. */
export function eligibilityRepository(model: EligibilityModel, published: () => void) {
  return {
    model,

    /** A customer's eligibility document through the request's DataLoader (null: nothing on record). */
    load(ctx: RequestContext, customerId: string): Promise<EligibilityDoc | null> {
      return byIdLoader(model, 'eligibilityByCustomer')(ctx, customerId);
    },

    find(tenantId: string, customerId: string): Promise<EligibilityDoc | null> {
      return findOneById(model, tenantId, customerId);
    },

    /** Wakes the outbox relay after a write that carried events. */
    published,

    /**
     * The first state of a customer's eligibility, with its events: inserted under the customer's id;
     * null when a concurrent first write got there first (the caller then changes that one).
     */
    async createFirst(tenantId: string, customerId: string, next: EligibilityState, events: EventEnvelope[]): Promise<EligibilityDoc | null> {
      try {
        const created = await model.create({ _id: customerId, tenantId, ...next, version: 1, outbox: events });
        published();
        return created.toObject();
      } catch (err) {
        if (isDuplicateKey(err)) return null;
        throw err;
      }
    },
  };
}
export type EligibilityRepository = ReturnType<typeof eligibilityRepository>;
