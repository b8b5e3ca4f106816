import { authorize } from '@vinculo/common';
import type { QueryResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';

export const lead =
  (deps: ResolverDeps): Required<QueryResolvers>['lead'] =>
  (_parent, { id }, ctx) => {
    authorize(policy, 'readProposals', ctx.principal);
    return deps.reads.lead(ctx, id);
  };
