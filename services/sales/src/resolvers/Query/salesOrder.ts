import { authorize, byKeys, loader } from '@vinculo/common';
import type { QueryResolvers } from '../../__generated__/resolvers-types';
import type { SalesOrderDoc } from '../../store/sales-order.model';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import type { RequestContext } from '@vinculo/common';

/** A sales order of the caller's tenant by id, batched per request. */
export const loadSalesOrder = ({ orders }: ResolverDeps, ctx: RequestContext, id: string) =>
  loader<string, SalesOrderDoc>(ctx, 'salesOrderById', async (ids) =>
    byKeys(ids, await orders.find({ tenantId: ctx.principal.tenantId, _id: { $in: [...ids] } }).lean<SalesOrderDoc[]>(), (o) => o._id),
  ).load(id);

export const salesOrder =
  (deps: ResolverDeps): QueryResolvers['salesOrder'] =>
  (_parent, { id }, ctx) => {
    authorize(policy, 'readSales', ctx.principal);
    return loadSalesOrder(deps, ctx, id);
  };
