import { authorize } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import { changePlanPrice, definePlan, definePromotion, withdrawPlan } from '../../application/catalog';
import { policy } from '../../policy';
import type { ResolverDeps } from '../deps';

/** The catalog is the commercial director's (and the admin's). */
export const catalogMutations = (
  deps: ResolverDeps,
): Required<Pick<MutationResolvers, 'definePlan' | 'changePlanPrice' | 'withdrawPlan' | 'definePromotion'>> => ({
  definePlan: async (_p, { input }, { principal }) => {
    authorize(policy, 'manageCatalog', principal);
    return { plan: await definePlan(deps, principal, input) };
  },
  changePlanPrice: async (_p, { input }, { principal }) => {
    authorize(policy, 'manageCatalog', principal);
    return { plan: await changePlanPrice(deps, principal, input) };
  },
  withdrawPlan: async (_p, { input }, { principal }) => {
    authorize(policy, 'manageCatalog', principal);
    return { plan: await withdrawPlan(deps, principal, input) };
  },
  definePromotion: async (_p, { input }, { principal }) => {
    authorize(policy, 'manageCatalog', principal);
    return { promotion: await definePromotion(deps, principal, input) };
  },
});
