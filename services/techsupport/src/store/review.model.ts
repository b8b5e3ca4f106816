import { Schema, type Connection, type Model } from 'mongoose';
import { type Feasibility, outboxPlugin, statusChangeSchema, type EventEnvelope, type StatusChangeDoc } from '@vinculo/common';
import type { MigrationStatus, PreventiveOutcome } from '../domain/preventive';
import type { QualityCallOutcome } from '../domain/quality-call';

/** A preventive review of a portfolio customer (collection `preventive_reviews`). */
export interface PreventiveReviewDoc {
  _id: string;
  tenantId: string;
  customerId: string;
  analystId: string;
  executiveId: string | null;
  installedProductId: string | null;
  outcome: PreventiveOutcome;
  day: string;
  notes: string | null;
  suggestion: string | null;
  migration: MigrationStatus | null;
  feasibility: Feasibility | null;
  location: { latitude: number; longitude: number } | null;
  excessCableMinor: number | null;
  currency: string;
  ticketId: string | null;
  workOrderId: string | null;
  /** §3 K.17 the executive's quality-control call after the migration (absent on reviews stored before it existed). */
  qualityCall?: QualityCallOutcome | null;
  /** NOT_OK: the damage ticket the call raised. */
  qualityTicketId?: string | null;
  createdAt: Date;
  history: StatusChangeDoc[];
  version: number;
  outbox: EventEnvelope[];
}

const schema = new Schema<PreventiveReviewDoc>(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    customerId: String,
    analystId: String,
    executiveId: { type: String, default: null },
    installedProductId: { type: String, default: null },
    outcome: String,
    day: String,
    notes: { type: String, default: null },
    suggestion: { type: String, default: null },
    migration: { type: String, default: null },
    feasibility: { type: Schema.Types.Mixed, default: null },
    location: { type: Schema.Types.Mixed, default: null },
    excessCableMinor: { type: Number, default: null },
    currency: String,
    ticketId: { type: String, default: null },
    workOrderId: { type: String, default: null },
    qualityCall: { type: String, default: null },
    qualityTicketId: { type: String, default: null },
    createdAt: Date,
    history: { type: [statusChangeSchema], default: [] },
  },
  { collection: 'preventive_reviews', versionKey: false },
);
schema.plugin(outboxPlugin);
schema.index({ tenantId: 1, analystId: 1, day: 1, createdAt: 1 });
schema.index({ tenantId: 1, customerId: 1, createdAt: -1 });
// The reconciliation report: accepted migrations (their excess-cable charges).
schema.index({ tenantId: 1, migration: 1 });

export type PreventiveReviewModel = Model<PreventiveReviewDoc>;
export const preventiveReviewModel = (conn: Connection): PreventiveReviewModel => conn.model<PreventiveReviewDoc>('PreventiveReview', schema);

/** Each customer's latest review (a page is at most 100 customers; each read is one index seek). */
export const latestReviewsOf = (model: PreventiveReviewModel, tenantId: string, customerIds: string[]) =>
  Promise.all(customerIds.map((customerId) => model.findOne({ tenantId, customerId }).sort({ createdAt: -1 }).lean<PreventiveReviewDoc>().exec()));

/** An analyst's reviews of one day (tenant time zone), in the order recorded. */
export const reviewsOfDay = (model: PreventiveReviewModel, tenantId: string, analystId: string, day: string) =>
  model.find({ tenantId, analystId, day }).sort({ createdAt: 1 }).limit(1000).lean<PreventiveReviewDoc[]>().exec();
