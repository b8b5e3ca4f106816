import { Schema, type Connection, type Model } from 'mongoose';

/**
 * A pass of a tenant's billing run over one period (collection `billing_runs`, id `${tenantId}|${period}`):
 * where it stands, so a run that died half-way is continued from its cursor rather than started over,
 * at the business time it started with (the same invoices as an uninterrupted run).
 */
export interface BillingRunDoc {
  _id: string;
  tenantId: string;
  period: string;
  status: 'RUNNING' | 'DONE';
  /** Every pass of the period counts one up (a re-run after DONE starts pass n + 1 from the first account). */
  pass: number;
  /** The last account id of the last batch completed (accounts are walked in `_id` order); null before the first. */
  cursor: string | null;
  /** Business now at the start of the pass: issue date and standing of every invoice of the pass. */
  now: Date;
  startedAt: Date;
  finishedAt: Date | null;
  /** What the pass has done so far (accounts up to the cursor). */
  accounts: number;
  issued: number;
  alreadyIssued: number;
  nothingToBill: number;
  /**
   * Batches whose ledgers are being written without their indicator deltas on the accounts (one token per
   * batch, taken off with its cursor): one left here means a process died between those writes and the
   * addition to the totals, and the next call rebuilds the tenant's totals from the accounts.
   */
  unfolded?: string[];
}

const schema = new Schema<BillingRunDoc>(
  {
    _id: String,
    tenantId: { type: String, required: true },
    period: { type: String, required: true },
    status: { type: String, required: true },
    pass: { type: Number, required: true },
    cursor: { type: String, default: null },
    now: { type: Date, required: true },
    startedAt: { type: Date, required: true },
    finishedAt: { type: Date, default: null },
    accounts: { type: Number, default: 0 },
    issued: { type: Number, default: 0 },
    alreadyIssued: { type: Number, default: 0 },
    nothingToBill: { type: Number, default: 0 },
    unfolded: { type: [String], default: undefined },
  },
  { collection: 'billing_runs', versionKey: false },
);
schema.index({ tenantId: 1, period: 1 });

export const billingRunId = (tenantId: string, period: string): string => `${tenantId}|${period}`;

export type BillingRunModel = Model<BillingRunDoc>;
export const billingRunModel = (conn: Connection): BillingRunModel => conn.model<BillingRunDoc>('BillingRun', schema);
