import { customerDirectory, subgraphResolvers, tenantPolicyReadModel, type SubgraphSpec } from '@vinculo/common';
import { salesOrderModel } from './store/sales-order.model';
import { createResolvers } from './resolvers';

/** The sales subgraph (port 4002): owns SalesOrder; keeps a customer directory read model. */
export const salesSubgraph: SubgraphSpec = {
  name: 'sales',
  defaultPort: 4002,
  wire: ({ conn, published }) => {
    const orders = salesOrderModel(conn);
    const directory = customerDirectory(conn);
    // Tenant policy from customers.TenantPolicyChanged: rules read policyFor(tenant), never constants.
    const tenantPolicy = tenantPolicyReadModel(conn);
    return {
      outboxModels: [orders],
      resolvers: subgraphResolvers(createResolvers({ orders, directory, published })),
      consumes: { from: ['customers'], handlers: { ...directory.handlers, ...tenantPolicy.handlers } },
    };
  },
};
