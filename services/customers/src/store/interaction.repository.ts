import { byIdLoader, type EventEnvelope, type RequestContext } from '@vinculo/common';
import type { InteractionDoc, InteractionModel } from './interaction.model';

/** Reads and writes of interactions, always scoped to one tenant. */
export function interactionRepository(model: InteractionModel, published: () => void) {
  return {
    model,

    load(ctx: RequestContext, id: string): Promise<InteractionDoc | null> {
      return byIdLoader(model, 'interactionById')(ctx, id);
    },

    /** Insert an interaction together with its events (one document: atomic with the outbox). */
    async insert(doc: Omit<InteractionDoc, 'version' | 'outbox'>, events: EventEnvelope[]): Promise<InteractionDoc> {
      const created = await model.create({ ...doc, outbox: events });
      published();
      return created.toObject();
    },

    /** Loyalty calls of these customers before `until` (for the call list). */
    loyaltyCallsOf(tenantId: string, customerIds: string[], until: Date): Promise<Pick<InteractionDoc, 'customerId' | 'at'>[]> {
      return model
        .find({ tenantId, purpose: 'LOYALTY_CALL', customerId: { $in: customerIds }, at: { $lt: until } }, { customerId: 1, at: 1 })
        .lean<Pick<InteractionDoc, 'customerId' | 'at'>[]>()
        .exec();
    },

    /** An executive's loyalty calls in [from, to), in the order made. */
    loyaltyCallsBy(tenantId: string, executiveId: string, from: Date, to: Date): Promise<InteractionDoc[]> {
      return model
        .find({ tenantId, purpose: 'LOYALTY_CALL', authorId: executiveId, at: { $gte: from, $lt: to } })
        .sort({ at: 1, _id: 1 })
        .lean<InteractionDoc[]>()
        .exec();
    },
  };
}
export type InteractionRepository = ReturnType<typeof interactionRepository>;
