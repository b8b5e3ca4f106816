import { customerDirectory, subgraphResolvers, tenantPolicyReadModel, type SubgraphSpec } from '@vinculo/common';
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
    // Tenant policy from customers.TenantPolicyChanged: rules read policyFor(tenant), never constants.
    const tenantPolicy = tenantPolicyReadModel(conn);
    return {
      outboxModels: [workOrders],
      resolvers: subgraphResolvers(createResolvers({ workOrders, directory, published })),
      consumes: {
        from: ['customers', 'sales'],
        handlers: { ...directory.handlers, ...tenantPolicy.handlers, 'sales.SalesOrderPlaced': onSalesOrderPlaced(workOrders, published) },
      },
    };
  },
};
