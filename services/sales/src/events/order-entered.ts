import type { EventHandler } from '@vinculo/common';
import type { SalesDeps } from '../application/deps';
import { finishOrderEntry } from '../application/order-entry';

/**
 * sales.SalesOrderStatusChanged, our own event, from nothing to ENTERED → the order's sale project (or
 * digital request) goes ORDER_ENTERED if the entry did not get that far (crash-safe entry).
 */
export function onOrderEntered(
  deps: Pick<SalesDeps, 'orders' | 'projects' | 'digital' | 'tenantPolicy' | 'published'>,
): EventHandler<'sales.SalesOrderStatusChanged'> {
  return (e) => finishOrderEntry(deps, e);
}
