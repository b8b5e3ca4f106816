import { authorize, money } from '@vinculo/common';
import type { PaymentPromiseResolvers } from '../__generated__/resolvers-types';
import type { ResolverDeps } from './deps';
import { policy } from '../policy';

export const PaymentPromise = (deps: ResolverDeps): PaymentPromiseResolvers => ({
  __resolveReference: (ref, ctx) => {
    authorize(policy, 'readCollections', ctx.principal);
    return deps.reads.promise(ctx, ref.id);
  },
  id: (p) => p._id,
  billingAccount: async (p, _a, ctx) => {
    const a = await deps.reads.account(ctx, p.billingAccountId);
    if (!a) throw new Error(`account ${p.billingAccountId} of promise ${p._id} missing`);
    return a;
  },
  amount: (p) => money(p.amountMinor, p.currency),
  paid: (p) => money(p.paidMinor, p.currency),
  note: (p) => p.note ?? null,
});
