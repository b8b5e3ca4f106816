import { attachmentReadModel, authorize, coverageReadModel, customerDirectory, fileStore, generatedDocuments, mountFileDownload, renderPdf, subgraphResolvers, SYSTEM_ACTOR, tenantPolicyReadModel, type SubgraphSpec } from '@vinculo/common';
import { policy } from './policy';
import { salesOrderModel } from './store/sales-order.model';
import { planModel, promotionModel } from './store/catalog.model';
import { saleProjectModel } from './store/sale-project.model';
import { digitalSaleModel } from './store/digital-sale.model';
import { salesTargetModel } from './store/target.model';
import { newNeedModel } from './store/new-need.model';
import { onCrossSellFlagged } from './events/cross-sell-flagged';
import { billingReadModel, eligibilityReadModel, identityReadModel } from './events/read-models';
import { onMonthPlanned } from './events/month-planned';
import { onOrderEntered } from './events/order-entered';
import { onOrderActivated } from './events/order-completed';
import { applyWorkOrderClosed } from './resolvers/sales-order';
import { salesReconciliationStore } from './store/reconciliation';
import { createResolvers } from './resolvers';

/**
 * The sales subgraph (port 4002): owns Plan, Promotion, SaleProject, SalesOrder, DigitalSaleRequest and
 * the sales targets and the portfolio's new needs; keeps read models of customers (directory, identity cards, eligibility, month plans),
 * techsupport (coverage, cross-sell flags), collections (invoice totals) and the staff's teams.
 */
export const salesSubgraph: SubgraphSpec = {
  name: 'sales',
  defaultPort: 4002,
  wire: ({ conn, published, staff }) => {
    const orders = salesOrderModel(conn);
    const projects = saleProjectModel(conn);
    const digital = digitalSaleModel(conn);
    const plans = planModel(conn);
    const promotions = promotionModel(conn);
    const targets = salesTargetModel(conn);
    const needs = newNeedModel(conn);
    const directory = customerDirectory(conn);
    // Tenant policy from customers.TenantPolicyChanged: rules read policyFor(tenant), never constants.
    const tenantPolicy = tenantPolicyReadModel(conn);
    const coverage = coverageReadModel(conn);
    const eligibility = eligibilityReadModel(conn);
    const identities = identityReadModel(conn);
    const billing = billingReadModel(conn);
    const registered = directory.handlers['customers.CustomerRegistered']!;
    const attachments = attachmentReadModel(conn);
    const files = fileStore(conn, 'documents');
    const docs = { files, documents: generatedDocuments(conn, files, 'sales'), renderPdf };
    return {
      outboxModels: [orders, projects, digital, plans],
      resolvers: subgraphResolvers(createResolvers({ orders, projects, digital, plans, promotions, targets, needs, directory, tenantPolicy, coverage, eligibility, identities, billing, staff, reconciliation: salesReconciliationStore(conn, orders), published, docs, attachments })),
      // GET /documents/:id at the gateway: offer letters and order forms, to the staff who read the pipeline.
      mount: (app, ctx) => mountFileDownload(app, files, ctx, (principal) => authorize(policy, 'readPipeline', principal)),
      consumes: {
        // Its own topic too (sales.* handlers): an order's ENTERED event finishes its project / request
        // (crash-safe entry), its activation finishes a digital request's satisfaction call.
        handlers: {
          ...directory.handlers,
          ...tenantPolicy.handlers,
          ...coverage.handlers,
          ...eligibility.handlers,
          ...billing.handlers,
          ...attachments.handlers,
          // Eligibility before the identity card: a card that identifies the customer always finds its eligibility known (R-DIG-1).
          'customers.CustomerRegistered': async (e) => {
            await registered(e);
            await eligibility.registered(e);
            await identities.registered(e);
          },
          'customers.MonthPlanned': onMonthPlanned(targets),
          'techsupport.CrossSellFlagged': onCrossSellFlagged(needs, directory),
          'sales.SalesOrderStatusChanged': onOrderEntered({ orders, projects, digital, tenantPolicy, published }),
          // The satisfaction call's activation finishes its digital request (crash-safe call, R-DIG-3).
          'sales.SalesOrderActivated': onOrderActivated({ orders, digital, tenantPolicy, published }),
          'techsupport.WorkOrderClosed': (e) => applyWorkOrderClosed({ orders, published }, e, { tenantId: e.tenantId, actor: SYSTEM_ACTOR }),
        },
      },
    };
  },
};
