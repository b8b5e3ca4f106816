import { Schema, type Connection, type Model } from 'mongoose';

/**
 * A tenant's collections indicator totals (collection `indicator_totals`, one document per tenant, id =
 * tenant id): see domain/indicator-totals.ts for the paths under `cur` and `bill`. `applied` keeps the
 * keys of the latest deltas added, so a delta added by one process and again by another (or again after
 * a crash before it was removed from its account) counts once.
 */
export interface IndicatorTotalsDoc {
  _id: string;
  tenantId: string;
  cur?: Record<string, unknown>;
  bill?: Record<string, unknown>;
  applied: string[];
  /** A fresh token on every write: a fold that read the keys writes only if nothing was written since. */
  rev?: string | null;
  builtAt: Date;
}

const schema = new Schema<IndicatorTotalsDoc>(
  {
    _id: String,
    tenantId: { type: String, required: true },
    cur: { type: Schema.Types.Mixed, default: {} },
    bill: { type: Schema.Types.Mixed, default: {} },
    applied: { type: [String], default: [] },
    rev: { type: String },
    builtAt: { type: Date, required: true },
  },
  { collection: 'indicator_totals', versionKey: false, minimize: false },
);

/** How many delta keys the totals remember: far more than a batch of the billing run or any crash window. */
export const APPLIED_KEYS_KEPT = 5000;

export type IndicatorTotalsModel = Model<IndicatorTotalsDoc>;
export const indicatorTotalsModel = (conn: Connection): IndicatorTotalsModel =>
  (conn.models.IndicatorTotals as IndicatorTotalsModel | undefined) ?? conn.model<IndicatorTotalsDoc>('IndicatorTotals', schema);
