import { Schema, type Connection, type Model } from 'mongoose';

/**
 * A tenant's churn counts (domain/churn-totals.ts), one document per UTC day (collection
 * `customers_churn_days`, id = tenant:generation:day), under the generation its build stored in
 * `customers_churn_builds` (id = tenant). `applied` remembers the keys of the latest deltas added to
 * the day, so a delta added by one process and again by another (or again after a crash before it left
 * its customer) counts once. A new generation (the first build, a rebuild) never mixes with an older one.
 */
export interface ChurnDayDoc {
  _id: string;
  tenantId: string;
  gen: string;
  day: string;
  /** quarter of the day → `reason~segment` → count */
  c: Record<string, Record<string, number>>;
  applied: string[];
}

export interface ChurnBuildDoc {
  _id: string;
  tenantId: string;
  gen: string;
  builtAt: Date;
}

const daySchema = new Schema<ChurnDayDoc>(
  {
    _id: String,
    tenantId: { type: String, required: true },
    gen: { type: String, required: true },
    day: { type: String, required: true },
    c: { type: Schema.Types.Mixed, default: {} },
    applied: { type: [String], default: [] },
  },
  { collection: 'customers_churn_days', versionKey: false, minimize: false },
);

// A generation's days (the reconciliation reads them; a rebuild drops the old generation's).
daySchema.index({ tenantId: 1, gen: 1 });

const buildSchema = new Schema<ChurnBuildDoc>(
  { _id: String, tenantId: { type: String, required: true }, gen: { type: String, required: true }, builtAt: { type: Date, required: true } },
  { collection: 'customers_churn_builds', versionKey: false },
);

/** How many delta keys a day remembers: far more than the moves of one day in flight at once. */
export const APPLIED_KEYS_KEPT = 2000;

export type ChurnDayModel = Model<ChurnDayDoc>;
export type ChurnBuildModel = Model<ChurnBuildDoc>;
export const churnDayModel = (conn: Connection): ChurnDayModel =>
  (conn.models.CustomersChurnDay as ChurnDayModel | undefined) ?? conn.model<ChurnDayDoc>('CustomersChurnDay', daySchema);
export const churnBuildModel = (conn: Connection): ChurnBuildModel =>
  (conn.models.CustomersChurnBuild as ChurnBuildModel | undefined) ?? conn.model<ChurnBuildDoc>('CustomersChurnBuild', buildSchema);
export const churnDayId = (tenantId: string, gen: string, day: string): string => `${tenantId}:${gen}:${day}`;
