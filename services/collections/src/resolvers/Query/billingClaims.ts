import { authorize, paginate } from '@vinculo/common';
import type { QueryResolvers } from '../../__generated__/resolvers-types';
import type { BillingClaimDoc } from '../../store/billing-claim.model';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';

export const billingClaim =
  (deps: ResolverDeps): Required<QueryResolvers>['billingClaim'] =>
  (_parent, { id }, ctx) => {
    authorize(policy, 'readCollections', ctx.principal);
    return deps.reads.claim(ctx, id);
  };

/** The claims unit's queue: ASSIGNED claims, urgent first then oldest (queueKey), a cursor connection. */
export const assignedBillingClaims =
  (deps: ResolverDeps): Required<QueryResolvers>['assignedBillingClaims'] =>
  (_parent, args, ctx) => {
    authorize(policy, 'readClaimsQueue', ctx.principal);
    return paginate<BillingClaimDoc>(deps.claims, { tenantId: ctx.principal.tenantId, status: 'ASSIGNED' }, args, ctx.principal, {
      field: 'queueKey',
      descending: false,
    });
  };
