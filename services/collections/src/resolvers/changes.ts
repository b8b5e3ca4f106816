import { authorize, changesPage } from '@vinculo/common';
import type { QueryResolvers } from '../__generated__/resolvers-types';
import { policy } from '../policy';
import type { ResolverDeps } from './deps';

/** The reporting extraction lists of this subgraph (issue #15): entities by (updatedAt, id), resumable (kit: reporting/changes). */
export const changesQueries = (deps: ResolverDeps): Pick<QueryResolvers, 'billingAccountChanges' | 'invoiceChanges' | 'paymentChanges'> => ({
  billingAccountChanges: (_p, args, ctx) => {
    authorize(policy, 'readChanges', ctx.principal);
    return changesPage(deps.accounts, ctx.principal, args) as never;
  },
  invoiceChanges: (_p, args, ctx) => {
    authorize(policy, 'readChanges', ctx.principal);
    return changesPage(deps.invoices, ctx.principal, args) as never;
  },
  paymentChanges: (_p, args, ctx) => {
    authorize(policy, 'readChanges', ctx.principal);
    return changesPage(deps.payments, ctx.principal, args) as never;
  },
});
