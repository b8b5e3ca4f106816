import { customerDirectory, subgraphResolvers, tenantPolicyReadModel, type SubgraphSpec } from '@vinculo/common';
import { billingAccountModel } from './store/billing-account.model';
import { subscriptionModel } from './store/subscription.model';
import { chargeModel } from './store/charge.model';
import { invoiceModel } from './store/invoice.model';
import { paymentModel } from './store/payment.model';
import { paymentPromiseModel } from './store/payment-promise.model';
import { billingClaimModel } from './store/billing-claim.model';
import { collectionsConsumers } from './events/consumers';
import { collectionCallModel, invoiceDeliveryModel } from './store/collection-activity.model';
import { collectionsJobs } from './application/jobs';
import { createResolvers } from './resolvers';
import { jobRunModel } from './store/job-run.model';

/**
 * The collections subgraph (port 4004): owns BillingAccount (with its ledger and outbox), Invoice and
 * Payment; mirrors subscriptions and charges from post-sale events; keeps customer directory and
 * tenant policy read models.
 */
export const collectionsSubgraph: SubgraphSpec = {
  name: 'collections',
  defaultPort: 4004,
  wire: ({ conn, published }) => {
    const accounts = billingAccountModel(conn);
    const subscriptions = subscriptionModel(conn);
    const charges = chargeModel(conn);
    const invoices = invoiceModel(conn);
    const payments = paymentModel(conn);
    const promises = paymentPromiseModel(conn);
    const claims = billingClaimModel(conn);
    const deliveries = invoiceDeliveryModel(conn);
    const calls = collectionCallModel(conn);
    const directory = customerDirectory(conn);
    // Tenant policy from customers.TenantPolicyChanged: rules read policyFor(tenant), never constants.
    const tenantPolicy = tenantPolicyReadModel(conn);
    const deps = { accounts, subscriptions, charges, invoices, payments, promises, claims, deliveries, calls, directory, tenantPolicy, published };
    return {
      outboxModels: [accounts, promises, claims, deliveries, calls],
      jobs: collectionsJobs({ ...deps, jobRuns: jobRunModel(conn) }),
      resolvers: subgraphResolvers(createResolvers(deps)),
      consumes: {
        // Its own topic too: an accepted claim's credit is applied from its BillingClaimResolved event (crash-safe).
        from: ['customers', 'sales', 'postsale', 'techsupport', 'collections'],
        handlers: { ...directory.handlers, ...tenantPolicy.handlers, ...collectionsConsumers({ accounts, subscriptions, charges, tenantPolicy, published }) },
      },
    };
  },
};
