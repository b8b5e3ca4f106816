import { customerDirectory, openFaults, subgraphResolvers, tenantPolicyReadModel, type SubgraphSpec } from '@vinculo/common';
import { leadModel } from './store/lead.model';
import { opportunityModel } from './store/opportunity.model';
import { createResolvers } from './resolvers';

/** The proposals subgraph (port 4006): owns Lead and Opportunity (with its business case, proposal versions and reviews); keeps a customer directory read model. */
export const proposalsSubgraph: SubgraphSpec = {
  name: 'proposals',
  defaultPort: 4006,
  wire: ({ conn, published }) => {
    const leads = leadModel(conn);
    const opportunities = opportunityModel(conn);
    const directory = customerDirectory(conn);
    // Tenant policy from customers.TenantPolicyChanged: rules read policyFor(tenant), never constants.
    const tenantPolicy = tenantPolicyReadModel(conn);
    return {
      outboxModels: [leads, opportunities],
      resolvers: subgraphResolvers(createResolvers({ leads, opportunities, directory, tenantPolicy, faults: (tenantId) => openFaults(conn, tenantId), published })),
      consumes: { from: ['customers'], handlers: { ...directory.handlers, ...tenantPolicy.handlers } },
    };
  },
};
