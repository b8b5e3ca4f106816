import { authorize, monthsBetween } from '@vinculo/common';
import { policy } from '../../policy';
import type { QueryResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { monthIndicators } from '../../application/indicators';

/** One call, many months (issue #15): the single-month indicators, month by month (same rules, same policy). */
export const postSaleIndicatorSeries =
  (deps: ResolverDeps): NonNullable<QueryResolvers['postSaleIndicatorSeries']> =>
  async (_parent, { from, to }, ctx) => {
    // Before reading the range: a caller who may not read indicators learns nothing, not even bad input.
    authorize(policy, 'readPostSaleIndicators', ctx.principal);
    const out = [];
    for (const month of monthsBetween(from, to)) out.push(await monthIndicators(deps, ctx.principal.tenantId, month));
    return out;
  };
