import { Schema, type Connection, type Model } from 'mongoose';

/**
 * Billing totals of one (tenant, period, segment) (collection `sales_billing_totals`, id =
 * billingTotalsId): what R-SAL-KPI reads instead of the invoice facts. `counting` remembers the keys
 * of the latest facts added: a fact is added only while its key is not there, so a writer that died
 * between its writes (or a second consumer of the same event) never adds it twice.
 */
export interface BillingTotalsDoc {
  _id: string;
  tenantId: string;
  period: string;
  segment: string;
  invoices: number;
  totalMinor: number;
  counting: string[];
  builtAt: Date;
}

const schema = new Schema<BillingTotalsDoc>(
  {
    _id: String,
    tenantId: { type: String, required: true },
    period: { type: String, required: true },
    segment: { type: String, required: true },
    invoices: { type: Number, default: 0 },
    totalMinor: { type: Number, default: 0 },
    counting: { type: [String], default: [] },
    builtAt: { type: Date, required: true },
  },
  { collection: 'sales_billing_totals', versionKey: false, minimize: false },
);

/**
 * How many fact keys a bucket remembers: far more than the facts of one bucket in flight at once, few
 * enough that the document (rewritten by every fact) stays small (~20 KB). The window is the trade: a
 * second consumer of an event that stalls between storing the fact and adding it while this many other
 * facts of the same month and segment are added would add it again.
 */
export const COUNTING_KEYS_KEPT = 1000;

export type BillingTotalsModel = Model<BillingTotalsDoc>;
export const billingTotalsModel = (conn: Connection): BillingTotalsModel =>
  (conn.models.SalesBillingTotals as BillingTotalsModel | undefined) ?? conn.model<BillingTotalsDoc>('SalesBillingTotals', schema);
