import { authorize, monthsBetween } from '@vinculo/common';
import { policy } from '../../policy';
import type { QueryResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { postSaleIndicators } from './postSaleIndicators';

/** One call, many months (issue #15): the single-month indicators, month by month (same rules, same policy). */
export const postSaleIndicatorSeries =
  (deps: ResolverDeps): QueryResolvers['postSaleIndicatorSeries'] =>
  async (parent, { from, to }, ctx, info) => {
    // Before reading the range: a caller who may not read indicators learns nothing, not even bad input.
    authorize(policy, 'readPostSaleIndicators', ctx.principal);
    const one = postSaleIndicators(deps)!;
    const run = typeof one === 'function' ? one : one.resolve;
    const out = [];
    for (const month of monthsBetween(from, to)) out.push(await run(parent, { month }, ctx, info as never));
    return out as never;
  };
