import type { WorkOrderResolvers } from '../__generated__/resolvers-types';
import type { ResolverDeps } from './deps';
import { businessNow } from '@vinculo/common';
import { atRiskFrom, slaAt } from '../domain/sla';
import { loadWorkOrder } from './Query/workOrder';
import { loadNode } from './Query/network';
import { readAs, ref, settingsOnce, ticketFor } from './read';

export const WorkOrder = (deps: ResolverDeps): WorkOrderResolvers => ({
  __resolveReference: (r, ctx) => readAs(ctx, 'readWorkOrders', () => loadWorkOrder(deps, ctx, r.id)),
  id: (w) => w._id,
  customer: (w) => ({ id: w.customerId }),
  salesOrder: (w) => ref(w.salesOrderId),
  ticket: (w, _a, ctx) => (w.ticketId ? ticketFor(deps, ctx, w.ticketId) : null),
  installedProduct: (w) => ref(w.installedProductId),
  node: (w, _a, ctx) => (w.nodeId ? loadNode(deps, ctx, w.nodeId) : null),
  priority: (w) => w.priority ?? 'NORMAL',
  equipmentToRetrieve: (w) => w.equipmentToRetrieve ?? [],
  // Orders opened before atRiskAt was stored: the current settings' share.
  sla: async (w, _a, ctx) =>
    slaAt(
      {
        dueAt: w.dueAt,
        atRiskAt: w.atRiskAt ?? atRiskFrom(w.createdAt, w.dueAt, (await settingsOnce(deps, ctx))!.atRiskPercent),
        closedAt: w.closedAt ?? null,
      },
      businessNow(w.tenantId),
    ),
  resolution: (w) => w.resolution ?? null,
});
