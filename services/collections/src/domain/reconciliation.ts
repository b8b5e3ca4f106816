import { settled, type Discrepancy, type ReconciliationFact } from '@vinculo/common';

/**
 * collections in the reconciliation report (issue #12): revenue assurance. From sales' COMPLETED
 * orders, post-sale's subscriptions and charges, and techsupport's charges:
 *   ORDER_WITHOUT_BILLING_ACCOUNT        a COMPLETED sales order has no billing account.
 *   SUBSCRIPTION_NOT_BILLED              an ACTIVE or SUSPENDED subscription is not a billed product, or bills to no account.
 *   BILLED_STATUS_MISMATCH               a billed product's status differs from its subscription's.
 *   BILLED_PRODUCT_WITHOUT_SUBSCRIPTION  an ACTIVE or SUSPENDED billed product has no subscription in post-sale.
 *   FINAL_BILL_MISSING                   a WITHDRAWN subscription's billed product lacks its withdrawal (R-PS-H3: the
 *                                        final bill of the withdrawal month is made from it by the billing run).
 *   CHARGE_MISSING                       a charge post-sale or techsupport requested is not in collections.
 *   CHARGE_BILLED_TWICE                  a requested charge is on more than one invoice line.
 * A fact after the cutoff is work in flight and is not checked; neither is a billed product that
 * changed after the cutoff.
 */

/** The subscription statuses that bill (no fee while suspended, but the product stays billed). */
const LIVE: readonly string[] = ['ACTIVE', 'SUSPENDED'];

/** ORDER_WITHOUT_BILLING_ACCOUNT: each settled COMPLETED order whose account does not exist. */
export function ordersWithoutAccount(orders: readonly ReconciliationFact[], cutoff: Date, hasAccount: (orderId: string) => boolean): Discrepancy[] {
  return orders
    .filter((o) => settled(o.at, cutoff) && !hasAccount(o.id))
    .map((o) => ({
      invariant: 'ORDER_WITHOUT_BILLING_ACCOUNT',
      entityIds: [o.id],
      since: o.at,
      detail: `sales order ${o.id} is COMPLETED but has no billing account (sales.SalesOrderActivated not applied)`,
    }));
}

/** A billed product (collections' mirror of a subscription) as the checks read it. */
export interface BilledView {
  installedProductId: string;
  status: string;
  billingAccountId: string | null;
  /** It holds the WITHDRAWN change the final bill is made from. */
  withdrawn: boolean;
  updatedAt: Date;
}

/**
 * SUBSCRIPTION_NOT_BILLED, BILLED_STATUS_MISMATCH, FINAL_BILL_MISSING for each settled subscription;
 * BILLED_PRODUCT_WITHOUT_SUBSCRIPTION for each live billed product (settled) that post-sale does not
 * list at all. `subscriptions` is every subscription post-sale registered by the cutoff, later changes
 * included (a subscription changed after the cutoff is in flight, not missing).
 */
export function billingDiscrepancies(
  subscriptions: readonly ReconciliationFact[],
  cutoff: Date,
  billedOf: (installedProductId: string) => BilledView | undefined,
  liveBilled: readonly BilledView[],
): Discrepancy[] {
  const out: Discrepancy[] = [];
  for (const s of subscriptions) {
    if (!settled(s.at, cutoff)) continue;
    const b = billedOf(s.id);
    const ids = [s.id, ...(s.customerId ? [s.customerId] : [])];
    if (s.status && LIVE.includes(s.status)) {
      if (!b)
        out.push({
          invariant: 'SUBSCRIPTION_NOT_BILLED',
          entityIds: ids,
          since: s.at,
          detail: `subscription ${s.id} is ${s.status} but collections has no billed product for it`,
        });
      else if (!b.billingAccountId)
        out.push({
          invariant: 'SUBSCRIPTION_NOT_BILLED',
          entityIds: ids,
          since: s.at,
          detail: `subscription ${s.id} is ${s.status} but its billed product bills to no account`,
        });
    }
    if (b && b.status !== s.status) {
      out.push({
        invariant: 'BILLED_STATUS_MISMATCH',
        entityIds: ids,
        since: s.at,
        detail: `subscription ${s.id} is ${s.status} in post-sale, ${b.status} in collections`,
      });
    }
    if (s.status === 'WITHDRAWN' && !b?.withdrawn) {
      out.push({
        invariant: 'FINAL_BILL_MISSING',
        entityIds: ids,
        since: s.at,
        detail: `subscription ${s.id} is WITHDRAWN but ${b ? 'its billed product has no withdrawal' : 'collections has no billed product for it'}: no final bill (R-PS-H3)`,
      });
    }
  }
  const known = new Set(subscriptions.map((s) => s.id));
  for (const b of liveBilled) {
    if (!LIVE.includes(b.status) || !settled(b.updatedAt, cutoff) || known.has(b.installedProductId)) continue;
    out.push({
      invariant: 'BILLED_PRODUCT_WITHOUT_SUBSCRIPTION',
      entityIds: [b.installedProductId],
      since: b.updatedAt,
      detail: `billed product ${b.installedProductId} is ${b.status} in collections but post-sale has no such subscription`,
    });
  }
  return out;
}

/** A charge a producer requested, with the id collections stores it under. */
export interface RequestedCharge {
  producer: string;
  fact: ReconciliationFact;
  storedId: string;
}

/**
 * CHARGE_MISSING: a settled requested charge that collections did not store; CHARGE_BILLED_TWICE: one
 * that more than one invoice line bills (`billedOn` lists the invoice of each line).
 */
export function chargeDiscrepancies(
  charges: readonly RequestedCharge[],
  cutoff: Date,
  stored: ReadonlySet<string>,
  billedOn: (storedId: string) => readonly string[],
): Discrepancy[] {
  const out: Discrepancy[] = [];
  for (const { producer, fact: c, storedId } of charges) {
    if (!settled(c.at, cutoff)) continue;
    const ids = [c.id, ...(c.ref ? [c.ref] : [])];
    if (!stored.has(storedId)) {
      out.push({
        invariant: 'CHARGE_MISSING',
        entityIds: ids,
        since: c.at,
        detail: `${c.kind ?? 'charge'} ${c.id} requested by ${producer} is not in collections (${producer}.ChargeRequested not applied)`,
      });
      continue;
    }
    const invoices = billedOn(storedId);
    if (invoices.length > 1) {
      out.push({
        invariant: 'CHARGE_BILLED_TWICE',
        entityIds: [...ids, ...invoices],
        since: c.at,
        detail: `${c.kind ?? 'charge'} ${c.id} requested by ${producer} is billed ${invoices.length} times (invoices ${invoices.join(', ')})`,
      });
    }
  }
  return out;
}
