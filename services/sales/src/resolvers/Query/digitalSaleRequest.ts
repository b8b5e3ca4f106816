import { authorize } from '@vinculo/common';
import type { QueryResolvers } from '../../__generated__/resolvers-types';
import { policy } from '../../policy';
import type { ResolverDeps } from '../deps';

export const digitalSaleRequest =
  ({ digital }: ResolverDeps): Required<QueryResolvers>['digitalSaleRequest'] =>
  (_p, { id }, ctx) => {
    authorize(policy, 'readSales', ctx.principal);
    return digital.load(ctx, id).then((d) => d ?? null);
  };
