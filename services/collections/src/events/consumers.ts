import { randomBytes } from 'node:crypto';
import { DomainError, insertOnce, isDuplicateKey, newEnvelope, permanent, SYSTEM_ACTOR, businessTimeOf, type CustomerDirectory, type EventHandler, type Handlers, type TenantPolicyReadModel } from '@vinculo/common';
import type { BillingAccountModel } from '../store/billing-account.model';
import { mirrorIdOf, type SubscriptionDoc, type SubscriptionModel } from '../store/subscription.model';
import { chargeDocId, type ChargeModel, type ChargeProducer } from '../store/charge.model';
import { accountNumberFrom, orderAccountId, productAccountId } from '../domain/billing-account';
import { applyClaimCredit } from '../application/claim-credit';
import { moveFollowUp } from '../application/promises';
import type { PaymentPromiseModel } from '../store/payment-promise.model';
import type { ChangeKind, SubscriptionChange } from '../domain/subscription-billing';
import type { InvoiceModel } from '../store/invoice.model';
import { settlementOf } from '../domain/receivable-invoice';
import { issuePendingReceivables } from '../application/receivable-invoices';

interface Stores {
  accounts: BillingAccountModel;
  subscriptions: SubscriptionModel;
  charges: ChargeModel;
  invoices: InvoiceModel;
  directory: CustomerDirectory;
  promises: PaymentPromiseModel;
  tenantPolicy: TenantPolicyReadModel;
  published: () => void;
}

const NUMBER_ATTEMPTS = 3;
const system = (tenantId: string) => ({ tenantId, actor: SYSTEM_ACTOR });

/** The customer's oldest account: where a product or charge of a not-yet-known order bills meanwhile. */
async function oldestAccountOf(accounts: BillingAccountModel, tenantId: string, customerId: string): Promise<string | null> {
  const oldest = await accounts.findOne({ tenantId, customerId }, { _id: 1 }).sort({ openedAt: 1, _id: 1 }).lean();
  return oldest?._id ?? null;
}

