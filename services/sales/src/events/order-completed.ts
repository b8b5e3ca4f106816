import { DomainError, type EventEnvelope, type EventHandler, findOneById, type Role } from '@vinculo/common';
import type { ResolverDeps } from '../resolvers/deps';
import { writeDigitalChange } from '../resolvers/digital-sale';
import type { DigitalSaleCommand } from '../domain/digital-sale';

/**
 * sales.SalesOrderActivated, our own event, of a digital sale's order → its request CLOSED if the
 * satisfaction call did not get that far. The call is two writes (the order, then the request, R-DIG-3);
 * the activation leaves in the order's own write (outbox), so a process that died between the two is
 * finished here, as the agent at the call's time. Idempotent: a request already closed is left alone.
 */
export function onOrderActivated(deps: Pick<ResolverDeps, 'orders' | 'digital' | 'tenantPolicy' | 'published'>): EventHandler {
  return async (e: EventEnvelope<{ orderId: string }>) => {
    const tenantId = e.tenantId;
    const order = await findOneById(deps.orders, tenantId, e.data.orderId);
    if (!order?.digitalSaleRequestId || order.status !== 'COMPLETED') return;
    const { timeZone } = await deps.tenantPolicy.policyFor(tenantId);
    const who = { tenantId, userId: e.actor.userId, roles: [e.actor.role as Role] };
    const cmd: DigitalSaleCommand = { kind: 'satisfactionCall', outcome: 'SATISFIED', note: order.qualityCall?.note ?? null, orderStatus: 'COMPLETED' };
    for (let attempt = 0; attempt < 5; attempt++) {
      const r = await findOneById(deps.digital, tenantId, order.digitalSaleRequestId);
      if (r?.status !== 'ORDER_ENTERED' && r?.status !== 'FOLLOWED_UP') return;
      try {
        await writeDigitalChange(deps, who, r, cmd, order.qualityCall?.at ?? new Date(e.time), timeZone);
        return;
      } catch (err) {
        if (err instanceof DomainError && err.kind === 'stale_version') continue; // the call itself got there meanwhile: re-read
        throw err;
      }
    }
    throw new Error(`The request of order ${order._id} kept changing while finishing its satisfaction call (event ${e.id})`);
  };
}
