import type { EventEnvelope, EventHandler } from '@vinculo/common';
import { targetId, type SalesTargetModel } from '../store/target.model';

interface MonthPlanned {
  planId: string;
  executiveId: string;
  month: string;
  newCaptureTarget: number;
  portfolioCustomerIds: string[];
  revision: number;
}

/**
 * customers.MonthPlanned → the executive's month target (A: new captures count, B: portfolio customers)
 * and the lead who planned it (the actor: their team report includes the executive). Newest revision wins;
 * a repeated or older revision changes nothing. Amounts set by setSalesTarget are kept.
 */
export function onMonthPlanned(targets: SalesTargetModel): EventHandler {
  return async (e: EventEnvelope<MonthPlanned>) => {
    const d = e.data;
    const _id = targetId(e.tenantId, d.executiveId, d.month);
    await targets.updateOne({ _id }, { $setOnInsert: { tenantId: e.tenantId, executiveId: d.executiveId, month: d.month, planRevision: 0 } }, { upsert: true });
    await targets.updateOne(
      { _id, planRevision: { $lt: d.revision } },
      { $set: { newCapturesCount: d.newCaptureTarget, portfolioCustomerIds: d.portfolioCustomerIds, planRevision: d.revision, leadId: e.actor.userId, updatedAt: new Date(e.time) } },
    );
  };
}
