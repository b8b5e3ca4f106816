import { DateScalar, DateTimeScalar } from '@vinculo/common';
import type { MutationResolvers, QueryResolvers, Resolvers } from '../__generated__/resolvers-types';
import type { ResolverDeps } from './deps';
import { billingAccount } from './Query/billingAccount';
import { invoice } from './Query/invoice';
import { payment } from './Query/payment';
import { openBillingAccount } from './Mutation/openBillingAccount';
import { runBillingPeriod } from './Mutation/runBillingPeriod';
import { registerPayment } from './Mutation/registerPayment';
import { evaluateStandings } from './Mutation/evaluateStandings';
import { BilledProduct, BillingAccount, Charge, CollectionCall, InstalledProduct } from './BillingAccount';
import { Invoice, InvoiceDelivery, InvoiceLine } from './Invoice';
import { accountDocuments, invoiceDocument } from './documents';
import { Payment, PaymentAllocation } from './Payment';
import { Customer } from './Customer';
import { Reconciliation } from './Reconciliation';
import { PaymentPromise } from './PaymentPromise';
import { BillingClaim } from './BillingClaim';
import { collectionsIndicators } from './Query/collectionsIndicators';
import { collectionsIndicatorSeries } from './Query/collectionsIndicatorSeries';
import { assignedBillingClaims, billingClaim } from './Query/billingClaims';
import { billingClaimMutations } from './Mutation/billingClaims';
import { recordPaymentPromise } from './Mutation/recordPaymentPromise';
import { overdueWorklist, OverdueWorklistEntry } from './Query/overdueWorklist';
import { paymentPromiseFollowUps } from './Query/paymentPromiseFollowUps';
import { importInvoice, recordCollectionCall, recordInvoiceDelivery } from './Mutation/overdueManagement';
import { changesQueries } from './changes';
import { dueAtResolvers, Me, workQueueQueries } from './work-queues';

export function createResolvers(deps: ResolverDeps): Resolvers {
  // Typed as complete: a root field of the schema without its resolver fails the build.
  const Query: Required<QueryResolvers> = {
    ...changesQueries(deps),
    billingAccount: billingAccount(deps),
    invoice: invoice(deps),
    payment: payment(deps),
    overdueWorklist: overdueWorklist(deps),
    billingClaim: billingClaim(deps),
    assignedBillingClaims: assignedBillingClaims(deps),
    collectionsIndicators: collectionsIndicators(deps),
    collectionsIndicatorSeries: collectionsIndicatorSeries(deps),
    paymentPromiseFollowUps: paymentPromiseFollowUps(deps),
    ...workQueueQueries(deps),
  };
  const Mutation: Required<MutationResolvers> = {
    openBillingAccount: openBillingAccount(deps),
    runBillingPeriod: runBillingPeriod(deps),
    registerPayment: registerPayment(deps),
    evaluateStandings: evaluateStandings(deps),
    recordPaymentPromise: recordPaymentPromise(deps),
    ...billingClaimMutations(deps),
    importInvoice: importInvoice(deps),
    recordInvoiceDelivery: recordInvoiceDelivery(deps),
    recordCollectionCall: recordCollectionCall(deps),
  };
  return {
    DateTime: DateTimeScalar,
    Date: DateScalar,
    Query,
    Mutation,
    BillingAccount: { ...BillingAccount(deps), ...accountDocuments(deps) },
    BilledProduct: BilledProduct(deps),
    InstalledProduct: InstalledProduct(deps),
    Charge: Charge(),
    Invoice: { ...Invoice(deps), ...invoiceDocument(deps), ...dueAtResolvers(deps).Invoice },
    InvoiceLine: InvoiceLine(),
    InvoiceDelivery: InvoiceDelivery(),
    CollectionCall: CollectionCall(deps),
    Payment: Payment(deps),
    PaymentAllocation: PaymentAllocation(deps),
    Customer: Customer(deps),
    PaymentPromise: PaymentPromise(deps),
    BillingClaim: { ...BillingClaim(deps), ...dueAtResolvers(deps).BillingClaim },
    Me: Me(deps),
    OverdueWorklistEntry: OverdueWorklistEntry(),
    Reconciliation: Reconciliation(deps),
  };
}
