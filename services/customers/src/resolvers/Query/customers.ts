import { authorize } from '@vinculo/common';
import type { QueryResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { customerFilter } from '../customer-filter';

export const customersQuery =
  (deps: ResolverDeps): Required<QueryResolvers>['customers'] =>
  async (_parent, { filter, first, after }, ctx) => {
    authorize(policy, 'listCustomers', ctx.principal);
    return deps.customers.page(ctx.principal, await customerFilter(deps, ctx, filter), { first, after });
  };
