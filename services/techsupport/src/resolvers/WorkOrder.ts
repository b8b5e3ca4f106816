import type { WorkOrderResolvers } from '../__generated__/resolvers-types';
import type { ResolverDeps } from './deps';
import { loadWorkOrder } from './Query/workOrder';

export const WorkOrder = (deps: ResolverDeps): WorkOrderResolvers => ({
  __resolveReference: (ref, ctx) => loadWorkOrder(deps, ctx, ref.id),
  id: (w) => w._id,
  customer: (w) => ({ id: w.customerId }),
  salesOrder: (w) => (w.salesOrderId ? { id: w.salesOrderId } : null),
});
