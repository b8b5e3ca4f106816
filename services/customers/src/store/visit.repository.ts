import { byIdLoader, type EventEnvelope, findOneById, newId, notFound, type RequestContext } from '@vinculo/common';
import type { VisitDoc, VisitModel } from './visit.model';

/** The most visits a week view returns. */
export const MAX_WEEK_VISITS = 1000;

/** Reads and writes of visits, always scoped to one tenant. */
export function visitRepository(model: VisitModel, published: () => void) {
  return {
    model,
    /** Wakes the outbox relay after a write that carried events. */
    published,
    newId: () => newId('vis'),

    load(ctx: RequestContext, id: string): Promise<VisitDoc | null> {
      return byIdLoader(model, 'visitById')(ctx, id);
    },

    async get(tenantId: string, id: string): Promise<VisitDoc> {
      const found = await findOneById(model, tenantId, id);
      if (!found) throw notFound('Visit', id);
      return found;
    },

    /** Visits of these executives starting in [from, to), by start time. */
    between(tenantId: string, executiveIds: string[], from: Date, to: Date, includeCancelled: boolean): Promise<VisitDoc[]> {
      return model
        .find({
          tenantId,
          executiveId: { $in: executiveIds },
          startsAt: { $gte: from, $lt: to },
          ...(includeCancelled ? {} : { status: { $ne: 'CANCELLED' } }),
        })
        .sort({ startsAt: 1, _id: 1 })
        .limit(MAX_WEEK_VISITS)
        .lean<VisitDoc[]>()
        .exec();
    },

    async insert(doc: Omit<VisitDoc, 'createdAt' | 'updatedAt' | 'version' | 'outbox'>, events: EventEnvelope[]): Promise<VisitDoc> {
      const created = await model.create({ ...doc, outbox: events });
      published();
      return created.toObject();
    },
  };
}
export type VisitRepository = ReturnType<typeof visitRepository>;

/** A week of visits as the VisitWeek type resolves it. */
export interface VisitWeekView {
  weekStart: string;
  weekEnd: string;
  timeZone: string;
  visits: VisitDoc[];
}
