import type { DigitalSaleRequestResolvers } from '../__generated__/resolvers-types';
import type { SalesQueues } from '../application/work-queues';
import type { ResolverDeps } from './deps';

export const DigitalSaleRequest = (deps: ResolverDeps, q: SalesQueues): DigitalSaleRequestResolvers => ({
  __resolveReference: (ref, ctx) => deps.digital.load(ctx, ref.id),
  id: (d) => d._id,
  customer: (d) => (d.customerId ? { id: d.customerId } : null),
  feasibility: (d) => d.feasibility,
  salesOrder: (d, _a, ctx) => (d.orderId ? deps.orders.load(ctx, d.orderId) : null),
  satisfaction: (d) => d.satisfaction?.outcome ?? null,
  // The callback's due time while the lost call waits (the queue's own function).
  dueAt: (d, _a, ctx) => (d.status === 'CALLBACK_PENDING' ? q.digitalSaleCallbacks.dueAt(d, ctx.principal.tenantId) : null),
});
