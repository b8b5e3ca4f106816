import { authorize } from '@vinculo/common';
import type { QueryResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { monthIndicators } from '../../application/indicators';

/** R-PS-KPI of a month (requests received that local month), overall, per team and per request type. */
export const postSaleIndicators =
  (deps: ResolverDeps): NonNullable<QueryResolvers['postSaleIndicators']> =>
  async (_parent, { month }, ctx) => {
    authorize(policy, 'readPostSaleIndicators', ctx.principal);
    return monthIndicators(deps, ctx.principal.tenantId, month);
  };
