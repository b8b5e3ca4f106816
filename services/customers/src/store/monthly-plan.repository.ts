import { DomainError, isDuplicateKey, newId, type EventEnvelope } from '@vinculo/common';
import type { MonthlyPlanDoc, MonthlyPlanModel } from './monthly-plan.model';
import type { Plan } from '../domain/monthly-plan';

export type PlanState = Plan & { plannedBy: string; plannedAt: Date };

/** Monthly plans: one per executive and month in a tenant; re-planning replaces it (versioned). */
export function monthlyPlanRepository(model: MonthlyPlanModel, published: () => void) {
  return {
    model,

    find(tenantId: string, executiveId: string, month: string): Promise<MonthlyPlanDoc | null> {
      return model.findOne({ tenantId, executiveId, month }).lean<MonthlyPlanDoc>().exec();
    },

    /** A new plan's id, decided before its events are built. */
    newId: () => newId('mpl'),

    /** Wakes the outbox relay after a write that carried events. */
    published,

    /** Create the month's plan under `id`; a concurrent first planning loses on the `_id` (CONFLICT: reload and retry). */
    async create(tenantId: string, executiveId: string, id: string, plan: PlanState, events: EventEnvelope[]): Promise<MonthlyPlanDoc> {
      try {
        const created = await model.create({ _id: id, tenantId, executiveId, ...plan, version: 1, outbox: events });
        published();
        return created.toObject();
      } catch (err) {
        if (isDuplicateKey(err)) throw new DomainError('stale_version', 'this month was planned by someone else meanwhile; reload and retry');
        throw err;
      }
    },
  };
}
export type MonthlyPlanRepository = ReturnType<typeof monthlyPlanRepository>;
