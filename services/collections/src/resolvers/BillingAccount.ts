import { authorize, childConnection, money } from '@vinculo/common';
import type {
  BilledProductResolvers,
  BillingAccountResolvers,
  ChargeResolvers,
  CollectionCallResolvers,
  InstalledProductResolvers,
} from '../__generated__/resolvers-types';
import type { CollectionCallDoc } from '../store/collection-activity.model';
import type { ResolverDeps } from './deps';
import type { InvoiceDoc } from '../store/invoice.model';
import type { PaymentDoc } from '../store/payment.model';
import type { PaymentPromiseDoc } from '../store/payment-promise.model';
import { policy } from '../policy';
import { settlementOf } from '../domain/receivable-invoice';
import { balanceOf } from '../domain/ledger';
import { ledgerOf } from '../application/account-ledger';

export const BilledProduct = (deps: ResolverDeps): BilledProductResolvers => ({
  installedProductId: (s) => s.installedProductId,
  installedProduct: (s) => ({ id: s.installedProductId }),
  billingAccount: async (s, _a, ctx) => (s.billingAccountId ? await deps.reads.account(ctx, s.billingAccountId) : null),
  changeCount: (s) => s.changes.length,
});

/** Collections' fields of post-sale's InstalledProduct entity. */
export const InstalledProduct = (deps: ResolverDeps): InstalledProductResolvers => ({
  __resolveReference: (ref, ctx) => {
    authorize(policy, 'readCollections', ctx.principal);
    return { id: ref.id };
  },
  billedProduct: async (p, _a, ctx) => {
    authorize(policy, 'readCollections', ctx.principal);
    return deps.reads.subscriptionOfProduct(ctx, p.id);
  },
});

export const Charge = (): ChargeResolvers => ({
  id: (c) => c._id,
  settlement: (c) => settlementOf(c.settlement),
  amount: (c) => money(c.amountMinor, c.currency),
});

export const BillingAccount = (deps: ResolverDeps): BillingAccountResolvers => ({
  __resolveReference: (ref, ctx) => {
    authorize(policy, 'readCollections', ctx.principal);
    return deps.reads.account(ctx, ref.id);
  },
  id: (a) => a._id,
  customer: (a) => ({ id: a.customerId }),
  orderId: (a) => a.orderId ?? null,
  balance: (a) => money(balanceOf(ledgerOf(a)), a.currency),
  credit: (a) => money(a.creditMinor ?? 0, a.currency),
  overdueAmount: (a) => money(a.overdueMinor ?? 0, a.currency),
  invoices: (a, args, ctx) =>
    childConnection<InvoiceDoc>(
      ctx,
      { name: 'BillingAccount.invoices', model: deps.invoices, parentField: 'billingAccountId', sortField: 'issuedAt' },
      a._id,
      args,
    ),
  paymentPromises: (a, args, ctx) =>
    childConnection<PaymentPromiseDoc>(
      ctx,
      { name: 'BillingAccount.paymentPromises', model: deps.promises, parentField: 'billingAccountId', sortField: 'createdAt' },
      a._id,
      args,
    ),
  pendingCharges: (a, _args, ctx) => deps.reads.pendingChargesOfAccount(ctx, a._id),
  products: (a, _args, ctx) => deps.reads.productsOfAccount(ctx, a._id),
  collectionCalls: (a, args, ctx) =>
    childConnection<CollectionCallDoc>(
      ctx,
      { name: 'BillingAccount.collectionCalls', model: deps.calls, parentField: 'billingAccountId', sortField: 'calledAt' },
      a._id,
      args,
    ),
  payments: (a, args, ctx) =>
    childConnection<PaymentDoc>(
      ctx,
      { name: 'BillingAccount.payments', model: deps.payments, parentField: 'billingAccountId', sortField: 'receivedAt' },
      a._id,
      args,
    ),
});

export const CollectionCall = (deps: ResolverDeps): CollectionCallResolvers => ({
  id: (c) => c._id,
  billingAccount: async (c, _a, ctx) => {
    const a = await deps.reads.account(ctx, c.billingAccountId);
    if (!a) throw new Error(`account ${c.billingAccountId} of call ${c._id} missing`);
    return a;
  },
  customer: (c) => ({ id: c.customerId }),
  note: (c) => c.note ?? null,
  paymentPromise: async (c, _a, ctx) => (c.promiseId ? await deps.reads.promise(ctx, c.promiseId) : null),
});
