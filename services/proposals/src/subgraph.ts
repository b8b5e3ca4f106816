import { customerDirectory, subgraphResolvers, type SubgraphSpec } from '@vinculo/common';
import { leadModel } from './store/lead.model';
import { createResolvers } from './resolvers';

/** The proposals subgraph (port 4006): owns Lead; keeps a customer directory read model. */
export const proposalsSubgraph: SubgraphSpec = {
  name: 'proposals',
  defaultPort: 4006,
  wire: ({ conn, published }) => {
    const leads = leadModel(conn);
    const directory = customerDirectory(conn);
    return {
      outboxModels: [leads],
      resolvers: subgraphResolvers(createResolvers({ leads, directory, published })),
      consumes: { from: ['customers'], handlers: directory.handlers },
    };
  },
};
