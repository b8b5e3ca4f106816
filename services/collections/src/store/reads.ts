import { byIdLoader, byKeys, findByIds, findOneById, groupByKeys, loader, type CustomerDirectory, type RequestContext } from '@vinculo/common';
import type { BillingAccountDoc, BillingAccountModel } from './billing-account.model';
import type { SubscriptionDoc, SubscriptionModel } from './subscription.model';
import type { ChargeDoc, ChargeModel } from './charge.model';
import type { InvoiceDoc, InvoiceModel } from './invoice.model';
import type { PaymentModel } from './payment.model';
import type { PaymentPromiseDoc, PaymentPromiseModel } from './payment-promise.model';
import type { BillingClaimModel } from './billing-claim.model';
import type { InvoiceDeliveryDoc, InvoiceDeliveryModel } from './collection-activity.model';

interface ReadStores {
  accounts: BillingAccountModel;
  subscriptions: SubscriptionModel;
  charges: ChargeModel;
  invoices: InvoiceModel;
  payments: PaymentModel;
  promises: PaymentPromiseModel;
  claims: BillingClaimModel;
  deliveries: InvoiceDeliveryModel;
  directory: CustomerDirectory;
}

/**
 * What collections' resolvers read, batched per request through named DataLoaders (N parents → one
 * query), always within the caller's tenant; by id `_id` first (kit by-id).
 */
export function collectionsReads(s: ReadStores) {
  return {
    account: (ctx: RequestContext, id: string) => byIdLoader(s.accounts, 'billingAccountById')(ctx, id),
    invoice: (ctx: RequestContext, id: string) => byIdLoader(s.invoices, 'invoiceById')(ctx, id),
    payment: (ctx: RequestContext, id: string) => byIdLoader(s.payments, 'paymentById')(ctx, id),
    promise: (ctx: RequestContext, id: string) => byIdLoader(s.promises, 'paymentPromiseById')(ctx, id),
    claim: (ctx: RequestContext, id: string) => byIdLoader(s.claims, 'billingClaimById')(ctx, id),

    /** The billed product mirroring post-sale's installed product. */
    subscriptionOfProduct: (ctx: RequestContext, installedProductId: string) =>
      loader<string, SubscriptionDoc>(ctx, 'subscriptionByProduct', async (ids) =>
        byKeys(
          ids,
          await s.subscriptions.find({ tenantId: ctx.principal.tenantId, installedProductId: { $in: [...ids] } }).lean<SubscriptionDoc[]>(),
          (x) => x.installedProductId,
        ),
      ).load(installedProductId),

    /** An account's products (N accounts of a customer → one query). */
    productsOfAccount: async (ctx: RequestContext, accountId: string) =>
      (await loader<string, SubscriptionDoc[]>(ctx, 'productsByAccount', async (ids) =>
        groupByKeys(
          ids,
          await s.subscriptions
            .find({ tenantId: ctx.principal.tenantId, billingAccountId: { $in: [...ids] } })
            .sort({ _id: 1 })
            .lean<SubscriptionDoc[]>(),
          (x) => x.billingAccountId ?? '',
        ),
      ).load(accountId)) ?? [],

    /** An account's charges not invoiced yet, oldest first. */
    pendingChargesOfAccount: async (ctx: RequestContext, accountId: string) =>
      (await loader<string, ChargeDoc[]>(ctx, 'pendingChargesByAccount', async (ids) =>
        groupByKeys(
          ids,
          await s.charges
            .find({ tenantId: ctx.principal.tenantId, billingAccountId: { $in: [...ids] }, invoiceId: null })
            .sort({ requestedAt: 1, _id: 1 })
            .lean<ChargeDoc[]>(),
          (c) => c.billingAccountId ?? '',
        ),
      ).load(accountId)) ?? [],

    /** A customer's accounts (N customers → one query). */
    accountsOfCustomer: async (ctx: RequestContext, customerId: string) =>
      (await loader<string, BillingAccountDoc[]>(ctx, 'accountsByCustomer', async (ids) =>
        groupByKeys(
          ids,
          await s.accounts
            .find({ tenantId: ctx.principal.tenantId, customerId: { $in: [...ids] } })
            .sort({ _id: 1 })
            .lean<BillingAccountDoc[]>(),
          (a) => a.customerId,
        ),
      ).load(customerId)) ?? [],

    /** An invoice's deliveries, oldest first (a handful per invoice). */
    deliveriesOfInvoice: async (ctx: RequestContext, invoiceId: string) =>
      (await loader<string, InvoiceDeliveryDoc[]>(ctx, 'deliveriesByInvoice', async (ids) =>
        groupByKeys(
          ids,
          await s.deliveries
            .find({ tenantId: ctx.principal.tenantId, invoiceId: { $in: [...ids] } })
            .sort({ deliveredAt: 1, _id: 1 })
            .lean<InvoiceDeliveryDoc[]>(),
          (d) => d.invoiceId,
        ),
      ).load(invoiceId)) ?? [],

    /** The tenant's invoices among these ids. */
    invoicesByIds: (tenantId: string, ids: readonly string[]): Promise<InvoiceDoc[]> => findByIds(s.invoices, tenantId, ids),

    /** The pending promises of these accounts (at most one each). */
    pendingPromisesOf: (tenantId: string, accountIds: readonly string[]): Promise<PaymentPromiseDoc[]> =>
      s.promises
        .find({ tenantId, status: 'PENDING', billingAccountId: { $in: [...accountIds] } })
        .lean<PaymentPromiseDoc[]>()
        .exec(),

    /** The customers of an executive's portfolio (customer directory read model). */
    portfolioOf: async (tenantId: string, executiveId: string): Promise<string[]> =>
      (await s.directory.model.find({ tenantId, executiveId }, { _id: 1 }).lean()).map((c) => c._id),

    /** The customer's name as the directory knows it (the id when not known yet). */
    customerName: async (tenantId: string, customerId: string): Promise<string> =>
      (await findOneById(s.directory.model, tenantId, customerId, { name: 1 }))?.name ?? customerId,
  };
}
export type CollectionsReads = ReturnType<typeof collectionsReads>;
