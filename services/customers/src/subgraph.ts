import { subgraphResolvers, type SubgraphSpec } from '@vinculo/common';
import { customerModel } from './store/customer.model';
import { customerRepository } from './store/customer.repository';
import { createResolvers } from './resolvers';

/** The customers & portfolio subgraph (port 4001): owns Customer and the portfolio. */
export const customersSubgraph: SubgraphSpec = {
  name: 'customers',
  defaultPort: 4001,
  wire: ({ conn, published }) => {
    const customers = customerModel(conn);
    return {
      outboxModels: [customers],
      resolvers: subgraphResolvers(createResolvers({ customers: customerRepository(customers, published) })),
    };
  },
};
