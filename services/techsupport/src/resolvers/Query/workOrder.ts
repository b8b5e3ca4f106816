import { authorize, badInput, businessNow, byIdLoader, paginate, type RequestContext } from '@vinculo/common';
import type { QueryResolvers } from '../../__generated__/resolvers-types';
import type { WorkOrderDoc } from '../../store/work-order.model';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';

/** A work order of the caller's tenant by id, batched per request. */
export const loadWorkOrder = ({ workOrders }: ResolverDeps, ctx: RequestContext, id: string) => byIdLoader(workOrders, 'workOrderById')(ctx, id);

export const workOrder =
  (deps: ResolverDeps): NonNullable<QueryResolvers['workOrder']> =>
  (_parent, { id }, ctx) => {
    authorize(policy, 'readWorkOrders', ctx.principal);
    return loadWorkOrder(deps, ctx, id);
  };

/**
 * The operations board: the tenant's work orders by status, type or technician, newest first; or the
 * open ones breached (past due) or at risk (past their at-risk time, not yet due), most urgent first.
 * The SLA is judged on read, from the two instants each order stores when it opens, so these lists
 * are index range scans (open = closedAt null, by dueAt) rather than a judgement of every open order.
 */
export const workOrders =
  (deps: ResolverDeps): NonNullable<QueryResolvers['workOrders']> =>
  (_parent, { filter, first, after }, ctx) => {
    authorize(policy, 'readWorkOrders', ctx.principal);
    if (filter?.breached && filter.atRisk) throw badInput('ask for breached or at-risk work orders, not both', 'atRisk');
    const q: Record<string, unknown> = { tenantId: ctx.principal.tenantId };
    if (filter?.status) q.status = filter.status;
    if (filter?.type) q.type = filter.type;
    if (filter?.technicianId) q.technicianId = filter.technicianId;
    if (filter?.breached || filter?.atRisk) {
      const now = businessNow(ctx.principal.tenantId);
      q.closedAt = null;
      if (filter.breached) q.dueAt = { $lt: now };
      else Object.assign(q, { dueAt: { $gte: now }, atRiskAt: { $lte: now } });
      return paginate<WorkOrderDoc>(deps.workOrders, q, { first, after }, ctx.principal, { field: 'dueAt', descending: false });
    }
    return paginate<WorkOrderDoc>(deps.workOrders, q, { first, after }, ctx.principal, { field: 'createdAt', descending: true });
  };
