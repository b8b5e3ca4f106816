import { authorize } from '@vinculo/common';
import type { QueryResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';

export const customersQuery =
  ({ customers }: ResolverDeps): QueryResolvers['customers'] =>
  (_parent, { filter, first, after }, ctx) => {
    authorize(policy, 'readCustomers', ctx.principal);
    return customers.page(ctx.principal, filter ?? {}, { first, after });
  };
