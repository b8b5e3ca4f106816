import { findOneById } from '@vinculo/common';
import type { JobClock, Logger } from '@vinculo/common';
import { slaAlertsDue, DEFAULT_AT_RISK_MS } from '../domain/sla';
import type { WorkOrderSlaDoc, WorkOrderSlaModel } from '../store/work-order.model';
import { dispatch, type DispatchDeps } from './dispatch';

type SlaDeps = DispatchDeps & { workOrders: WorkOrderSlaModel; logger: Logger; atRiskMs?: number };

/**
 * SLA alerts on work orders: an open order at risk or past its due time, on the tenant's business
 * clock, raises sla.WorkOrderAtRisk / sla.WorkOrderBreached once per order and due time (deterministic
 * ids; `alerts` records what was raised, so reruns and several replicas add nothing). Checked by the
 * scheduled sweep (and at once when a tenant's clock is advanced) and when an order's event arrives
 * already late, so the order in which the clock and the order become known does not matter.
 */
export function workOrderSlaAlerts(deps: SlaDeps) {
  const atRiskMs = deps.atRiskMs ?? DEFAULT_AT_RISK_MS;
  const check = async (w: WorkOrderSlaDoc, now: Date) => {
    if (!w.dueAt) return;
    for (const alert of slaAlertsDue({ workOrderId: w._id, dueAt: new Date(w.dueAt), open: w.open }, now, atRiskMs)) {
      if (w.alerts?.includes(alert.id)) continue;
      await dispatch(deps, {
        id: alert.id,
        tenantId: w.tenantId,
        type: alert.kind === 'BREACHED' ? 'sla.WorkOrderBreached' : 'sla.WorkOrderAtRisk',
        time: now.toISOString(),
        actorId: null,
        data: { workOrderId: w._id, customerId: w.customerId, type: w.type, dueAt: new Date(w.dueAt).toISOString() },
      });
      await deps.workOrders.updateOne({ _id: w._id, tenantId: w.tenantId }, { $addToSet: { alerts: alert.id } });
    }
  };
  return {
    /** One work order, now (after its event was stored). */
    async checkOne(tenantId: string, workOrderId: string, now: Date) {
      const w = await findOneById(deps.workOrders, tenantId, workOrderId);
      if (w) await check(w, now);
    },
    job: {
      name: 'sla-alerts',
      async run(clock: JobClock) {
        const tenants = clock.tenantId ? [clock.tenantId] : ((await deps.workOrders.distinct('tenantId', { open: true })) as string[]);
        for (const tenantId of tenants) {
          const now = clock.now(tenantId);
          const due = await deps.workOrders
            .find({ tenantId, open: true, dueAt: { $ne: null, $lte: new Date(now.getTime() + atRiskMs) } })
            .lean<WorkOrderSlaDoc[]>();
          for (const w of due) await check(w, now);
        }
      },
    },
  };
}
