import { authorize, money } from '@vinculo/common';
import type { BillingClaimResolvers } from '../__generated__/resolvers-types';
import type { ResolverDeps } from './deps';
import { policy } from '../policy';

export const BillingClaim = (deps: ResolverDeps): BillingClaimResolvers => ({
  evidence: (c) => c.evidence ?? [],
  __resolveReference: (ref, ctx) => {
    authorize(policy, 'readCollections', ctx.principal);
    return deps.reads.claim(ctx, ref.id);
  },
  id: (c) => c._id,
  invoice: async (c, _a, ctx) => {
    const i = await deps.reads.invoice(ctx, c.invoiceId);
    if (!i) throw new Error(`invoice ${c.invoiceId} of claim ${c._id} missing`);
    return i;
  },
  billingAccount: async (c, _a, ctx) => {
    const a = await deps.reads.account(ctx, c.billingAccountId);
    if (!a) throw new Error(`account ${c.billingAccountId} of claim ${c._id} missing`);
    return a;
  },
  customer: (c) => ({ id: c.customerId }),
  outcome: (c) => c.outcome ?? null,
  resolution: (c) => c.resolution ?? null,
  credited: (c) => money(c.creditedMinor, c.currency),
  resolvedAt: (c) => c.resolvedAt ?? null,
});
