import { authorize } from '@vinculo/common';
import type { QueryResolvers } from '../../__generated__/resolvers-types';
import { policy } from '../../policy';
import type { ResolverDeps } from '../deps';

export const catalogQueries = ({ catalog }: ResolverDeps): Required<Pick<QueryResolvers, 'plans' | 'plan' | 'promotions'>> => ({
  plans: (_p, { filter, first, after }, ctx) => {
    authorize(policy, 'readSales', ctx.principal);
    return catalog.planPage(
      ctx.principal,
      { family: filter?.family ? filter.family.trim().toUpperCase() : undefined, activeOnly: !!filter?.activeOnly },
      { first, after },
    );
  },
  plan: (_p, { code }, ctx) => {
    authorize(policy, 'readSales', ctx.principal);
    return catalog.loadPlan(ctx, code.trim().toUpperCase()).then((p) => p ?? null);
  },
  promotions: (_p, { validOn, first, after }, ctx) => {
    authorize(policy, 'readSales', ctx.principal);
    return catalog.promotionPage(ctx.principal, validOn, { first, after });
  },
});
