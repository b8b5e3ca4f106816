import { Schema, type Connection, type Model } from 'mongoose';
import { outboxPlugin, statusChangeSchema, type EventEnvelope, type StatusChangeDoc, trackChanges } from '@vinculo/common';
import { MAX_VISIT_MINUTES, type EngineeringRecord, type VisitChannel, type VisitStatus } from '../domain/visit';

/** A support visit (collection `support_visits`). */
export interface SupportVisitDoc {
  _id: string;
  tenantId: string;
  customerId: string;
  installedProductId: string | null;
  channel: VisitChannel;
  description: string;
  address: string;
  status: VisitStatus;
  remoteNotes: string | null;
  analystId: string | null;
  start: Date | null;
  end: Date | null;
  workOrderId: string | null;
  engineeringRecord: EngineeringRecord | null;
  qualityCall: 'OK' | 'NOT_OK' | null;
  ticketId: string | null;
  createdAt: Date;
  history: StatusChangeDoc[];
  version: number;
  outbox: EventEnvelope[];
}

const schema = new Schema<SupportVisitDoc>(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    customerId: String,
    installedProductId: { type: String, default: null },
    channel: String,
    description: String,
    address: String,
    status: String,
    remoteNotes: { type: String, default: null },
    analystId: { type: String, default: null },
    start: { type: Date, default: null },
    end: { type: Date, default: null },
    workOrderId: { type: String, default: null },
    engineeringRecord: { type: Schema.Types.Mixed, default: null },
    qualityCall: { type: String, default: null },
    ticketId: { type: String, default: null },
    createdAt: Date,
    history: { type: [statusChangeSchema], default: [] },
  },
  { collection: 'support_visits', versionKey: false },
);
// Reporting jobs extract it incrementally (issue #15): updatedAt on every write, indexed with the tenant.
trackChanges(schema);
schema.plugin(outboxPlugin);
schema.index({ tenantId: 1, customerId: 1, createdAt: -1, _id: -1 });
schema.index({ tenantId: 1, start: 1, analystId: 1 });
schema.index({ tenantId: 1, start: 1, _id: 1 });
schema.index({ tenantId: 1, status: 1, createdAt: 1, _id: 1 });

export type SupportVisitModel = Model<SupportVisitDoc>;
export const supportVisitModel = (conn: Connection): SupportVisitModel => conn.model<SupportVisitDoc>('SupportVisit', schema);

/** Booked visits overlapping [from, to), of one analyst or all, by start. */
export function calendarOf(model: SupportVisitModel, tenantId: string, from: Date, to: Date, analystId: string | null): Promise<SupportVisitDoc[]> {
  // A visit overlapping [from, to) started at most one maximal visit before `from`: the start index bounds the scan.
  const q: Record<string, unknown> = { tenantId, start: { $lt: to, $gte: new Date(from.getTime() - MAX_VISIT_MINUTES * 60_000) }, end: { $gt: from } };
  if (analystId) q.analystId = analystId;
  return model.find(q).sort({ start: 1, _id: 1 }).limit(500).lean<SupportVisitDoc[]>().exec();
}

/** One 15-minute slot of an analyst's calendar held by a visit: `_id` = tenant|analyst|slot start, so a slot is booked once. */
export interface CalendarSlotDoc {
  _id: string;
  tenantId: string;
  analystId: string;
  visitId: string;
  at: Date;
  /** When the booking took it: a slot whose visit never recorded the booking is reclaimable after a while. */
  heldAt?: Date;
}
const slotSchema = new Schema<CalendarSlotDoc>(
  { _id: String, tenantId: String, analystId: String, visitId: String, at: Date, heldAt: Date },
  { collection: 'calendar_slots', versionKey: false },
);
slotSchema.index({ tenantId: 1, visitId: 1 });
export type CalendarSlotModel = Model<CalendarSlotDoc>;
export const calendarSlotModel = (conn: Connection): CalendarSlotModel => conn.model<CalendarSlotDoc>('CalendarSlot', slotSchema);
