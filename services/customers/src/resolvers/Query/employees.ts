import { authorize } from '@vinculo/common';
import type { QueryResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';

export const employeesQuery =
  ({ employees }: ResolverDeps): Required<QueryResolvers>['employees'] =>
  (_parent, { filter, first, after }, ctx) => {
    authorize(policy, 'readStaff', ctx.principal);
    return employees.page(ctx.principal, filter ?? {}, { first, after });
  };
