import type { SalesOrderResolvers } from '../__generated__/resolvers-types';
import type { ResolverDeps } from './deps';
import { loadSalesOrder } from './Query/salesOrder';

export const SalesOrder = (deps: ResolverDeps): SalesOrderResolvers => ({
  __resolveReference: (ref, ctx) => loadSalesOrder(deps, ctx, ref.id),
  id: (o) => o._id,
  customer: (o) => ({ id: o.customerId }),
});
