import { authorize, monthsBetween } from '@vinculo/common';
import { policy } from '../policy';
import type { QueryResolvers } from '../__generated__/resolvers-types';
import type { ResolverDeps } from './deps';
import { reportQueries } from './reports';

/**
 * One call, many months (issue #15): a monthly sales indicator month by month, through the very resolver
 * of one month (same rules, same policy and "own figures only" check).
 */
export const indicatorSeriesQueries = (deps: ResolverDeps): Pick<QueryResolvers, 'salesIndicatorSeries'> => ({
  salesIndicatorSeries: async (parent, { indicator, from, to, segment, executiveId }, ctx, info) => {
    // Before reading the range: a caller who may not read indicators learns nothing, not even bad input.
    authorize(policy, 'readReports', ctx.principal);
    const single = reportQueries(deps);
    const months = monthsBetween(from, to);
    const one = (month: string) => {
      if (indicator === 'BILLING_GROWTH') return call(single.billingGrowthIndicator, { month, segment: segment ?? '' });
      if (indicator === 'AFFILIATION') return call(single.affiliationIndicator, { month, executiveId: executiveId ?? null });
      return call(single.salesBudgetIndicator, { month, executiveId: executiveId ?? null });
    };
    // Resolvers are functions here (never { resolve }); the cast keeps the generated union out of the way.
    const call = (r: unknown, args: Record<string, unknown>) => (r as (p: unknown, a: unknown, c: unknown, i: unknown) => Promise<unknown>)(parent, args, ctx, info);
    const out = [];
    for (const month of months) out.push(await one(month));
    return out as never;
  },
});
