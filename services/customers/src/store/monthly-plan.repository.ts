import { DomainError, isDuplicateKey, newId, updateVersioned, type EventEnvelope } from '@vinculo/common';
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

    /** Create the plan, or replace `current` if nobody re-planned it meanwhile (CONFLICT otherwise). */
    async save(
      tenantId: string,
      executiveId: string,
      current: MonthlyPlanDoc | null,
      id: string,
      plan: PlanState,
      events: EventEnvelope[],
    ): Promise<MonthlyPlanDoc> {
      if (current) {
        const updated = await updateVersioned(model, { _id: current._id, tenantId }, current.version, { $set: plan }, events);
        published();
        return updated;
      }
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
