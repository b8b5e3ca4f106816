import type { EventHandler } from '@vinculo/common';
import type { PostSaleDeps } from '../application/deps';
import { onSalesOrderActivated } from '../application/activation';
import { onWorkOrderClosed, onWorkOrderCreated } from '../application/work-orders';

/** Post-sale's own event handlers (read models are wired beside them in subgraph.ts). */
export function postsaleConsumers(deps: PostSaleDeps): Record<string, EventHandler> {
  return {
    'sales.SalesOrderActivated': (e) => onSalesOrderActivated(deps, e),
    'techsupport.WorkOrderCreated': (e) => onWorkOrderCreated(deps, e),
    'techsupport.WorkOrderClosed': (e) => onWorkOrderClosed(deps, e),
  };
}
