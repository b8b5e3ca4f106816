import { Schema, type Connection, type Model } from 'mongoose';

/**
 * The last period each scheduled report went out for (collection `report_runs`, `_id` =
 * `<tenant>:<report>:<subject>`): what "already sent this period" reads, across restarts and replicas.
 * The e-mail's own deterministic id (`report:<report>:<tenant>:<subject>:<period>`) keeps a rerun that
 * crashed between the two from sending twice.
 */
export interface ReportRunDoc {
  _id: string;
  tenantId: string;
  report: string;
  subject: string;
  lastPeriod: string;
  /** SENT, or EMPTY (nothing to report: no e-mail that period). */
  outcome: 'SENT' | 'EMPTY' | 'NO_RECIPIENT';
  at: Date;
}

const schema = new Schema<ReportRunDoc>(
  { _id: String, tenantId: String, report: String, subject: String, lastPeriod: String, outcome: String, at: Date },
  { collection: 'report_runs', versionKey: false, minimize: false },
);
schema.index({ tenantId: 1, report: 1 });

export type ReportRunModel = Model<ReportRunDoc>;
export const reportRunModel = (conn: Connection): ReportRunModel => conn.model<ReportRunDoc>('ReportRun', schema);
