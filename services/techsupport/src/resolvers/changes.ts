import { authorize, changesPage } from '@vinculo/common';
import type { QueryResolvers } from '../__generated__/resolvers-types';
import { policy } from '../policy';
import type { ResolverDeps } from './deps';

/** The reporting extraction lists of this subgraph (issue #15): entities by (updatedAt, id), resumable (kit: reporting/changes). */
export const changesQueries = (deps: ResolverDeps): Pick<QueryResolvers, 'workOrderChanges' | 'damageTicketChanges' | 'supportVisitChanges'> => ({
  workOrderChanges: (_p, args, ctx) => {
    authorize(policy, 'readChanges', ctx.principal);
    return changesPage(deps.workOrders, ctx.principal, args) as never;
  },
  damageTicketChanges: (_p, args, ctx) => {
    authorize(policy, 'readChanges', ctx.principal);
    return changesPage(deps.tickets, ctx.principal, args) as never;
  },
  supportVisitChanges: (_p, args, ctx) => {
    authorize(policy, 'readChanges', ctx.principal);
    return changesPage(deps.visits, ctx.principal, args) as never;
  },
});
