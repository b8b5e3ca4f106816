import { authorize } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import * as claims from '../../application/billing-claim';

/** The acts of a billing claim (§3 F): role check, then the use case. */
export const billingClaimMutations = (
  deps: ResolverDeps,
): Pick<Required<MutationResolvers>, 'registerBillingClaim' | 'resolveBillingClaim' | 'informBillingClaimOutcome' | 'requestBillingClaimUrgency'> => ({
  registerBillingClaim: async (_p, { input }, { principal }) => {
    authorize(policy, 'registerBillingClaim', principal);
    return { billingClaim: await claims.registerBillingClaim(deps, principal, input) };
  },
  resolveBillingClaim: async (_p, { input }, { principal }) => {
    authorize(policy, 'resolveBillingClaim', principal);
    return { billingClaim: await claims.resolveBillingClaim(deps, principal, input) };
  },
  informBillingClaimOutcome: async (_p, { input }, { principal }) => {
    authorize(policy, 'informBillingClaimOutcome', principal);
    return { billingClaim: await claims.informBillingClaimOutcome(deps, principal, input) };
  },
  requestBillingClaimUrgency: async (_p, { input }, { principal }) => {
    authorize(policy, 'requestBillingClaimUrgency', principal);
    return { billingClaim: await claims.requestBillingClaimUrgency(deps, principal, input.claimId) };
  },
});
