import type { EventEnvelope, EventHandler } from '@vinculo/common';
import type { SalesDeps } from '../application/deps';
import { applyWorkOrderClosed, type WorkOrderClosedFact } from '../application/sales-order';

/** techsupport.WorkOrderClosed (INSTALLATION with salesOrderId) → the order INSTALLED, or technical follow-up. */
export function onWorkOrderClosed(deps: Pick<SalesDeps, 'orders' | 'published'>): EventHandler {
  return (e: EventEnvelope<WorkOrderClosedFact>) => applyWorkOrderClosed(deps, e);
}
