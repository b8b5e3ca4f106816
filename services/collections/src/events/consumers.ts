import { DomainError, permanent, type CustomerDirectory, type EventHandler, type Handlers, type TenantPolicyReadModel } from '@vinculo/common';
import type { BillingAccountModel } from '../store/billing-account.model';
import type { SubscriptionModel } from '../store/subscription.model';
import type { ChargeModel } from '../store/charge.model';
import type { InvoiceModel } from '../store/invoice.model';
import type { PaymentPromiseModel } from '../store/payment-promise.model';
import { applyClaimCredit } from '../application/claim-credit';
import { moveFollowUp } from '../application/promises';
import { systemActor } from '../application/account-ledger';
import { chargeRequested, orderActivated, productRegistered, productWithdrawn, subscriptionChanged } from '../application/product-mirror';
import type { ChargeProducer } from '../store/charge.model';

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

/**
 * Event handlers of the collections subgraph: each event type → its use case (application/), as the
 * system of the event's tenant. Each is idempotent by construction (deterministic ids, guarded pushes).
 */
export function collectionsConsumers(s: Stores): Handlers {
  /** sales.SalesOrderActivated: billing starts — one billing account per order (contract), id derived from the order. */
  const orderActivatedHandler: EventHandler<'sales.SalesOrderActivated'> = (e) => orderActivated(s, e.tenantId, e.data);

  const productRegisteredHandler: EventHandler<'postsale.InstalledProductRegistered'> = (e) => productRegistered(s, e.tenantId, e.data);

  /** postsale.SubscriptionChanged: the change joins the subscription's dated history (once per event id). */
  const subscriptionChangedHandler: EventHandler<'postsale.SubscriptionChanged'> = (e) => subscriptionChanged(s, e.tenantId, e.id, e.data);

  /** postsale.InstalledProductWithdrawn: display status only; the final bill follows SubscriptionChanged WITHDRAWN (R-PS-H3 billing mode). */
  const productWithdrawnHandler: EventHandler<'postsale.InstalledProductWithdrawn'> = (e) => productWithdrawn(s, e.tenantId, e.data);

  /** postsale.ChargeRequested and techsupport.ChargeRequested (same data shape): a charge to bill, per producer. */
  const chargeRequestedHandler =
    (producer: ChargeProducer): EventHandler<'postsale.ChargeRequested' | 'techsupport.ChargeRequested'> =>
    (e) =>
      chargeRequested(s, producer, e.tenantId, e.time, e.data);

  /**
   * collections.BillingClaimResolved (our own event, from the claim's outbox): an ACCEPTED claim's credit
   * reaches the account even if the resolving process died after storing the resolution. The guard is
   * the event id, the same the resolver used, so the credit is applied once whichever path comes first.
   */
  const claimResolved: EventHandler<'collections.BillingClaimResolved'> = async (e) => {
    if (e.data.outcome !== 'ACCEPTED' || e.data.creditAmount <= 0) return;
    try {
      await applyClaimCredit(s, systemActor(e.tenantId), e.data.billingAccountId, e.data.creditAmount, e.id);
    } catch (err) {
      // The claim was made on an invoice of an existing account, and accounts are never removed: an
      // account this tenant does not have will never appear, so the credit is refused for good.
      if (err instanceof DomainError && err.kind === 'not_found') throw permanent(err);
      throw err;
    }
  };

  /** collections.CollectionCallRecorded (our own event, from the call's outbox): R-COL-I1 the promise's follow-up moves on even if the recording process died after storing the call. */
  const callRecorded: EventHandler<'collections.CollectionCallRecorded'> = async (e) => {
    if (e.data.promiseId && e.data.nextFollowUpDate) await moveFollowUp(s.promises, e.tenantId, e.data.promiseId, e.data.nextFollowUpDate);
  };

  return {
    'collections.BillingClaimResolved': claimResolved,
    'collections.CollectionCallRecorded': callRecorded,
    'sales.SalesOrderActivated': orderActivatedHandler,
    'postsale.InstalledProductRegistered': productRegisteredHandler,
    'postsale.SubscriptionChanged': subscriptionChangedHandler,
    'postsale.InstalledProductWithdrawn': productWithdrawnHandler,
    'postsale.ChargeRequested': chargeRequestedHandler('postsale'),
    'techsupport.ChargeRequested': chargeRequestedHandler('techsupport'),
  };
}
