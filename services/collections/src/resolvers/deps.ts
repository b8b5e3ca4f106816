import type { AttachmentReadModel, CustomerDirectory, DocumentSpec, FileStore, GeneratedDocuments, TenantPolicyReadModel } from '@vinculo/common';
import type { BillingAccountModel } from '../store/billing-account.model';
import type { SubscriptionModel } from '../store/subscription.model';
import type { ChargeModel } from '../store/charge.model';
import type { InvoiceModel } from '../store/invoice.model';
import type { PaymentModel } from '../store/payment.model';
import type { PaymentPromiseModel } from '../store/payment-promise.model';
import type { BillingClaimModel } from '../store/billing-claim.model';
import type { CollectionCallModel, InvoiceDeliveryModel } from '../store/collection-activity.model';
import type { CollectionsReconciliationStore } from '../store/reconciliation';
import type { CollectionsReads } from '../store/reads';
import type { BillingRunModel } from '../store/billing-run.model';

export interface ResolverDeps {
  accounts: BillingAccountModel;
  subscriptions: SubscriptionModel;
  charges: ChargeModel;
  invoices: InvoiceModel;
  payments: PaymentModel;
  promises: PaymentPromiseModel;
  claims: BillingClaimModel;
  deliveries: InvoiceDeliveryModel;
  calls: CollectionCallModel;
  directory: CustomerDirectory;
  tenantPolicy: TenantPolicyReadModel;
  reconciliation: CollectionsReconciliationStore;
  /** The batched reads of resolvers (store/reads.ts). */
  reads: CollectionsReads;
  /** Billing run passes (cursor per tenant and period): a run that died continues where it stopped. */
  billingRuns: BillingRunModel;
  published: () => void;
  /** Generated documents (pro-forma invoices, overdue letters) and the store their bytes are in. */
  files: FileStore;
  documents: GeneratedDocuments;
  renderPdf: (spec: DocumentSpec) => Promise<Buffer>;
  /** Customers' files known here (customers.AttachmentStored): a billing claim's evidence. */
  attachments: AttachmentReadModel;
}
