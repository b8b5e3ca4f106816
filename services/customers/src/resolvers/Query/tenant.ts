import { authorize } from '@vinculo/common';
import type { QueryResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';

export const tenant =
  ({ tenants }: ResolverDeps): Required<QueryResolvers>['tenant'] =>
  (_parent, _args, ctx) => {
    authorize(policy, 'readTenant', ctx.principal);
    return tenants.current(ctx);
  };
