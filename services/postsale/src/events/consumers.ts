import type { Handlers } from '@vinculo/common';
import type { PostSaleDeps } from '../application/deps';
import { onSalesOrderActivated } from '../application/activation';
import { onWorkOrderClosed, onWorkOrderCreated } from '../application/work-orders';
import { onMigrationClosed } from '../application/migration';

/** Post-sale's own event handlers (read models are wired beside them in subgraph.ts). */
export function postsaleConsumers(deps: PostSaleDeps): Handlers {
  return {
    'sales.SalesOrderActivated': (e) => onSalesOrderActivated(deps, e),
    'techsupport.WorkOrderCreated': (e) => onWorkOrderCreated(deps, e),
    'techsupport.WorkOrderClosed': async (e) => {
      await onWorkOrderClosed(deps, e);
      await onMigrationClosed(deps, e);
    },
  };
}
