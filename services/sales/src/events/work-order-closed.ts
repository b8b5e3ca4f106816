import type { EventHandler } from '@vinculo/common';
import type { SalesDeps } from '../application/deps';
import { applyWorkOrderClosed } from '../application/sales-order';

/** techsupport.WorkOrderClosed (INSTALLATION with salesOrderId) → the order INSTALLED, or technical follow-up. */
export function onWorkOrderClosed(deps: Pick<SalesDeps, 'orders' | 'published'>): EventHandler<'techsupport.WorkOrderClosed'> {
  return (e) => applyWorkOrderClosed(deps, e);
}
