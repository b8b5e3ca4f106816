import { Schema, type Connection, type Model } from 'mongoose';
import type { Channel } from '../domain/interaction';
import type { TimelineKind, TimelineLink, TimelineOutcome } from '../domain/timeline';

/**
 * One item of a customer's timeline (collection `timeline`): a projection of one event, `_id`
 * derived from the event id (idFromEvent), so a replay or a redelivery never adds a second item.
 */
export interface TimelineItemDoc {
  _id: string;
  tenantId: string;
  customerId: string;
  at: Date;
  kind: TimelineKind;
  eventType: string;
  eventId: string;
  /** In the tenant's language (Spanish): what happened, and what came of it in words. */
  summary: string;
  outcome: string | null;
  /** The same in English (absent on items projected before the second locale existed). */
  summaryEn?: string;
  outcomeEn?: string | null;
  /** What came of it, part by part (decision, reason, amount, dates told to the customer). */
  result?: TimelineOutcome | null;
  channel: Channel | null;
  actor: { userId: string; role: string };
  link: TimelineLink | null;
}

const timelineSchema = new Schema<TimelineItemDoc>(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    customerId: { type: String, required: true },
    at: { type: Date, required: true },
    kind: { type: String, required: true },
    eventType: { type: String, required: true },
    eventId: { type: String, required: true },
    summary: { type: String, required: true },
    outcome: { type: String, default: null },
    summaryEn: { type: String },
    outcomeEn: { type: String, default: null },
    result: { type: Schema.Types.Mixed, default: null },
    channel: { type: String, default: null },
    actor: { type: new Schema({ userId: String, role: String }, { _id: false }), required: true },
    link: { type: new Schema({ typename: String, id: String }, { _id: false }), default: null },
  },
  { collection: 'timeline', versionKey: false },
);
timelineSchema.index({ tenantId: 1, customerId: 1, at: -1, _id: -1 });

export type TimelineModel = Model<TimelineItemDoc>;
export const timelineModel = (conn: Connection): TimelineModel =>
  (conn.models.TimelineItem as TimelineModel | undefined) ?? conn.model<TimelineItemDoc>('TimelineItem', timelineSchema);
