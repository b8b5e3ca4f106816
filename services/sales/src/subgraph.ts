import { customerDirectory, subgraphResolvers, type SubgraphSpec } from '@vinculo/common';
import { salesOrderModel } from './store/sales-order.model';
import { createResolvers } from './resolvers';

/** The sales subgraph (port 4002): owns SalesOrder; keeps a customer directory read model. */
export const salesSubgraph: SubgraphSpec = {
  name: 'sales',
  defaultPort: 4002,
  wire: ({ conn, published }) => {
    const orders = salesOrderModel(conn);
    const directory = customerDirectory(conn);
    return {
      outboxModels: [orders],
      resolvers: subgraphResolvers(createResolvers({ orders, directory, published })),
      consumes: { from: ['customers'], handlers: directory.handlers },
    };
  },
};
