import { authorize } from '@vinculo/common';
import type { QueryResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';

export const billingAccount =
  (deps: ResolverDeps): Required<QueryResolvers>['billingAccount'] =>
  (_parent, { id }, ctx) => {
    authorize(policy, 'readCollections', ctx.principal);
    return deps.reads.account(ctx, id);
  };
