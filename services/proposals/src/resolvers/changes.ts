import { authorize, changesPage } from '@vinculo/common';
import type { QueryResolvers } from '../__generated__/resolvers-types';
import { policy } from '../policy';
import type { ResolverDeps } from './deps';

/** The reporting extraction lists of this subgraph (issue #15): entities by (updatedAt, id), resumable (kit: reporting/changes). */
export const changesQueries = (deps: ResolverDeps): Pick<QueryResolvers, 'leadChanges' | 'opportunityChanges'> => ({
  leadChanges: (_p, args, ctx) => {
    authorize(policy, 'readChanges', ctx.principal);
    return changesPage(deps.leads, ctx.principal, args) as never;
  },
  opportunityChanges: (_p, args, ctx) => {
    authorize(policy, 'readChanges', ctx.principal);
    return changesPage(deps.opportunities, ctx.principal, args) as never;
  },
});
