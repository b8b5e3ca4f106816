import { authorize, businessNumberInput } from '@vinculo/common';
import type { QueryResolvers } from '../../__generated__/resolvers-types';
import { policy } from '../../policy';
import type { ResolverDeps } from '../deps';

export const salesOrderQueries = ({ orders }: ResolverDeps): Required<Pick<QueryResolvers, 'salesOrder' | 'salesOrderByNumber' | 'salesOrdersToCheck'>> => ({
  salesOrder: (_p, { id }, ctx) => {
    authorize(policy, 'readSales', ctx.principal);
    return orders.load(ctx, id).then((o) => o ?? null);
  },
  // By business number (SO-…, issue #15), as the customer quotes it; null when unknown in the tenant.
  salesOrderByNumber: (_p, { number }, ctx) => {
    authorize(policy, 'readSales', ctx.principal);
    return orders.byNumber(ctx.principal.tenantId, businessNumberInput('SO', number));
  },
  salesOrdersToCheck: (_p, args, ctx) => {
    authorize(policy, 'readEntryQueue', ctx.principal);
    return orders.toCheck(ctx.principal, args);
  },
});
