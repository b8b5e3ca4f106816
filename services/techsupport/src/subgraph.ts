import { customerDirectory, subgraphResolvers, type SubgraphSpec } from '@vinculo/common';
import { workOrderModel } from './store/work-order.model';
import { createResolvers } from './resolvers';
import { onSalesOrderPlaced } from './events/sales-order-placed';

/** The technical-support subgraph (port 4005): owns WorkOrder; opens installations for placed orders. */
export const techsupportSubgraph: SubgraphSpec = {
  name: 'techsupport',
  defaultPort: 4005,
  wire: ({ conn, published }) => {
    const workOrders = workOrderModel(conn);
    const directory = customerDirectory(conn);
    return {
      outboxModels: [workOrders],
      resolvers: subgraphResolvers(createResolvers({ workOrders, directory, published })),
      consumes: {
        from: ['customers', 'sales'],
        handlers: { ...directory.handlers, 'sales.SalesOrderPlaced': onSalesOrderPlaced(workOrders, published) },
      },
    };
  },
};
