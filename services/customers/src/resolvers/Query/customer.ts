import { authorize } from '@vinculo/common';
import type { QueryResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';

export const customer =
  ({ customers }: ResolverDeps): Required<QueryResolvers>['customer'] =>
  (_parent, { id }, ctx) => {
    authorize(policy, 'readCustomers', ctx.principal);
    return customers.load(ctx, id);
  };
