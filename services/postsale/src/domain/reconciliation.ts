import { settled, type Discrepancy, type ReconciliationFact, type StatusChangeDoc } from '@vinculo/common';
import { SINGLE_ITEM_ID, type InstalledProductStatus } from './installed-product';
import type { RequestType } from './request';

/**
 * post-sale in the reconciliation report (issue #12). As a producer: its subscriptions (billed by
 * collections), its relocations and withdrawals sent to the field (a work order each, techsupport)
 * and the charges it requested (collections). As a checker:
 *   ORDER_WITHOUT_SUBSCRIPTION  an item of a COMPLETED sales order has no subscription.
 */

export interface ProductFactSource {
  _id: string;
  customerId: string;
  status: InstalledProductStatus;
  orderId: string | null;
  installedAt: Date;
  history: StatusChangeDoc[];
}

/**
 * A subscription with its status now; at = its last status change, so a change after the cutoff
 * tells the checker the subscription is in flight (its billed twin may not have heard yet).
 */
export function subscriptionFact(p: ProductFactSource): ReconciliationFact {
  return { id: p._id, kind: null, customerId: p.customerId, status: p.status, ref: p.orderId, items: [], at: p.history.at(-1)?.at ?? p.installedAt };
}

export interface RequestFactSource {
  _id: string;
  type: RequestType;
  customerId: string;
  installedProductId: string | null;
  enteredAt: Date | null;
  charges: { chargeId: string; kind: string }[];
  history: StatusChangeDoc[];
  /** R-PS-C2 as built now (new plan given): an INSTALLATION, then an EQUIPMENT_RETRIEVAL when there is equipment. */
  details?: { relocation?: { newPlan?: unknown; equipment?: unknown[] } };
}

/** The request types whose entry sends a work order to the field (relocation, withdrawal). */
const FIELD_TYPES: readonly RequestType[] = ['RELOCATION', 'WITHDRAWAL'];

/**
 * A relocation or withdrawal that went IN_FIELD at or before the cutoff: it needs one work order. A
 * relocation with technology change (R-PS-C2) needs two, each named by kind `RELOCATION:<type>`: the
 * INSTALLATION from its entry, and the EQUIPMENT_RETRIEVAL from when the installation closed (the
 * request staying IN_FIELD) when the old product had equipment.
 */
export function workOrderNeedFacts(r: RequestFactSource, cutoff: Date): ReconciliationFact[] {
  if (!FIELD_TYPES.includes(r.type)) return [];
  const fact = (kind: string, at: Date | undefined): ReconciliationFact[] =>
    at && settled(at, cutoff) ? [{ id: r._id, kind, customerId: r.customerId, status: null, ref: r.installedProductId, items: [], at }] : [];
  const inField = r.history.find((h) => h.to === 'IN_FIELD')?.at;
  if (r.type === 'RELOCATION' && r.details?.relocation?.newPlan) {
    const retrieval = r.details.relocation.equipment?.length ? r.history.find((h) => h.from === 'IN_FIELD' && h.to === 'IN_FIELD')?.at : undefined;
    return [...fact('RELOCATION:INSTALLATION', inField), ...fact('RELOCATION:EQUIPMENT_RETRIEVAL', retrieval)];
  }
  return fact(r.type, inField);
}

/** The first need of a request (the one of its entry). */
export const workOrderNeedFact = (r: RequestFactSource, cutoff: Date): ReconciliationFact | null => workOrderNeedFacts(r, cutoff)[0] ?? null;

/**
 * The charges a request asked for (postsale.ChargeRequested), each at the step that requested it:
 * entry for fees, penalties and call detail; the retrieval work order's return (the request leaving
 * IN_FIELD) for equipment receivables (R-PS-H4).
 */
export function chargeFacts(r: RequestFactSource, cutoff: Date): ReconciliationFact[] {
  const backFromField = r.history.find((h) => h.from === 'IN_FIELD')?.at ?? null;
  return (r.charges ?? []).flatMap((c) => {
    const at = c.kind === 'RECEIVABLE' ? (backFromField ?? r.enteredAt) : r.enteredAt;
    if (!at || !settled(at, cutoff)) return [];
    return [{ id: c.chargeId, kind: c.kind, customerId: r.customerId, status: null, ref: r._id, items: [], at }];
  });
}

/** One subscription an activated order owes: its order and item. */
export interface OwedSubscription {
  order: ReconciliationFact;
  itemId: string;
}

/** The subscriptions COMPLETED orders owe: one per item, or the single one of an order that listed none. */
export function owedSubscriptions(completedOrders: readonly ReconciliationFact[], cutoff: Date): OwedSubscription[] {
  return completedOrders
    .filter((o) => settled(o.at, cutoff))
    .flatMap((order) => (order.items.length ? order.items : [SINGLE_ITEM_ID]).map((itemId) => ({ order, itemId })));
}

/** ORDER_WITHOUT_SUBSCRIPTION: each owed subscription that does not exist. */
export function ordersWithoutSubscription(owed: readonly OwedSubscription[], exists: (o: OwedSubscription) => boolean): Discrepancy[] {
  return owed
    .filter((o) => !exists(o))
    .map(({ order, itemId }) => ({
      invariant: 'ORDER_WITHOUT_SUBSCRIPTION',
      entityIds: [order.id, itemId],
      since: order.at,
      detail: `sales order ${order.id} is COMPLETED but its item ${itemId} has no subscription (sales.SalesOrderActivated not applied)`,
    }));
}
