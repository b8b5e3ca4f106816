import { authorize, byKeys, loader, type RequestContext } from '@vinculo/common';
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
