import { businessTimeOf, DomainError, type EventEnvelope, type EventHandler, findOneById, localMonth, type Role } from '@vinculo/common';
import type { ResolverDeps } from '../resolvers/deps';
import { writeProjectChange } from '../resolvers/sale-project';
import { writeDigitalChange } from '../resolvers/digital-sale';
import type { DigitalSaleCommand } from '../domain/digital-sale';

/**
 * sales.SalesOrderStatusChanged, our own event, from nothing to ENTERED → the order's sale project (or
 * digital request) goes ORDER_ENTERED if the entry did not get that far. Entering an order is two
 * writes (the order, then its project / request); the order's event leaves in the order's own write
 * (outbox), so a process that died between the two is finished here, as the clerk at the entry time.
 * Idempotent: a project / request that already moved on is left alone.
 */
export function onOrderEntered(deps: Pick<ResolverDeps, 'orders' | 'projects' | 'digital' | 'tenantPolicy' | 'published'>): EventHandler {
  return async (e: EventEnvelope<{ orderId: string; from: string | null; to: string }>) => {
    if (e.data.from !== null || e.data.to !== 'ENTERED') return;
    const tenantId = e.tenantId;
    const order = await findOneById(deps.orders, tenantId, e.data.orderId);
    if (!order) return;
    const tenant = await deps.tenantPolicy.policyFor(tenantId);
    const who = { tenantId, userId: e.actor.userId, roles: [e.actor.role as Role] };
    const at = businessTimeOf(tenantId, e.time);
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        if (order.saleProjectId) {
          const p = await findOneById(deps.projects, tenantId, order.saleProjectId);
          if (p?.status !== 'ACCEPTED') return;
          await writeProjectChange(deps, who, p, { kind: 'orderEntered', orderId: order._id, month: localMonth(at, tenant.timeZone) }, at, tenant.timeZone);
        } else if (order.digitalSaleRequestId) {
          const r = await findOneById(deps.digital, tenantId, order.digitalSaleRequestId);
          if (r?.status !== 'REQUIREMENTS_RECEIVED') return;
          // The impediment check (R-DIG-1) passed when the order was written: the entry is finished as it was decided.
          const cmd: DigitalSaleCommand = { kind: 'enterOrder', orderId: order._id, eligibility: { eligible: true, reasons: [] }, etaMinDays: tenant.policy.digitalSaleEtaMinDays, etaMaxDays: tenant.policy.digitalSaleEtaMaxDays };
          await writeDigitalChange(deps, who, r, cmd, at, tenant.timeZone);
        }
        return;
      } catch (err) {
        if (err instanceof DomainError && err.kind === 'stale_version') continue; // the entry itself got there meanwhile: re-read
        throw err;
      }
    }
    throw new Error(`The project / request of order ${order._id} kept changing while finishing its entry (event ${e.id})`);
  };
}
