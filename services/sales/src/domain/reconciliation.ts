import { settled, type ReconciliationFact, type StatusChangeDoc } from '@vinculo/common';
import type { PricedLine } from './catalog';
import { activationItems, type SalesOrderStatus } from './sales-order';

/**
 * sales' facts for the reconciliation report (issue #12): the orders whose effects other subgraphs
 * owe. A COMPLETED order owes its subscriptions (postsale) and billing account (collections); an
 * order that reached PLACED owes one INSTALLATION work order (techsupport).
 */

/** Every status an order can have once it was PLACED (PLACED is reached once, by entry QC or a direct order). */
export const PLACED_OR_LATER: readonly SalesOrderStatus[] = ['PLACED', 'TECHNICAL_FOLLOW_UP', 'INSTALLED', 'COMPLETED'];

export interface OrderFactSource {
  _id: string;
  customerId: string;
  status: SalesOrderStatus;
  history: StatusChangeDoc[];
  acceptedLines: PricedLine[];
  serviceNumber: string | null;
}

/** When the order first moved to `to`, or null. */
const reachedAt = (history: readonly StatusChangeDoc[], to: SalesOrderStatus): Date | null => history.find((h) => h.to === to)?.at ?? null;

/** The order as placed (at = when it reached PLACED), if that was at or before the cutoff. */
export function placedOrderFact(o: OrderFactSource, cutoff: Date): ReconciliationFact | null {
  const at = reachedAt(o.history, 'PLACED');
  if (!at || !settled(at, cutoff)) return null;
  return { id: o._id, kind: null, customerId: o.customerId, status: o.status, ref: null, items: [], at };
}

/**
 * The order as completed (at = when the quality-control call completed it), with the item ids its
 * sales.SalesOrderActivated carries (one subscription each); none when it lists no items.
 */
export function completedOrderFact(o: OrderFactSource, cutoff: Date): ReconciliationFact | null {
  const at = o.status === 'COMPLETED' ? reachedAt(o.history, 'COMPLETED') : null;
  if (!at || !settled(at, cutoff)) return null;
  const items = activationItems(o._id, o.acceptedLines ?? [], o.serviceNumber).map((i) => i.itemId);
  return { id: o._id, kind: null, customerId: o.customerId, status: o.status, ref: null, items, at };
}
