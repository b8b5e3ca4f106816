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
import { policy } from './policy';
import type { SalesDeps } from './application/deps';
import { salesOrderModel } from './store/sales-order.model';
import { planModel, promotionModel } from './store/catalog.model';
import { saleProjectModel } from './store/sale-project.model';
import { digitalSaleModel } from './store/digital-sale.model';
import { salesTargetModel } from './store/target.model';
import { newNeedModel } from './store/new-need.model';
import { salesOrderRepository } from './store/sales-order.repository';
import { saleProjectRepository } from './store/sale-project.repository';
import { digitalSaleRepository } from './store/digital-sale.repository';
import { catalogRepository } from './store/catalog.repository';
import { salesTargetRepository } from './store/target.repository';
import { newNeedRepository } from './store/new-need.repository';
import { customerReads } from './store/customers';
import { onCrossSellFlagged } from './events/cross-sell-flagged';
import { billingReadModel, eligibilityReadModel, identityReadModel } from './events/read-models';
import { onMonthPlanned } from './events/month-planned';
import { onOrderEntered } from './events/order-entered';
import { onOrderActivated } from './events/order-completed';
import { onWorkOrderClosed } from './events/work-order-closed';
import { salesReconciliationStore } from './store/reconciliation';
import { createResolvers } from './resolvers';
import { typeDefs } from './__generated__/type-defs';

/**
 * The sales subgraph (port 4002): owns Plan, Promotion, SaleProject, SalesOrder, DigitalSaleRequest and
 * the sales targets and the portfolio's new needs; keeps read models of customers (directory, identity cards, eligibility, month plans),
 * techsupport (coverage, cross-sell flags), collections (invoice totals) and the staff's teams.
 */
export const salesSubgraph: SubgraphSpec = {
  name: 'sales',
  typeDefs,
  defaultPort: 4002,
  wire: ({ conn, published, staff }) => {
    const directory = customerDirectory(conn);
    const eligibility = eligibilityReadModel(conn);
    const identities = identityReadModel(conn);
    const deps: SalesDeps = {
      orders: salesOrderRepository(salesOrderModel(conn)),
      projects: saleProjectRepository(saleProjectModel(conn)),
      digital: digitalSaleRepository(digitalSaleModel(conn)),
      catalog: catalogRepository(planModel(conn), promotionModel(conn)),
      targets: salesTargetRepository(salesTargetModel(conn)),
      needs: newNeedRepository(newNeedModel(conn)),
      directory,
      customers: customerReads(directory),
      // Tenant policy from customers.TenantPolicyChanged: rules read policyFor(tenant), never constants.
      tenantPolicy: tenantPolicyReadModel(conn),
      coverage: coverageReadModel(conn),
      eligibility,
      identities,
      billing: billingReadModel(conn),
      staff,
      attachments: attachmentReadModel(conn),
      published,
    };
    const registered = directory.handlers['customers.CustomerRegistered']!;
    const files = fileStore(conn, 'documents');
    const docs = { files, documents: generatedDocuments(conn, files, 'sales'), renderPdf };
    return {
      outboxModels: [deps.orders.model, deps.projects.model, deps.digital.model, deps.catalog.plans],
      resolvers: subgraphResolvers(createResolvers({ ...deps, reconciliation: salesReconciliationStore(conn, deps.orders.model), docs })),
      // GET /documents/:id at the gateway: offer letters and order forms, to the staff who read the pipeline.
      mount: (app, ctx) => mountFileDownload(app, files, ctx, (principal) => authorize(policy, 'readPipeline', principal)),
      consumes: {
        // Its own topic too (sales.* handlers): an order's ENTERED event finishes its project / request
        // (crash-safe entry), its activation finishes a digital request's satisfaction call.
        handlers: {
          ...directory.handlers,
          ...deps.tenantPolicy.handlers,
          ...deps.coverage.handlers,
          ...eligibility.handlers,
          ...deps.billing.handlers,
          ...deps.attachments.handlers,
          // Eligibility before the identity card: a card that identifies the customer always finds its eligibility known (R-DIG-1).
          'customers.CustomerRegistered': async (e) => {
            await registered(e);
            await eligibility.registered(e);
            await identities.registered(e);
          },
          'customers.MonthPlanned': onMonthPlanned(deps.targets),
          'techsupport.CrossSellFlagged': onCrossSellFlagged(deps.needs, deps.customers),
          'sales.SalesOrderStatusChanged': onOrderEntered(deps),
          // The satisfaction call's activation finishes its digital request (crash-safe call, R-DIG-3).
          'sales.SalesOrderActivated': onOrderActivated(deps),
          'techsupport.WorkOrderClosed': onWorkOrderClosed(deps),
        },
      },
    };
  },
};
