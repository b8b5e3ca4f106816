import { Schema, type Connection, type Model } from 'mongoose';
import { outboxPlugin, statusChangeSchema, type EventEnvelope, type StatusChangeDoc, trackChanges } from '@vinculo/common';
import type { VisitDetails, VisitStatus } from '../domain/visit';

/** A visit on an executive's schedule (collection `visits`): its details plus schedule and workflow state. */
export interface VisitDoc extends VisitDetails {
  _id: string;
  tenantId: string;
  executiveId: string;
  startsAt: Date;
  endsAt: Date;
  /** Calendar day of the start in the tenant's time zone: the agenda it is booked in. */
  day: string;
  outcome: string | null;
  status: VisitStatus;
  history: StatusChangeDoc[];
  scheduledBy: string;
  createdAt: Date;
  updatedAt: Date;
  version: number;
  outbox: EventEnvelope[];
}

const visitSchema = new Schema<VisitDoc>(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    executiveId: { type: String, required: true },
    startsAt: { type: Date, required: true },
    endsAt: { type: Date, required: true },
    day: { type: String, required: true },
    customerId: { type: String, default: null },
    prospectCompany: { type: String, default: null },
    personToInterview: { type: String, default: null },
    location: { type: String, required: true },
    coordinates: { type: new Schema({ latitude: Number, longitude: Number }, { _id: false }), default: null },
    notes: { type: String, default: null },
    outcome: { type: String, default: null },
    status: { type: String, required: true },
    history: { type: [statusChangeSchema], default: [] },
    scheduledBy: { type: String, required: true },
  },
  { collection: 'visits', timestamps: true, versionKey: false },
);
// Reporting jobs extract it incrementally (issue #15): updatedAt on every write, indexed with the tenant.
trackChanges(visitSchema);
visitSchema.plugin(outboxPlugin);
visitSchema.index({ tenantId: 1, executiveId: 1, startsAt: 1, _id: 1 });

export type VisitModel = Model<VisitDoc>;
export const visitModel = (conn: Connection): VisitModel => conn.model<VisitDoc>('Visit', visitSchema);
