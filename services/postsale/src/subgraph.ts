import { customerDirectory, subgraphResolvers, tenantPolicyReadModel, type SubgraphSpec } from '@vinculo/common';
import { installedProductModel } from './store/installed-product.model';
import { createResolvers } from './resolvers';

/** The post-sale subgraph (port 4003): owns InstalledProduct; keeps a customer directory read model. */
export const postsaleSubgraph: SubgraphSpec = {
  name: 'postsale',
  defaultPort: 4003,
  wire: ({ conn, published }) => {
    const products = installedProductModel(conn);
    const directory = customerDirectory(conn);
    // Tenant policy from customers.TenantPolicyChanged: rules read policyFor(tenant), never constants.
    const tenantPolicy = tenantPolicyReadModel(conn);
    return {
      outboxModels: [products],
      resolvers: subgraphResolvers(createResolvers({ products, directory, published })),
      consumes: { from: ['customers'], handlers: { ...directory.handlers, ...tenantPolicy.handlers } },
    };
  },
};
