import { authorize, businessNow } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { runBillingPeriod as run } from '../../application/billing-run';

export const runBillingPeriod =
  (deps: ResolverDeps): NonNullable<MutationResolvers['runBillingPeriod']> =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'runBillingPeriod', principal);
    const result = await run(deps, principal, input.period, businessNow(principal.tenantId), input.billingAccountId ?? undefined);
    deps.published();
    return result;
  };
