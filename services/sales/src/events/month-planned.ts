import { upsertNewest, type EventHandler } from '@vinculo/common';
import { targetId, type SalesTargetModel } from '../store/target.model';

/**
 * customers.MonthPlanned → the executive's month target (A: new captures count, B: portfolio customers)
 * and the lead who planned it (the actor: their team report includes the executive). Newest revision wins;
 * a repeated or older revision changes nothing. Amounts set by setSalesTarget are kept.
 */
export function onMonthPlanned(targets: SalesTargetModel): EventHandler<'customers.MonthPlanned'> {
  return async (e) => {
    const d = e.data;
    await upsertNewest(targets, {
      key: { _id: targetId(e.tenantId, d.executiveId, d.month) },
      field: 'planRevision',
      version: d.revision,
      set: { newCapturesCount: d.newCaptureTarget, portfolioCustomerIds: d.portfolioCustomerIds, leadId: e.actor.userId, updatedAt: new Date(e.time) },
      setOnInsert: { tenantId: e.tenantId, executiveId: d.executiveId, month: d.month },
    });
  };
}
