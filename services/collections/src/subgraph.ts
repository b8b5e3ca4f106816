import {
  attachmentReadModel,
  authorize,
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
import type { Connection } from 'mongoose';
import { billingAccountModel } from './store/billing-account.model';
import { subscriptionModel } from './store/subscription.model';
import { chargeModel } from './store/charge.model';
import { invoiceModel } from './store/invoice.model';
import { paymentModel } from './store/payment.model';
import { paymentPromiseModel } from './store/payment-promise.model';
import { billingClaimModel } from './store/billing-claim.model';
import { collectionCallModel, invoiceDeliveryModel } from './store/collection-activity.model';
import { jobRunModel } from './store/job-run.model';
import { billingRunModel } from './store/billing-run.model';
import { collectionsConsumers } from './events/consumers';
import { collectionsJobs } from './application/jobs';
import { collectionsReconciliationStore } from './store/reconciliation';
import { collectionsReads } from './store/reads';
import { createResolvers } from './resolvers';
import type { ResolverDeps } from './resolvers/deps';
import { typeDefs } from './__generated__/type-defs';

/** The stores of the collections subgraph on a connection (also used by tests that drive the jobs). */
export function collectionsStores(conn: Connection, published: () => void): ResolverDeps {
  const accounts = billingAccountModel(conn);
  const subscriptions = subscriptionModel(conn);
  const charges = chargeModel(conn);
  const invoices = invoiceModel(conn);
  const files = fileStore(conn, 'documents');
  const payments = paymentModel(conn);
  const promises = paymentPromiseModel(conn);
  const claims = billingClaimModel(conn);
  const deliveries = invoiceDeliveryModel(conn);
  const directory = customerDirectory(conn);
  return {
    accounts,
    subscriptions,
    charges,
    invoices,
    payments,
    promises,
    claims,
    deliveries,
    calls: collectionCallModel(conn),
    directory,
    reads: collectionsReads({ accounts, subscriptions, charges, invoices, payments, promises, claims, deliveries, directory }),
    // Tenant policy from customers.TenantPolicyChanged: rules read policyFor(tenant), never constants.
    tenantPolicy: tenantPolicyReadModel(conn),
    reconciliation: collectionsReconciliationStore(conn, { accounts, subscriptions, charges, invoices }),
    billingRuns: billingRunModel(conn),
    published,
    files,
    documents: generatedDocuments(conn, files, 'collections'),
    renderPdf,
    attachments: attachmentReadModel(conn),
  };
}

/**
 * The collections subgraph (port 4004): owns BillingAccount (with its ledger and outbox), Invoice,
 * Payment, PaymentPromise, BillingClaim, invoice deliveries and collection calls; mirrors subscriptions
 * and charges from post-sale and techsupport events; keeps customer directory and tenant policy read
 * models; runs the monthly billing and the daily standing / promise evaluations as scheduled jobs.
 */
export const collectionsSubgraph: SubgraphSpec = {
  name: 'collections',
  typeDefs,
  defaultPort: 4004,
  wire: ({ conn, published }) => {
    const deps = collectionsStores(conn, published);
    const { accounts, subscriptions, charges, invoices, promises, claims, deliveries, calls, directory, tenantPolicy } = deps;
    return {
      outboxModels: [accounts, promises, claims, deliveries, calls],
      resolvers: subgraphResolvers(createResolvers(deps)),
      consumes: {
        // Its own topic too: an accepted claim's credit (BillingClaimResolved) and a call's follow-up move
        // (CollectionCallRecorded) are applied again from their events (crash-safe).
        handlers: {
          ...directory.handlers,
          ...tenantPolicy.handlers,
          ...deps.attachments.handlers,
          ...collectionsConsumers({ accounts, subscriptions, charges, invoices, directory, promises, tenantPolicy, published }),
        },
      },
      jobs: collectionsJobs({ ...deps, jobRuns: jobRunModel(conn) }),
      // GET /documents/:id at the gateway: pro-forma invoices and overdue letters, to who reads collections.
      mount: (app, ctx) => mountFileDownload(app, deps.files, ctx, (principal) => authorize(policy, 'readCollections', principal)),
    };
  },
};
