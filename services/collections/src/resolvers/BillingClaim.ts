import { authorize, byIdLoader, money, type RequestContext } from '@vinculo/common';
import type { BillingClaimResolvers } from '../__generated__/resolvers-types';
import type { ResolverDeps } from './deps';
import { policy } from '../policy';
import { loadBillingAccount } from './Query/billingAccount';
import { loadInvoice } from './Query/invoice';

export const loadBillingClaim = ({ claims }: ResolverDeps, ctx: RequestContext, id: string) =>
  byIdLoader(claims, 'billingClaimById')(ctx, id);

export const BillingClaim = (deps: ResolverDeps): BillingClaimResolvers => ({
  evidence: (c) => c.evidence ?? [],
  __resolveReference: (ref, ctx) => {
    authorize(policy, 'readCollections', ctx.principal);
    return loadBillingClaim(deps, ctx, ref.id);
  },
  id: (c) => c._id,
  invoice: async (c, _a, ctx) => {
    const i = await loadInvoice(deps, ctx, c.invoiceId);
    if (!i) throw new Error(`invoice ${c.invoiceId} of claim ${c._id} missing`);
    return i;
  },
  billingAccount: async (c, _a, ctx) => {
    const a = await loadBillingAccount(deps, ctx, c.billingAccountId);
    if (!a) throw new Error(`account ${c.billingAccountId} of claim ${c._id} missing`);
    return a;
  },
  customer: (c) => ({ id: c.customerId }),
  outcome: (c) => c.outcome ?? null,
  resolution: (c) => c.resolution ?? null,
  credited: (c) => money(c.creditedMinor, c.currency),
  resolvedAt: (c) => c.resolvedAt ?? null,
});
