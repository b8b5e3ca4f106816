import { authorize, monthsBetween } from '@vinculo/common';
import { policy } from '../../policy';
import type { QueryResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { indicatorsOfPeriod } from './collectionsIndicators';
import { currentIndicatorTotals } from '../../application/indicator-totals';

/** One call, many periods (issue #15): the single-period indicators, period by period (same rules, same policy). */
export const collectionsIndicatorSeries =
  (deps: ResolverDeps): NonNullable<QueryResolvers['collectionsIndicatorSeries']> =>
  async (_parent, { from, to }, ctx) => {
    // Before reading the range: a caller who may not read indicators learns nothing, not even bad input.
    authorize(policy, 'readCollectionsIndicators', ctx.principal);
    const periods = monthsBetween(from, to);
    // The tenant's totals once for the whole series (each period reads its own billing from them).
    const totals = await currentIndicatorTotals(deps, ctx.principal.tenantId);
    const out: Awaited<ReturnType<typeof indicatorsOfPeriod>>[] = [];
    for (const period of periods) out.push(await indicatorsOfPeriod(deps, ctx.principal.tenantId, period, totals));
    return out;
  };
