import { authorize } from '@vinculo/common';
import type { QueryResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';

export const opportunity =
  (deps: ResolverDeps): Required<QueryResolvers>['opportunity'] =>
  (_parent, { id }, ctx) => {
    authorize(policy, 'readProposals', ctx.principal);
    return deps.reads.opportunity(ctx, id);
  };
