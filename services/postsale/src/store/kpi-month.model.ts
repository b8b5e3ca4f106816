import { Schema, type Connection, type Model } from 'mongoose';

/**
 * A tenant's post-sale KPI counts of one month (collection `postsale_kpi_months`, id `<tenant>:<month>`):
 * see domain/kpi-months.ts for the paths under `c`. `applied` keeps the keys of the latest deltas added,
 * so a delta added by two processes (or again after a crash before it was taken off its request) counts
 * once; `rev` is a fresh token on every write, so a fold that checked the keys by a read writes only if
 * nothing was written since.
 */
export interface KpiMonthDoc {
  _id: string;
  tenantId: string;
  month: string;
  c?: Record<string, unknown>;
  applied: string[];
  rev?: string | null;
  builtAt: Date;
}

const schema = new Schema<KpiMonthDoc>(
  {
    _id: String,
    tenantId: { type: String, required: true },
    month: { type: String, required: true },
    c: { type: Schema.Types.Mixed, default: {} },
    applied: { type: [String], default: [] },
    rev: { type: String },
    builtAt: { type: Date, required: true },
  },
  { collection: 'postsale_kpi_months', versionKey: false, minimize: false },
);

/** How many delta keys a month remembers: far more than any crash window or batch of pending deltas. */
export const KPI_KEYS_KEPT = 5000;

export const kpiMonthId = (tenantId: string, month: string): string => `${tenantId}:${month}`;

export type KpiMonthModel = Model<KpiMonthDoc>;
export const kpiMonthModel = (conn: Connection): KpiMonthModel =>
  (conn.models.PostSaleKpiMonth as KpiMonthModel | undefined) ?? conn.model<KpiMonthDoc>('PostSaleKpiMonth', schema);
