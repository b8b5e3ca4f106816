import { authorize } from '@vinculo/common';
import type { QueryResolvers } from '../../__generated__/resolvers-types';
import type { BillingClaimDoc } from '../../store/billing-claim.model';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { loadBillingClaim } from '../BillingClaim';

export const billingClaim =
  (deps: ResolverDeps): QueryResolvers['billingClaim'] =>
  (_parent, { id }, ctx) => {
    authorize(policy, 'readCollections', ctx.principal);
    return loadBillingClaim(deps, ctx, id);
  };

/** The claims unit's queue: a working list (first 100), urgent first, then oldest. */
export const assignedBillingClaims =
  (deps: ResolverDeps): QueryResolvers['assignedBillingClaims'] =>
  (_parent, _args, ctx) => {
    authorize(policy, 'readCollections', ctx.principal);
    return deps.claims.find({ tenantId: ctx.principal.tenantId, status: 'ASSIGNED' }).sort({ urgent: -1, registeredAt: 1, _id: 1 }).limit(100).lean<BillingClaimDoc[]>().exec();
  };
