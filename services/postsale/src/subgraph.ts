import {
  attachmentReadModel,
  authorize,
  coverageReadModel,
  customerDirectory,
  fileStore,
  generatedDocuments,
  mountFileDownload,
  renderPdf,
  subgraphResolvers,
  tenantPolicyReadModel,
  type SubgraphSpec,
} from '@vinculo/common';
import { installedProductModel } from './store/installed-product.model';
import { postSaleRequestModel } from './store/request.model';
import { postSaleSettingsModel } from './store/settings.model';
import { customerStandingReadModel } from './store/standing.model';
import { catalogReadModel } from './store/catalog.model';
import { postsaleConsumers } from './events/consumers';
import { reactivationJob } from './application/reactivation';
import type { PostSaleDeps } from './application/deps';
import { policy } from './policy';
import { postsaleReconciliationStore } from './store/reconciliation';
import { createResolvers } from './resolvers';
import { typeDefs } from './__generated__/type-defs';

/**
 * The post-sale subgraph (port 4003): owns InstalledProduct (the subscriptions) and PostSaleRequest;
 * keeps read models of customers, tenant policy, coverage (R-PS-C1), account standing (R-PS-D1) and the
 * sales catalog (plan changes, R-PS-C2).
 */
export const postsaleSubgraph: SubgraphSpec = {
  name: 'postsale',
  typeDefs,
  defaultPort: 4003,
  wire: ({ conn, published }) => {
    const directory = customerDirectory(conn);
    // Tenant policy from customers.TenantPolicyChanged: rules read policyFor(tenant), never constants.
    const tenantPolicy = tenantPolicyReadModel(conn);
    const coverage = coverageReadModel(conn);
    const standing = customerStandingReadModel(conn);
    // The sales catalog from sales.PlanChanged: plan changes and R-PS-C2 new products take plan and fee from it.
    const catalog = catalogReadModel(conn);
    const directoryRegistered = directory.handlers['customers.CustomerRegistered']!;
    const deps: PostSaleDeps = {
      products: installedProductModel(conn),
      requests: postSaleRequestModel(conn),
      settings: postSaleSettingsModel(conn),
      directory,
      tenantPolicy,
      coverage,
      standing,
      catalog,
      published,
      attachments: attachmentReadModel(conn),
    };
    const files = fileStore(conn, 'documents');
    const docs = { files, documents: generatedDocuments(conn, files, 'postsale'), renderPdf };
    return {
      outboxModels: [deps.products, deps.requests],
      resolvers: subgraphResolvers(createResolvers({ ...deps, docs, reconciliation: postsaleReconciliationStore(conn, deps.products, deps.requests) })),
      // GET /documents/:id at the gateway: call-detail reports and withdrawal settlements.
      mount: (app, ctx) => mountFileDownload(app, files, ctx, (principal) => authorize(policy, 'readPostsale', principal)),
      consumes: {
        handlers: {
          ...directory.handlers,
          ...tenantPolicy.handlers,
          ...coverage.handlers,
          ...standing.handlers,
          ...catalog.handlers,
          ...deps.attachments.handlers,
          ...postsaleConsumers(deps),
          // The standing before the directory: a customer post-sale knows always has a known standing (R-PS-D1).
          'customers.CustomerRegistered': async (e) => {
            await standing.registered(e);
            await directoryRegistered(e);
          },
        },
      },
      jobs: [{ name: 'suspension-expiry', run: (clock) => reactivationJob(deps, clock) }],
    };
  },
};
