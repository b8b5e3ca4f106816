import { customerDirectory, fileStore, sizeLimits, subgraphResolvers, tenantPolicyReadModel, type SubgraphSpec } from '@vinculo/common';
import { mountNetworkFiles, NETWORK_FILES_BUCKET } from './files/network-files';
import { workOrderModel } from './store/work-order.model';
import { networkNodeModel } from './store/node.model';
import { damageTicketModel } from './store/ticket.model';
import { preventiveReviewModel } from './store/review.model';
import { calendarSlotModel, supportVisitModel } from './store/visit.model';
import { settingsModel } from './store/settings.model';
import { installedProducts } from './store/products.model';
import { createResolvers } from './resolvers';
import { techsupportReconciliationStore } from './store/reconciliation';
import { consumers } from './events/consumers';
import type { Deps } from './application/deps';
import { typeDefs } from './__generated__/type-defs';

/**
 * The technical-support subgraph (port 4005): network inventory and feasibility, work orders with
 * SLA, damage tickets, preventive management and support visits.
 */
export const techsupportSubgraph: SubgraphSpec = {
  name: 'techsupport',
  typeDefs,
  defaultPort: 4005,
  wire: ({ conn, published, source }) => {
    const directory = customerDirectory(conn);
    // Tenant policy from customers.TenantPolicyChanged: rules read policyFor(tenant), never constants.
    const tenantPolicy = tenantPolicyReadModel(conn);
    const products = installedProducts(conn);
    const deps: Deps = {
      workOrders: workOrderModel(conn),
      nodes: networkNodeModel(conn),
      tickets: damageTicketModel(conn),
      reviews: preventiveReviewModel(conn),
      visits: supportVisitModel(conn),
      slots: calendarSlotModel(conn),
      settings: settingsModel(conn),
      products,
      directory,
      tenantPolicy,
      published,
      networkFiles: fileStore(conn, NETWORK_FILES_BUCKET),
    };
    return {
      outboxModels: [deps.workOrders, deps.nodes, deps.tickets, deps.reviews, deps.visits],
      resolvers: subgraphResolvers(createResolvers({ ...deps, reconciliation: techsupportReconciliationStore(conn, deps.workOrders, deps.reviews) })),
      consumes: {
        handlers: { ...directory.handlers, ...tenantPolicy.handlers, ...products.handlers, ...consumers(deps) },
      },
      mount: (app, ctx) => mountNetworkFiles(app, { store: deps.networkFiles, limits: sizeLimits(source) }, ctx),
    };
  },
};
