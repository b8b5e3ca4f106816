import { authorize } from '@vinculo/common';
import type { QueryResolvers } from '../../__generated__/resolvers-types';
import { policy } from '../../policy';
import type { ResolverDeps } from '../deps';

export const saleProject =
  ({ projects }: ResolverDeps): Required<QueryResolvers>['saleProject'] =>
  (_p, { id }, ctx) => {
    authorize(policy, 'readPipeline', ctx.principal);
    return projects.load(ctx, id).then((p) => p ?? null);
  };
