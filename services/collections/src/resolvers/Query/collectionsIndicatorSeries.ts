import { authorize, monthsBetween } from '@vinculo/common';
import { policy } from '../../policy';
import type { QueryResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { collectionsIndicators } from './collectionsIndicators';

/** One call, many periods (issue #15): the single-period indicators, period by period (same rules, same policy). */
export const collectionsIndicatorSeries =
  (deps: ResolverDeps): QueryResolvers['collectionsIndicatorSeries'] =>
  async (parent, { from, to }, ctx, info) => {
    // Before reading the range: a caller who may not read indicators learns nothing, not even bad input.
    authorize(policy, 'readCollectionsIndicators', ctx.principal);
    const one = collectionsIndicators(deps)!;
    const run = typeof one === 'function' ? one : one.resolve;
    const out = [];
    for (const period of monthsBetween(from, to)) out.push(await run(parent, { period }, ctx, info as never));
    return out as never;
  };
