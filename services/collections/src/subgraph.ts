import { customerDirectory, subgraphResolvers, tenantPolicyReadModel, type SubgraphSpec } from '@vinculo/common';
import { billingAccountModel } from './store/billing-account.model';
import { createResolvers } from './resolvers';

/** The collections subgraph (port 4004): owns BillingAccount; keeps a customer directory read model. */
export const collectionsSubgraph: SubgraphSpec = {
  name: 'collections',
  defaultPort: 4004,
  wire: ({ conn, published }) => {
    const accounts = billingAccountModel(conn);
    const directory = customerDirectory(conn);
    // Tenant policy from customers.TenantPolicyChanged: rules read policyFor(tenant), never constants.
    const tenantPolicy = tenantPolicyReadModel(conn);
    return {
      outboxModels: [accounts],
      resolvers: subgraphResolvers(createResolvers({ accounts, directory, published })),
      consumes: { from: ['customers'], handlers: { ...directory.handlers, ...tenantPolicy.handlers } },
    };
  },
};
