import { Schema, type Connection, type Model } from 'mongoose';

/**
 * One billing invoice as sales knows it from collections.InvoiceIssued (collection `sales_invoice_facts`,
 * id = tenant:invoice). `pending` is set while the fact is on its way into its billing totals
 * (application/billing-totals.ts) and removed once it is counted; facts stored before the totals existed
 * have none and are counted by the totals' first build.
 */
export interface InvoiceFact {
  _id: string;
  tenantId: string;
  period: string;
  segment: string;
  totalAmount: number;
  currency: string;
  pending?: boolean;
}

const schema = new Schema<InvoiceFact>(
  { _id: String, tenantId: String, period: String, segment: String, totalAmount: Number, currency: String, pending: Boolean },
  { collection: 'sales_invoice_facts', versionKey: false },
);
// A bucket's facts (its first build, the reconciliation).
schema.index({ tenantId: 1, period: 1, segment: 1 });
// A bucket's facts still pending (every read): `pending` before the period, so an engine that hashes only
// an index's first three equalities (the local one) finds the few pending facts, not the bucket's facts.
schema.index({ tenantId: 1, pending: 1, period: 1, segment: 1 });

export type InvoiceFactModel = Model<InvoiceFact>;
export const invoiceFactModel = (conn: Connection): InvoiceFactModel =>
  (conn.models.SalesInvoiceFact as InvoiceFactModel | undefined) ?? conn.model<InvoiceFact>('SalesInvoiceFact', schema);
