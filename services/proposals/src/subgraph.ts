import { customerDirectory, subgraphResolvers, tenantPolicyReadModel, type SubgraphSpec } from '@vinculo/common';
import { leadModel } from './store/lead.model';
import { createResolvers } from './resolvers';

/** The proposals subgraph (port 4006): owns Lead; keeps a customer directory read model. */
export const proposalsSubgraph: SubgraphSpec = {
  name: 'proposals',
  defaultPort: 4006,
  wire: ({ conn, published }) => {
    const leads = leadModel(conn);
    const directory = customerDirectory(conn);
    // Tenant policy from customers.TenantPolicyChanged: rules read policyFor(tenant), never constants.
    const tenantPolicy = tenantPolicyReadModel(conn);
    return {
      outboxModels: [leads],
      resolvers: subgraphResolvers(createResolvers({ leads, directory, published })),
      consumes: { from: ['customers'], handlers: { ...directory.handlers, ...tenantPolicy.handlers } },
    };
  },
};
