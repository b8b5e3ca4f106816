import { Schema, type Connection, type Model } from 'mongoose';
import { outboxPlugin, type EventEnvelope, trackChanges } from '@vinculo/common';
import type { Channel, InteractionPurpose } from '../domain/interaction';
import type { TimelineLink } from '../domain/timeline';
import type { LoyaltyOutcome } from '../domain/loyalty';

/** An interaction (collection `interactions`); its customers.InteractionRecorded feeds the timeline. */
export interface InteractionDoc {
  _id: string;
  tenantId: string;
  customerId: string;
  channel: Channel;
  purpose: InteractionPurpose;
  summary: string;
  outcome: string | null;
  link: TimelineLink | null;
  authorId: string;
  at: Date;
  /** Set for a loyalty call (§3 J). */
  loyalty: { outcome: LoyaltyOutcome; contactUpdated: boolean } | null;
  version: number;
  outbox: EventEnvelope[];
}

const linkSchema = new Schema<TimelineLink>({ typename: String, id: String }, { _id: false });

const interactionSchema = new Schema<InteractionDoc>(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    customerId: { type: String, required: true },
    channel: { type: String, required: true },
    purpose: { type: String, required: true },
    summary: { type: String, required: true },
    outcome: { type: String, default: null },
    link: { type: linkSchema, default: null },
    authorId: { type: String, required: true },
    at: { type: Date, required: true },
    loyalty: { type: new Schema({ outcome: String, contactUpdated: Boolean }, { _id: false }), default: null },
  },
  { collection: 'interactions', versionKey: false },
);
// Reporting jobs extract it incrementally (issue #15): updatedAt on every write, indexed with the tenant.
trackChanges(interactionSchema);
interactionSchema.plugin(outboxPlugin);
interactionSchema.index({ tenantId: 1, customerId: 1, at: 1 });
interactionSchema.index({ tenantId: 1, purpose: 1, authorId: 1, at: 1, _id: 1 });

export type InteractionModel = Model<InteractionDoc>;
export const interactionModel = (conn: Connection): InteractionModel => conn.model<InteractionDoc>('Interaction', interactionSchema);
