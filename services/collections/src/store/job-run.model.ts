import { Schema, type Connection, type Model } from 'mongoose';

/** A scheduled job done for a tenant and key (collection `job_runs`): `${tenantId}|${job}|${key}`. */
export interface JobRunDoc {
  _id: string;
  tenantId: string;
  job: string;
  key: string;
  doneAt: Date;
}

const schema = new Schema<JobRunDoc>(
  {
    _id: String,
    tenantId: { type: String, required: true },
    job: { type: String, required: true },
    key: { type: String, required: true },
    doneAt: { type: Date, required: true },
  },
  { collection: 'job_runs', versionKey: false },
);
// The last run of a job for a tenant (the newest key).
schema.index({ tenantId: 1, job: 1, key: -1 });

export type JobRunModel = Model<JobRunDoc>;
export const jobRunModel = (conn: Connection): JobRunModel => conn.model<JobRunDoc>('JobRun', schema);
