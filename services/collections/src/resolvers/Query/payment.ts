import { authorize } from '@vinculo/common';
import type { QueryResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';

export const payment =
  (deps: ResolverDeps): Required<QueryResolvers>['payment'] =>
  (_parent, { id }, ctx) => {
    authorize(policy, 'readCollections', ctx.principal);
    return deps.reads.payment(ctx, id);
  };
