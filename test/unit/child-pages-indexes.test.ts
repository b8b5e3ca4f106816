/**
 * Issue #18: on MongoDB every child list's first page is one bounded query per parent
 * (`boundedChildPages`, mode per-parent). The test stack runs on the local engine, where the pages are
 * grouped, so `npm run query-shapes` never sees the per-parent shapes: this checks each of them against
 * the indexes its model declares, with the same rule (equality prefix, then the sort keys in order).
 */
import mongoose, { type Model } from 'mongoose';
import { supportingIndex, type DeclaredIndex } from '@vinculo/common';
import { timelineModel } from '../../services/customers/src/store/timeline.model';
import { customerModel } from '../../services/customers/src/store/customer.model';
import { salesOrderModel } from '../../services/sales/src/store/sales-order.model';
import { saleProjectModel } from '../../services/sales/src/store/sale-project.model';
import { newNeedModel } from '../../services/sales/src/store/new-need.model';
import { digitalSaleModel } from '../../services/sales/src/store/digital-sale.model';
import { installedProductModel } from '../../services/postsale/src/store/installed-product.model';
import { postSaleRequestModel } from '../../services/postsale/src/store/request.model';
import { billingAccountModel } from '../../services/collections/src/store/billing-account.model';
import { invoiceModel } from '../../services/collections/src/store/invoice.model';
import { paymentModel } from '../../services/collections/src/store/payment.model';
import { paymentPromiseModel } from '../../services/collections/src/store/payment-promise.model';
import { collectionCallModel } from '../../services/collections/src/store/collection-activity.model';
import { workOrderModel } from '../../services/techsupport/src/store/work-order.model';
import { damageTicketModel } from '../../services/techsupport/src/store/ticket.model';
import { supportVisitModel } from '../../services/techsupport/src/store/visit.model';
import { leadModel } from '../../services/proposals/src/store/lead.model';
import { opportunityModel } from '../../services/proposals/src/store/opportunity.model';

const conn = () => mongoose.createConnection();
const indexesOf = (model: Model<any>): DeclaredIndex[] =>
  model.schema.indexes().map(([fields, options]) => ({
    key: Object.entries(fields).map(([f, d]) => [f, Number(d) < 0 ? -1 : 1] as [string, number]),
    unique: Boolean((options as { unique?: boolean }).unique),
  }));

// Every `childConnection` of the services (newest first) and the customers' filtered first pages.
const LISTS: [string, () => Model<any>, string, string, 1 | -1][] = [
  ['Customer.timeline', () => timelineModel(conn()), 'customerId', 'at', -1],
  ['Employee.portfolio', () => customerModel(conn()), 'executiveId', 'nameKey', 1],
  ['Customer.salesOrders', () => salesOrderModel(conn()), 'customerId', 'placedAt', -1],
  ['Customer.saleProjects', () => saleProjectModel(conn()), 'customerId', 'createdAt', -1],
  ['Employee.saleProjects', () => saleProjectModel(conn()), 'executiveId', 'createdAt', -1],
  ['Employee.newNeeds', () => newNeedModel(conn()), 'executiveId', 'flaggedAt', -1],
  ['Customer.digitalSaleRequests', () => digitalSaleModel(conn()), 'customerId', 'receivedAt', -1],
  ['Customer.installedProducts / subscriptions', () => installedProductModel(conn()), 'customerId', 'installedAt', -1],
  ['SalesOrder.subscriptions', () => installedProductModel(conn()), 'orderId', 'installedAt', -1],
  ['Customer.postSaleRequests', () => postSaleRequestModel(conn()), 'customerId', 'receivedAt', -1],
  ['Customer.billingAccounts', () => billingAccountModel(conn()), 'customerId', 'openedAt', -1],
  ['BillingAccount.invoices', () => invoiceModel(conn()), 'billingAccountId', 'issuedAt', -1],
  ['BillingAccount.payments', () => paymentModel(conn()), 'billingAccountId', 'receivedAt', -1],
  ['BillingAccount.paymentPromises', () => paymentPromiseModel(conn()), 'billingAccountId', 'createdAt', -1],
  ['BillingAccount.collectionCalls', () => collectionCallModel(conn()), 'billingAccountId', 'calledAt', -1],
  ['Customer.workOrders', () => workOrderModel(conn()), 'customerId', 'createdAt', -1],
  ['SalesOrder.workOrders', () => workOrderModel(conn()), 'salesOrderId', 'createdAt', -1],
  ['Customer.damageTickets', () => damageTicketModel(conn()), 'customerId', 'createdAt', -1],
  ['InstalledProduct.damageTickets', () => damageTicketModel(conn()), 'installedProductId', 'createdAt', -1],
  ['Customer.supportVisits', () => supportVisitModel(conn()), 'customerId', 'createdAt', -1],
  ['Customer.leads', () => leadModel(conn()), 'customerId', 'registeredAt', -1],
  ['Customer.opportunities', () => opportunityModel(conn()), 'customerId', 'qualifiedAt', -1],
  ['Employee.pipeline', () => opportunityModel(conn()), 'ownerId', 'qualifiedAt', -1],
];

describe('child lists per parent (issue #18): each bounded query is served by an index in its order', () => {
  test.each(LISTS)('%s: { tenantId, %s } sorted by %s then _id', (_name, model, parentField, sortField, dir) => {
    const indexes = indexesOf(model());
    const perParent = {
      filter: { tenantId: 'eq', [parentField]: 'eq' } as const,
      sort: [
        [sortField, dir],
        ['_id', dir],
      ] as [string, number][],
    };
    expect(supportingIndex(perParent, indexes)).not.toBeNull();
  });

  test('the rule tells a missing index: a child list on a field no index starts with is refused', () => {
    const indexes = indexesOf(invoiceModel(conn()));
    expect(
      supportingIndex(
        {
          filter: { tenantId: 'eq', customerId: 'eq' },
          sort: [
            ['issuedAt', -1],
            ['_id', -1],
          ],
        },
        indexes,
      ),
    ).toBeNull();
  });
});
