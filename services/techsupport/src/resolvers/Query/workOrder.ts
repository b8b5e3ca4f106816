import { authorize, byKeys, loader, paginate, type RequestContext } from '@vinculo/common';
import type { QueryResolvers } from '../../__generated__/resolvers-types';
import type { WorkOrderDoc } from '../../store/work-order.model';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';

/** A work order of the caller's tenant by id, batched per request. */
export const loadWorkOrder = ({ workOrders }: ResolverDeps, ctx: RequestContext, id: string) =>
  loader<string, WorkOrderDoc>(ctx, 'workOrderById', async (ids) =>
    byKeys(ids, await workOrders.find({ tenantId: ctx.principal.tenantId, _id: { $in: [...ids] } }).lean<WorkOrderDoc[]>(), (w) => w._id),
  ).load(id);

export const workOrder =
  (deps: ResolverDeps): QueryResolvers['workOrder'] =>
  (_parent, { id }, ctx) => {
    authorize(policy, 'readWorkOrders', ctx.principal);
    return loadWorkOrder(deps, ctx, id);
  };

/** The operations board: the tenant's work orders by status, type, technician, or open past due. */
export const workOrders =
  (deps: ResolverDeps): QueryResolvers['workOrders'] =>
  (_parent, { filter, first, after }, ctx) => {
    authorize(policy, 'readWorkOrders', ctx.principal);
    const q: Record<string, unknown> = { tenantId: ctx.principal.tenantId };
    if (filter?.status) q.status = filter.status;
    if (filter?.type) q.type = filter.type;
    if (filter?.technicianId) q.technicianId = filter.technicianId;
    if (filter?.breached) {
      q.dueAt = { $lt: new Date() };
      if (!filter.status) q.status = { $in: ['CREATED', 'ASSIGNED', 'IN_PROGRESS'] };
    }
    return paginate<WorkOrderDoc>(deps.workOrders, q, { first, after }, ctx.principal, { field: 'createdAt', descending: true });
  };
