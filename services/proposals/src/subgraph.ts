import {
  authorize,
  customerDirectory,
  fileStore,
  generatedDocuments,
  mountFileDownload,
  openFaults,
  renderPdf,
  subgraphResolvers,
  tenantPolicyReadModel,
  type SubgraphSpec,
} from '@vinculo/common';
import { policy } from './policy';
import { leadModel } from './store/lead.model';
import { opportunityModel } from './store/opportunity.model';
import { createResolvers } from './resolvers';
import { proposalsReads } from './store/reads';
import { typeDefs } from './__generated__/type-defs';

/** The proposals subgraph (port 4006): owns Lead and Opportunity (with its business case, proposal versions and reviews); keeps a customer directory read model. */
export const proposalsSubgraph: SubgraphSpec = {
  name: 'proposals',
  typeDefs,
  defaultPort: 4006,
  wire: ({ conn, published }) => {
    const leads = leadModel(conn);
    const opportunities = opportunityModel(conn);
    const directory = customerDirectory(conn);
    // Tenant policy from customers.TenantPolicyChanged: rules read policyFor(tenant), never constants.
    const tenantPolicy = tenantPolicyReadModel(conn);
    const files = fileStore(conn, 'documents');
    const docs = { files, documents: generatedDocuments(conn, files, 'proposals'), renderPdf };
    return {
      outboxModels: [leads, opportunities],
      resolvers: subgraphResolvers(
        createResolvers({
          leads,
          opportunities,
          directory,
          tenantPolicy,
          reads: proposalsReads({ leads, opportunities, directory }),
          faults: (tenantId) => openFaults(conn, tenantId),
          published,
          docs,
        }),
      ),
      // GET /documents/:id at the gateway: business cases and proposal versions, to the staff who read proposals.
      mount: (app, ctx) => mountFileDownload(app, files, ctx, (principal) => authorize(policy, 'readProposals', principal)),
      consumes: { handlers: { ...directory.handlers, ...tenantPolicy.handlers } },
    };
  },
};
