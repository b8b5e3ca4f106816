import { byIdLoader, DomainError, type EventEnvelope, findOneById, isDuplicateKey, type RequestContext, updateVersioned } from '@vinculo/common';
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

    /**
     * Write the next state under the read version: the first write inserts (a concurrent first write
     * loses on the `_id`), later ones are versioned. Stale → DomainError 'stale_version'.
     */
    async save(tenantId: string, customerId: string, current: EligibilityDoc | null, next: EligibilityState, events: EventEnvelope[]): Promise<EligibilityDoc> {
      if (!current) {
        try {
          const created = await model.create({ _id: customerId, tenantId, ...next, version: 1, outbox: events });
          published();
          return created.toObject();
        } catch (err) {
          if (isDuplicateKey(err)) throw new DomainError('stale_version', `eligibility of ${customerId} was changed by someone else`);
          throw err;
        }
      }
      const updated = await updateVersioned(model, { _id: customerId, tenantId }, current.version, { $set: next }, events);
      published();
      return updated;
    },
  };
}
export type EligibilityRepository = ReturnType<typeof eligibilityRepository>;
