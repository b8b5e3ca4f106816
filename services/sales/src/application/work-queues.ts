import { plusHours, type WorkQueueSpec } from '@vinculo/common';
import { policy } from '../policy';
import type { DigitalSaleDoc } from '../store/digital-sale.model';
import type { SalesOrderDoc } from '../store/sales-order.model';
import type { SalesDeps } from './deps';

/**
 * Work queues (issue #15): what is pending, for the role that does it, first due first (then id) — the
 * due time of each queue is in domain/work-queues.ts. Cursor connections over the owning collection.
 */
export function salesQueues(deps: Pick<SalesDeps, 'orders' | 'digital' | 'tenantPolicy'>) {
  // §2 step 1.2: a lost call (no customer identified yet) waits for the agent's callback.
  const digitalSaleCallbacks: WorkQueueSpec<DigitalSaleDoc> = {
    name: 'digitalSaleCallbacks',
    roles: policy.readDigitalQueue,
    model: deps.digital.model,
    sortField: 'receivedAt',
    base: (tenantId) => ({ tenantId, status: 'CALLBACK_PENDING' }),
    dueAt: (d) => d.receivedAt,
  };
  // A8 / R-DIG-3: INSTALLED orders wait for their completion call (the executive's quality-control call,
  // or the digital agent's satisfaction call for a digital sale's order: filter by origin).
  const salesOrdersAwaitingCompletionCall: WorkQueueSpec<SalesOrderDoc> = {
    name: 'salesOrdersAwaitingCompletionCall',
    roles: policy.readCompletionCallQueue,
    model: deps.orders.model,
    sortField: 'installedAt',
    base: (tenantId) => ({ tenantId, status: 'INSTALLED' }),
    dueAt: async (o, tenantId) =>
      o.installedAt ? plusHours(o.installedAt, (await deps.tenantPolicy.policyFor(tenantId)).policy.kpi.postSaleTimelinessHours) : null,
  };
  return { digitalSaleCallbacks, salesOrdersAwaitingCompletionCall };
}
export type SalesQueues = ReturnType<typeof salesQueues>;
