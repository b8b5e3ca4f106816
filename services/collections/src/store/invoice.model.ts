import { trackChanges } from '@vinculo/common';
import { Schema, type Connection, type Model } from 'mongoose';
import type { InvoiceLine } from '../domain/invoice';
import type { InvoiceKind } from '../domain/receivable-invoice';

/** A pro-forma invoice (collection `invoices`): immutable once issued; what is paid on it lives in the account's ledger. */
export interface InvoiceDoc {
  /** Deterministic: invoiceIdFor(tenant, account, period) (monthly), receivableInvoiceIdFor (receivable), importedInvoiceIdFor (imported). */
  _id: string;
  /** MONTHLY / RECEIVABLE / IMPORTED; absent on documents written before kinds existed (see invoiceKindOf). */
  kind?: InvoiceKind | null;
  tenantId: string;
  billingAccountId: string;
  customerId: string;
  number: string;
  period: string;
  currency: string;
  issuedAt: Date;
  dueDate: string;
  lines: InvoiceLine[];
  totalMinor: number;
  /** Customer segment at issue (BUSINESS / PERSON), for billing per segment (R-SAL-KPI). */
  segment: string | null;
  /** Imported from an external billing system (billing:write partner): its id there, and a hash of what was imported. */
  externalId?: string | null;
  contentHash?: string | null;
  importedBy?: string | null;
  /** When it was first delivered to the customer (recordInvoiceDelivery); null while it waits in invoicesToDeliver. */
  firstDeliveredAt?: Date | null;
}

const lineSchema = new Schema<InvoiceLine>(
  {
    kind: String,
    description: String,
    installedProductId: { type: String, default: null },
    chargeId: { type: String, default: null },
    days: { type: Number, default: null },
    amountMinor: Number,
  },
  { _id: false },
);
const schema = new Schema<InvoiceDoc>(
  {
    _id: String,
    kind: { type: String, default: null },
    tenantId: { type: String, required: true },
    billingAccountId: { type: String, required: true },
    customerId: { type: String, required: true },
    number: { type: String, required: true },
    period: { type: String, required: true },
    currency: { type: String, required: true },
    issuedAt: { type: Date, required: true },
    dueDate: { type: String, required: true },
    lines: { type: [lineSchema], default: [] },
    totalMinor: { type: Number, required: true },
    segment: { type: String, default: null },
    externalId: { type: String, default: null },
    contentHash: { type: String, default: null },
    importedBy: { type: String, default: null },
    firstDeliveredAt: { type: Date, default: null },
  },
  { collection: 'invoices', versionKey: false },
);
// Reporting jobs extract it incrementally (issue #15): updatedAt on every write, indexed with the tenant.
trackChanges(schema);
schema.index({ tenantId: 1, billingAccountId: 1, period: -1, _id: -1 });
schema.index({ tenantId: 1, period: 1 });
schema.index({ tenantId: 1, billingAccountId: 1, issuedAt: -1, _id: -1 });
// invoicesToDeliver: not delivered yet, the nearest payment due date first.
schema.index({ tenantId: 1, firstDeliveredAt: 1, dueDate: 1, _id: 1 });

export type InvoiceModel = Model<InvoiceDoc>;
export const invoiceModel = (conn: Connection): InvoiceModel => conn.model<InvoiceDoc>('Invoice', schema);
