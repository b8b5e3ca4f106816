import { authorize } from '@vinculo/common';
import type { QueryResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';

export const visit =
  ({ visits }: ResolverDeps): Required<QueryResolvers>['visit'] =>
  (_parent, { id }, ctx) => {
    authorize(policy, 'readVisits', ctx.principal);
    return visits.load(ctx, id);
  };
