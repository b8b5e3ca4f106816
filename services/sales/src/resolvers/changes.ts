import { authorize, changesPage } from '@vinculo/common';
import type { QueryResolvers } from '../__generated__/resolvers-types';
import { policy } from '../policy';
import type { ResolverDeps } from './deps';

/** The reporting extraction lists of this subgraph (issue #15): entities by (updatedAt, id), resumable (kit: reporting/changes). */
export const changesQueries = (deps: ResolverDeps): Pick<QueryResolvers, 'salesOrderChanges' | 'saleProjectChanges' | 'digitalSaleRequestChanges'> => ({
  salesOrderChanges: (_p, args, ctx) => {
    authorize(policy, 'readChanges', ctx.principal);
    return changesPage(deps.orders, ctx.principal, args) as never;
  },
  saleProjectChanges: (_p, args, ctx) => {
    authorize(policy, 'readChanges', ctx.principal);
    return changesPage(deps.projects, ctx.principal, args) as never;
  },
  digitalSaleRequestChanges: (_p, args, ctx) => {
    authorize(policy, 'readChanges', ctx.principal);
    return changesPage(deps.digital, ctx.principal, args) as never;
  },
});
