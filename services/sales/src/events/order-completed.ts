import type { EventHandler } from '@vinculo/common';
import type { SalesDeps } from '../application/deps';
import { finishSatisfactionCall } from '../application/order-entry';

/**
 * sales.SalesOrderActivated, our own event, of a digital sale's order → its request CLOSED if the
 * satisfaction call did not get that far (crash-safe call, R-DIG-3).
 */
export function onOrderActivated(deps: Pick<SalesDeps, 'orders' | 'digital' | 'tenantPolicy' | 'published'>): EventHandler<'sales.SalesOrderActivated'> {
  return (e) => finishSatisfactionCall(deps, e);
}
