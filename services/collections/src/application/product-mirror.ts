import { businessTimeOf, insertOnce, isDuplicateKey, type CustomerDirectory, type EventData, type TenantPolicyReadModel } from '@vinculo/common';
import type { BillingAccountModel } from '../store/billing-account.model';
import { mirrorIdOf, type SubscriptionDoc, type SubscriptionModel } from '../store/subscription.model';
import { chargeDocId, type ChargeModel, type ChargeProducer } from '../store/charge.model';
import type { InvoiceModel } from '../store/invoice.model';
import { productAccountId } from '../domain/billing-account';
import type { ChangeKind, SubscriptionChange } from '../domain/subscription-billing';
import { settlementOf } from '../domain/receivable-invoice';
import { issuePendingReceivables } from './receivable-invoices';
import { openOrderAccount } from './billing-account';

/**
 * The products and charges collections bills, mirrored from post-sale's and techsupport's events, and
 * the accounts they bill to. Every step is idempotent (deterministic ids, conditional updates), so a
 * redelivered event or events arriving in any order converge on the same mirror.
 */
export interface MirrorStores {
  accounts: BillingAccountModel;
  subscriptions: SubscriptionModel;
  charges: ChargeModel;
  invoices: InvoiceModel;
  directory: CustomerDirectory;
  tenantPolicy: TenantPolicyReadModel;
  published: () => void;
}

/** The customer's oldest account: where a product or charge of a not-yet-known order bills meanwhile. */
async function oldestAccountOf(accounts: BillingAccountModel, tenantId: string, customerId: string): Promise<string | null> {
  const oldest = await accounts.findOne({ tenantId, customerId }, { _id: 1 }).sort({ openedAt: 1, _id: 1 }).lean();
  return oldest?._id ?? null;
}

/**
 * A product whose order is not known yet bills provisionally to the customer's oldest account; the
 * update is conditional on the order still being unknown, so it never overrides the order's account
 * set by a SubscriptionChanged that got in first.
 */
async function attachWithoutOrder(s: MirrorStores, tenantId: string, installedProductId: string, customerId: string): Promise<void> {
  const accountId = productAccountId(tenantId, null, await oldestAccountOf(s.accounts, tenantId, customerId));
  if (accountId)
    await s.subscriptions.updateOne(
      { _id: mirrorIdOf(tenantId, installedProductId), tenantId, orderId: null, billingAccountId: null },
      { $set: { billingAccountId: accountId } },
    );
}

/**
 * The product's not-yet-invoiced charges follow the product to its current account (a charge that came
 * while the product was attached provisionally moves with it). Called after every write that attaches a
 * product and after every charge of a product is stored, so either order of the two converges.
 */
async function chargesFollowProduct(s: MirrorStores, tenantId: string, installedProductId: string): Promise<void> {
  const sub = await s.subscriptions.findOne({ _id: mirrorIdOf(tenantId, installedProductId), tenantId }, { billingAccountId: 1 }).lean();
  const accountId = sub?.billingAccountId;
  if (accountId)
    await s.charges.updateMany(
      { tenantId, installedProductId, invoiceId: null, billingAccountId: { $ne: accountId } },
      { $set: { billingAccountId: accountId } },
    );
}

/** R-PS-H4: the customer's receivable charges that have an account by now get their own invoice. */
async function issueReceivables(s: MirrorStores, tenantId: string, customerId: string): Promise<void> {
  if ((await issuePendingReceivables(s, tenantId, customerId)).length) s.published();
}

