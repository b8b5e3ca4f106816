import { authorize } from '@vinculo/common';
import type { QueryResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';

export const interaction =
  ({ interactions }: ResolverDeps): Required<QueryResolvers>['interaction'] =>
  (_parent, { id }, ctx) => {
    authorize(policy, 'readTimeline', ctx.principal);
    return interactions.load(ctx, id);
  };
