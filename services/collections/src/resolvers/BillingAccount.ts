import { authorize, byKeys, childConnection, groupByKeys, loader, money, type RequestContext } from '@vinculo/common';
import type { BilledProductResolvers, BillingAccountResolvers, ChargeResolvers, CollectionCallResolvers, InstalledProductResolvers } from '../__generated__/resolvers-types';
import type { SubscriptionDoc } from '../store/subscription.model';
import type { CollectionCallDoc } from '../store/collection-activity.model';
import type { ChargeDoc } from '../store/charge.model';
import { loadPaymentPromise } from './PaymentPromise';
import type { ResolverDeps } from './deps';
import type { InvoiceDoc } from '../store/invoice.model';
import type { PaymentDoc } from '../store/payment.model';
import type { PaymentPromiseDoc } from '../store/payment-promise.model';
import { policy } from '../policy';
import { settlementOf } from '../domain/receivable-invoice';
import { loadBillingAccount } from './Query/billingAccount';
import { balanceOf } from '../domain/ledger';
import { ledgerOf } from '../application/account-ledger';

export const BilledProduct = (deps: ResolverDeps): BilledProductResolvers => ({
  installedProductId: (s) => s.installedProductId,
  installedProduct: (s) => ({ id: s.installedProductId }),
  billingAccount: async (s, _a, ctx) => (s.billingAccountId ? ((await loadBillingAccount(deps, ctx, s.billingAccountId)) ?? null) : null),
  changeCount: (s) => s.changes.length,
});

const loadSubscription = ({ subscriptions }: ResolverDeps, ctx: RequestContext, id: string) =>
  loader<string, SubscriptionDoc>(ctx, 'subscriptionByProduct', async (ids) =>
    byKeys(ids, await subscriptions.find({ tenantId: ctx.principal.tenantId, installedProductId: { $in: [...ids] } }).lean<SubscriptionDoc[]>(), (s) => s.installedProductId),
  ).load(id);

/** Collections' fields of post-sale's InstalledProduct entity. */
export const InstalledProduct = (deps: ResolverDeps): InstalledProductResolvers => ({
  __resolveReference: (ref, ctx) => {
    authorize(policy, 'readCollections', ctx.principal);
    return { id: ref.id };
  },
  billedProduct: async (p, _a, ctx) => {
    authorize(policy, 'readCollections', ctx.principal);
    return (await loadSubscription(deps, ctx, p.id)) ?? null;
  },
});

/** An account's products and pending charges, batched per request (N accounts of a customer → one query each). */
const productsOf = ({ subscriptions }: ResolverDeps, ctx: RequestContext, accountId: string) =>
  loader<string, SubscriptionDoc[]>(ctx, 'productsByAccount', async (ids) =>
    groupByKeys(ids, await subscriptions.find({ tenantId: ctx.principal.tenantId, billingAccountId: { $in: [...ids] } }).sort({ _id: 1 }).lean<SubscriptionDoc[]>(), (s) => s.billingAccountId ?? ''),
  ).load(accountId);
const pendingChargesOf = ({ charges }: ResolverDeps, ctx: RequestContext, accountId: string) =>
  loader<string, ChargeDoc[]>(ctx, 'pendingChargesByAccount', async (ids) =>
    groupByKeys(ids, await charges.find({ tenantId: ctx.principal.tenantId, billingAccountId: { $in: [...ids] }, invoiceId: null }).sort({ requestedAt: 1, _id: 1 }).lean<ChargeDoc[]>(), (c) => c.billingAccountId ?? ''),
  ).load(accountId);

export const Charge = (): ChargeResolvers => ({
  id: (c) => c._id,
  settlement: (c) => settlementOf(c.settlement),
  amount: (c) => money(c.amountMinor, c.currency),
});

export const BillingAccount = (deps: ResolverDeps): BillingAccountResolvers => ({
  __resolveReference: (ref, ctx) => {
    authorize(policy, 'readCollections', ctx.principal);
    return loadBillingAccount(deps, ctx, ref.id);
  },
  id: (a) => a._id,
  customer: (a) => ({ id: a.customerId }),
  orderId: (a) => a.orderId ?? null,
  balance: (a) => money(balanceOf(ledgerOf(a)), a.currency),
  credit: (a) => money(a.creditMinor ?? 0, a.currency),
  overdueAmount: (a) => money(a.overdueMinor ?? 0, a.currency),
  invoices: (a, args, ctx) =>
    childConnection<InvoiceDoc>(ctx, { name: 'BillingAccount.invoices', model: deps.invoices, parentField: 'billingAccountId', sortField: 'issuedAt' }, a._id, args),
  paymentPromises: (a, args, ctx) =>
    childConnection<PaymentPromiseDoc>(ctx, { name: 'BillingAccount.paymentPromises', model: deps.promises, parentField: 'billingAccountId', sortField: 'createdAt' }, a._id, args),
  pendingCharges: async (a, _args, ctx) => (await pendingChargesOf(deps, ctx, a._id)) ?? [],
  products: async (a, _args, ctx) => (await productsOf(deps, ctx, a._id)) ?? [],
  collectionCalls: (a, args, ctx) =>
    childConnection<CollectionCallDoc>(ctx, { name: 'BillingAccount.collectionCalls', model: deps.calls, parentField: 'billingAccountId', sortField: 'calledAt' }, a._id, args),
  payments: (a, args, ctx) =>
    childConnection<PaymentDoc>(ctx, { name: 'BillingAccount.payments', model: deps.payments, parentField: 'billingAccountId', sortField: 'receivedAt' }, a._id, args),
});

export const CollectionCall = (deps: ResolverDeps): CollectionCallResolvers => ({
  id: (c) => c._id,
  billingAccount: async (c, _a, ctx) => {
    const a = await loadBillingAccount(deps, ctx, c.billingAccountId);
    if (!a) throw new Error(`account ${c.billingAccountId} of call ${c._id} missing`);
    return a;
  },
  customer: (c) => ({ id: c.customerId }),
  note: (c) => c.note ?? null,
  paymentPromise: async (c, _a, ctx) => (c.promiseId ? ((await loadPaymentPromise(deps, ctx, c.promiseId)) ?? null) : null),
});