/** Event handlers of the collections subgraph; each is idempotent by construction (deterministic ids, guarded pushes). */
export function collectionsConsumers(s: Stores): Handlers {
  /** sales.SalesOrderActivated: billing starts — one billing account per order (contract), id derived from the order. */
  // One account per order whatever its items (each item is a subscription postsale registers and mirrors to us).
  const orderActivated: EventHandler<'sales.SalesOrderActivated'> = async (e) => {
    const { orderId, customerId } = e.data;
    const id = orderAccountId(e.tenantId, orderId);
    const currency = e.data.currency ?? (await s.tenantPolicy.policyFor(e.tenantId)).currency;
    const at = new Date(e.data.activatedAt);
    for (let attempt = 1; ; attempt++) {
      if (await s.accounts.exists({ _id: id, tenantId: e.tenantId })) break;
      const accountNumber = accountNumberFrom(randomBytes(5));
      const event = newEnvelope('collections', system(e.tenantId), {
        type: 'collections.BillingAccountOpened',
        subject: id,
        data: { billingAccountId: id, customerId, accountNumber, currency, standing: 'UP_TO_DATE' },
      });
      try {
        await s.accounts.create({
          _id: id, tenantId: e.tenantId, customerId, accountNumber, currency, standing: 'UP_TO_DATE', orderId,
          openedBy: SYSTEM_ACTOR.userId, openedAt: at, standingSince: at,
          history: [{ from: null, to: 'UP_TO_DATE', by: SYSTEM_ACTOR.userId, at, note: `opened for sales order ${orderId}` }],
          outbox: [event],
        });
        s.published();
        break;
      } catch (err) {
        if (!isDuplicateKey(err) || attempt >= NUMBER_ATTEMPTS) throw err;
      }
    }
    // This order's products already point at this id (productAccountId). The customer's products whose
    // order is not known yet, and charges, that found no account bill here until their order is known.
    await s.subscriptions.updateMany({ tenantId: e.tenantId, customerId, billingAccountId: null, orderId: null }, { $set: { billingAccountId: id } });
    await s.charges.updateMany({ tenantId: e.tenantId, customerId, billingAccountId: null }, { $set: { billingAccountId: id } });
    await issueReceivables(e.tenantId, customerId);
  };

  /**
   * A product whose order is not known yet bills provisionally to the customer's oldest account; the
   * update is conditional on the order still being unknown, so it never overrides the order's account
   * set by a SubscriptionChanged that got in first.
   */
  async function attachWithoutOrder(tenantId: string, installedProductId: string, customerId: string): Promise<void> {
    const accountId = productAccountId(tenantId, null, await oldestAccountOf(s.accounts, tenantId, customerId));
    if (accountId) await s.subscriptions.updateOne({ _id: mirrorIdOf(tenantId, installedProductId), tenantId, orderId: null, billingAccountId: null }, { $set: { billingAccountId: accountId } });
  }

  /**
   * The product's not-yet-invoiced charges follow the product to its current account (a charge that came
   * while the product was attached provisionally moves with it). Called after every write that attaches a
   * product and after every charge of a product is stored, so either order of the two converges.
   */
  async function chargesFollowProduct(tenantId: string, installedProductId: string): Promise<void> {
    const sub = await s.subscriptions.findOne({ _id: mirrorIdOf(tenantId, installedProductId), tenantId }, { billingAccountId: 1 }).lean();
    const accountId = sub?.billingAccountId;
    if (accountId) await s.charges.updateMany({ tenantId, installedProductId, invoiceId: null, billingAccountId: { $ne: accountId } }, { $set: { billingAccountId: accountId } });
  }

  /** R-PS-H4: the customer's receivable charges that have an account by now get their own invoice. */
  async function issueReceivables(tenantId: string, customerId: string): Promise<void> {
    if ((await issuePendingReceivables(s, tenantId, customerId)).length) s.published();
  }

  async function upsertSubscription(tenantId: string, installedProductId: string, customerId: string, set: Record<string, unknown>) {
    const defaults: Record<string, unknown> = { installedProductId, customerId, billingAccountId: null, orderId: null, changes: [], status: 'REGISTERED', family: null, serviceNumber: null, currency: null };
    // A path may not be in both $set and $setOnInsert.
    const insertOnly = Object.fromEntries(Object.entries(defaults).filter(([k]) => !(k in set)));
    try {
      await s.subscriptions.updateOne({ _id: mirrorIdOf(tenantId, installedProductId), tenantId }, { $set: { ...set, updatedAt: new Date() }, $setOnInsert: insertOnly }, { upsert: true });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
  }

  const productRegistered: EventHandler<'postsale.InstalledProductRegistered'> = async (e) => {
    const { installedProductId, customerId, family, serviceNumber } = e.data;
    await upsertSubscription(e.tenantId, installedProductId, customerId, { family, serviceNumber });
    // InstalledProductRegistered does not name the order: SubscriptionChanged does (and then wins).
    await attachWithoutOrder(e.tenantId, installedProductId, customerId);
    await chargesFollowProduct(e.tenantId, installedProductId);
    await issueReceivables(e.tenantId, customerId);
  };

  const STATUS_AFTER: Record<ChangeKind, SubscriptionDoc['status'] | null> = { ACTIVATED: 'ACTIVE', PLAN_CHANGED: null, SUSPENDED: 'SUSPENDED', RECONNECTED: 'ACTIVE', WITHDRAWN: 'WITHDRAWN' };
  /** postsale.SubscriptionChanged: the change joins the subscription's dated history (once per event id). */
  const subscriptionChanged: EventHandler<'postsale.SubscriptionChanged'> = async (e) => {
    const d = e.data;
    const change: SubscriptionChange = {
      eventId: e.id, change: d.change, effectiveDate: d.effectiveDate, planCode: d.planCode, monthlyFeeMinor: d.monthlyFeeMinor, billing: d.billing, wholePartMinor: d.wholePartMinor ?? null,
    };
    // Naming the order attaches the product to the order's account in the same write, whether that account
    // is open yet or not, and whatever provisional account it had.
    const byOrder = d.orderId ? { orderId: d.orderId, billingAccountId: productAccountId(e.tenantId, d.orderId, null) } : {};
    await upsertSubscription(e.tenantId, d.installedProductId, d.customerId, { currency: d.currency, ...byOrder });
    const status = STATUS_AFTER[d.change];
    await s.subscriptions.updateOne(
      { _id: mirrorIdOf(e.tenantId, d.installedProductId), tenantId: e.tenantId, 'changes.eventId': { $ne: e.id } },
      { $push: { changes: change }, ...(status ? { $set: { status } } : {}) },
    );
    if (!d.orderId) await attachWithoutOrder(e.tenantId, d.installedProductId, d.customerId);
    await chargesFollowProduct(e.tenantId, d.installedProductId);
    await issueReceivables(e.tenantId, d.customerId);
  };

  /** postsale.InstalledProductWithdrawn: display status only; the final bill follows SubscriptionChanged WITHDRAWN (R-PS-H3 billing mode). */
  const productWithdrawn: EventHandler<'postsale.InstalledProductWithdrawn'> = async (e) => {
    await upsertSubscription(e.tenantId, e.data.installedProductId, e.data.customerId, { status: 'WITHDRAWN' });
  };

  /**
   * postsale.ChargeRequested and techsupport.ChargeRequested (R-TS-K1 excess cable; same data shape): a
   * charge for the next invoice of the product's account (else the customer's oldest; a product's charge
   * follows the product when it moves to its order's account). The charge id is
   * per producer, so the two producers' ids never collide. settlement RECEIVABLE_INVOICE (R-PS-H4
   * factura CxC): the charge is stored the same way, never billed monthly, and gets an invoice of its
   * own at once on that account — or, when no account is known yet, as soon as one is.
   */
  const chargeRequested = (producer: ChargeProducer): EventHandler<'postsale.ChargeRequested' | 'techsupport.ChargeRequested'> => async (e) => {
    const d = e.data;
    let billingAccountId: string | null = null;
    if (d.installedProductId) {
      const sub = await s.subscriptions.findOne({ _id: mirrorIdOf(e.tenantId, d.installedProductId), tenantId: e.tenantId }, { billingAccountId: 1 }).lean();
      billingAccountId = sub?.billingAccountId ?? null;
    }
    billingAccountId ??= await oldestAccountOf(s.accounts, e.tenantId, d.customerId);
    await insertOnce(s.charges, {
      _id: chargeDocId(e.tenantId, producer, d.chargeId), tenantId: e.tenantId, customerId: d.customerId, installedProductId: d.installedProductId ?? null, billingAccountId,
      kind: d.kind, amountMinor: d.amountMinor, currency: d.currency, description: d.description, requestedAt: businessTimeOf(e.tenantId, e.time), invoiceId: null,
      settlement: settlementOf(d.settlement),
    });
    // The product may have moved to its order's account between the read above and the insert.
    if (d.installedProductId) await chargesFollowProduct(e.tenantId, d.installedProductId);
    if (settlementOf(d.settlement) === 'RECEIVABLE_INVOICE') await issueReceivables(e.tenantId, d.customerId);
  };

  /**
   * collections.BillingClaimResolved (our own event, from the claim's outbox): an ACCEPTED claim's credit
   * reaches the account even if the resolving process died after storing the resolution. The guard is
   * the event id, the same the resolver used, so the credit is applied once whichever path comes first.
   */
  const claimResolved: EventHandler<'collections.BillingClaimResolved'> = async (e) => {
    if (e.data.outcome !== 'ACCEPTED' || e.data.creditAmount <= 0) return;
    try {
      await applyClaimCredit(s, system(e.tenantId), e.data.billingAccountId, e.data.creditAmount, e.id);
    } catch (err) {
      // The claim was made on an invoice of an existing account, and accounts are never removed: an
      // account this tenant does not have will never appear, so the credit is refused for good.
      if (err instanceof DomainError && err.kind === 'not_found') throw permanent(err);
      throw err;
    }
    s.published();
  };

  /** collections.CollectionCallRecorded (our own event, from the call's outbox): R-COL-I1 the promise's follow-up moves on even if the recording process died after storing the call. */
  const callRecorded: EventHandler<'collections.CollectionCallRecorded'> = async (e) => {
    if (e.data.promiseId && e.data.nextFollowUpDate) await moveFollowUp(s.promises, e.tenantId, e.data.promiseId, e.data.nextFollowUpDate);
  };

  return {
    'collections.BillingClaimResolved': claimResolved,
    'collections.CollectionCallRecorded': callRecorded,
    'sales.SalesOrderActivated': orderActivated,
    'postsale.InstalledProductRegistered': productRegistered,
    'postsale.SubscriptionChanged': subscriptionChanged,
    'postsale.InstalledProductWithdrawn': productWithdrawn,
    'postsale.ChargeRequested': chargeRequested('postsale'),
    'techsupport.ChargeRequested': chargeRequested('techsupport'),
  };
}
