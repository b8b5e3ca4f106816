import { authorize, money } from '@vinculo/common';
import type { PaymentAllocationResolvers, PaymentResolvers } from '../__generated__/resolvers-types';
import type { ResolverDeps } from './deps';
import { policy } from '../policy';

export const Payment = (deps: ResolverDeps): PaymentResolvers => ({
  __resolveReference: (ref, ctx) => {
    authorize(policy, 'readCollections', ctx.principal);
    return deps.reads.payment(ctx, ref.id);
  },
  id: (p) => p._id,
  billingAccount: async (p, _a, ctx) => {
    const a = await deps.reads.account(ctx, p.billingAccountId);
    if (!a) throw new Error(`account ${p.billingAccountId} of payment ${p._id} missing`);
    return a;
  },
  amount: (p) => money(p.amountMinor, p.currency),
  creditAdded: (p) => money(p.creditAddedMinor, p.currency),
  allocations: (p) => p.allocations.map((a) => ({ invoiceId: a.invoiceId, amountMinor: a.amountMinor, currency: p.currency })),
});

export const PaymentAllocation = (deps: ResolverDeps): PaymentAllocationResolvers => ({
  invoice: async (a, _args, ctx) => {
    const i = await deps.reads.invoice(ctx, a.invoiceId);
    if (!i) throw new Error(`invoice ${a.invoiceId} missing`);
    return i;
  },
  amount: (a) => money(a.amountMinor, a.currency),
});