async function upsertSubscription(
  s: MirrorStores,
  tenantId: string,
  installedProductId: string,
  customerId: string,
  set: Partial<SubscriptionDoc>,
): Promise<void> {
  const defaults: Partial<SubscriptionDoc> = {
    installedProductId,
    customerId,
    billingAccountId: null,
    orderId: null,
    changes: [],
    status: 'REGISTERED',
    family: null,
    serviceNumber: null,
    currency: null,
  };
  // A path may not be in both $set and $setOnInsert.
  const insertOnly = Object.fromEntries(Object.entries(defaults).filter(([k]) => !(k in set)));
  try {
    await s.subscriptions.updateOne(
      { _id: mirrorIdOf(tenantId, installedProductId), tenantId },
      { $set: { ...set, updatedAt: new Date() }, $setOnInsert: insertOnly },
      { upsert: true },
    );
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
}

/**
 * sales.SalesOrderActivated: the order's account is opened (once). This order's products already point
 * at it (productAccountId); the customer's products whose order is not known yet, and charges, that
 * found no account bill here until their order is known.
 */
export async function orderActivated(s: MirrorStores, tenantId: string, order: EventData<'sales.SalesOrderActivated'>): Promise<void> {
  const id = await openOrderAccount(s, tenantId, order);
  const { customerId } = order;
  await s.subscriptions.updateMany({ tenantId, customerId, billingAccountId: null, orderId: null }, { $set: { billingAccountId: id } });
  await s.charges.updateMany({ tenantId, customerId, billingAccountId: null }, { $set: { billingAccountId: id } });
  await issueReceivables(s, tenantId, customerId);
}

/** postsale.InstalledProductRegistered: the product is mirrored; it does not name its order (SubscriptionChanged does, and then wins). */
export async function productRegistered(s: MirrorStores, tenantId: string, d: EventData<'postsale.InstalledProductRegistered'>): Promise<void> {
  await upsertSubscription(s, tenantId, d.installedProductId, d.customerId, { family: d.family, serviceNumber: d.serviceNumber });
  await attachWithoutOrder(s, tenantId, d.installedProductId, d.customerId);
  await chargesFollowProduct(s, tenantId, d.installedProductId);
  await issueReceivables(s, tenantId, d.customerId);
}

export type SubscriptionChangedData = EventData<'postsale.SubscriptionChanged'>;

const STATUS_AFTER: Record<ChangeKind, SubscriptionDoc['status'] | null> = {
  ACTIVATED: 'ACTIVE',
  PLAN_CHANGED: null,
  SUSPENDED: 'SUSPENDED',
  RECONNECTED: 'ACTIVE',
  WITHDRAWN: 'WITHDRAWN',
};

/** postsale.SubscriptionChanged: the change joins the subscription's dated history (once per event id). */
export async function subscriptionChanged(s: MirrorStores, tenantId: string, eventId: string, d: SubscriptionChangedData): Promise<void> {
  const change: SubscriptionChange = {
    eventId,
    change: d.change,
    effectiveDate: d.effectiveDate,
    planCode: d.planCode,
    monthlyFeeMinor: d.monthlyFeeMinor,
    billing: d.billing,
    wholePartMinor: d.wholePartMinor ?? null,
  };
  // Naming the order attaches the product to the order's account in the same write, whether that account
  // is open yet or not, and whatever provisional account it had.
  const byOrder = d.orderId ? { orderId: d.orderId, billingAccountId: productAccountId(tenantId, d.orderId, null) } : {};
  await upsertSubscription(s, tenantId, d.installedProductId, d.customerId, { currency: d.currency, ...byOrder });
  const status = STATUS_AFTER[d.change];
  await s.subscriptions.updateOne(
    { _id: mirrorIdOf(tenantId, d.installedProductId), tenantId, 'changes.eventId': { $ne: eventId } },
    { $push: { changes: change }, ...(status ? { $set: { status } } : {}) },
  );
  if (!d.orderId) await attachWithoutOrder(s, tenantId, d.installedProductId, d.customerId);
  await chargesFollowProduct(s, tenantId, d.installedProductId);
  await issueReceivables(s, tenantId, d.customerId);
}

/** postsale.InstalledProductWithdrawn: display status only; the final bill follows SubscriptionChanged WITHDRAWN (R-PS-H3 billing mode). */
export async function productWithdrawn(s: MirrorStores, tenantId: string, d: EventData<'postsale.InstalledProductWithdrawn'>): Promise<void> {
  await upsertSubscription(s, tenantId, d.installedProductId, d.customerId, { status: 'WITHDRAWN' });
}

/** The two producers' ChargeRequested contracts carry the same data. */
export type ChargeRequestedData = EventData<'postsale.ChargeRequested'> | EventData<'techsupport.ChargeRequested'>;

/**
 * postsale.ChargeRequested and techsupport.ChargeRequested (R-TS-K1 excess cable; same data shape): a
 * charge for the next invoice of the product's account (else the customer's oldest; a product's charge
 * follows the product when it moves to its order's account). The charge id is per producer, so the two
 * producers' ids never collide. settlement RECEIVABLE_INVOICE (R-PS-H4 factura CxC): the charge is stored
 * the same way, never billed monthly, and gets an invoice of its own at once on that account — or, when
 * no account is known yet, as soon as one is.
 */
export async function chargeRequested(s: MirrorStores, producer: ChargeProducer, tenantId: string, time: string, d: ChargeRequestedData): Promise<void> {
  let billingAccountId: string | null = null;
  if (d.installedProductId) {
    const sub = await s.subscriptions.findOne({ _id: mirrorIdOf(tenantId, d.installedProductId), tenantId }, { billingAccountId: 1 }).lean();
    billingAccountId = sub?.billingAccountId ?? null;
  }
  billingAccountId ??= await oldestAccountOf(s.accounts, tenantId, d.customerId);
  await insertOnce(s.charges, {
    _id: chargeDocId(tenantId, producer, d.chargeId),
    tenantId,
    customerId: d.customerId,
    installedProductId: d.installedProductId ?? null,
    billingAccountId,
    kind: d.kind,
    amountMinor: d.amountMinor,
    currency: d.currency,
    description: d.description,
    requestedAt: businessTimeOf(tenantId, time),
    invoiceId: null,
    settlement: settlementOf(d.settlement),
  });
  // The product may have moved to its order's account between the read above and the insert.
  if (d.installedProductId) await chargesFollowProduct(s, tenantId, d.installedProductId);
  if (settlementOf(d.settlement) === 'RECEIVABLE_INVOICE') await issueReceivables(s, tenantId, d.customerId);
}
