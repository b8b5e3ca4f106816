import { authorize } from '@vinculo/common';
import type { QueryResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';

export const employee =
  ({ employees }: ResolverDeps): Required<QueryResolvers>['employee'] =>
  (_parent, { id }, ctx) => {
    authorize(policy, 'readStaff', ctx.principal);
    return employees.load(ctx, id);
  };
