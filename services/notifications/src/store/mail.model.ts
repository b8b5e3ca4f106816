import { Schema, type Connection, type Model } from 'mongoose';
import type { DeliveryStatus } from '../domain/delivery';
import type { DocumentRef } from '../application/documents';

/**
 * One e-mail (collection `outgoing_mail`): written with the decision, before any attempt to send, so
 * it is the outbox — an SMTP relay that is down delays it, never drops it. `_id` = `<source id>:<rule>`.
 */
export interface MailDoc {
  _id: string;
  tenantId: string;
  ruleId: string;
  eventType: string;
  eventId: string;
  to: string[];
  cc: string[];
  subject: string;
  text: string;
  html: string;
  attachments: { filename: string; contentType: string; content: string }[];
  /** Generated documents still to fetch from their owner before sending (then in `attachments`). */
  documents?: DocumentRef[];
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: Date | null;
  /** A sender holds the message until then (several replicas never send it twice at once). */
  lockedUntil: Date | null;
  lastError: string | null;
  lastResponseCode: number | null;
  /** Recipients left out (opted out, no valid address): recorded, never blocking the others. */
  skipped: { who: string; reason: string }[];
  messageId: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

const schema = new Schema<MailDoc>(
  {
    _id: String,
    tenantId: { type: String, required: true },
    ruleId: String,
    eventType: String,
    eventId: String,
    to: [String],
    cc: [String],
    subject: String,
    text: String,
    html: String,
    attachments: { type: Schema.Types.Mixed, default: [] },
    documents: { type: Schema.Types.Mixed, default: [] },
    status: { type: String, required: true },
    attempts: { type: Number, default: 0 },
    nextAttemptAt: { type: Date, default: null },
    lockedUntil: { type: Date, default: null },
    lastError: { type: String, default: null },
    lastResponseCode: { type: Number, default: null },
    skipped: { type: Schema.Types.Mixed, default: [] },
    messageId: { type: String, default: null },
    createdAt: { type: Date, required: true },
    sentAt: { type: Date, default: null },
  },
  { collection: 'outgoing_mail', versionKey: false, minimize: false },
);
// The sender's queue (every tenant: delivery runs on wall time) and a tenant's delivery log.
schema.index({ status: 1, nextAttemptAt: 1 });
schema.index({ tenantId: 1, createdAt: -1, _id: -1 });

export type MailModel = Model<MailDoc>;
export const mailModel = (conn: Connection): MailModel => conn.model<MailDoc>('OutgoingMail', schema);

/**
 * Queue a scheduled report's e-mail once: `_id` is the report's period key, so a rerun, a restart or a
 * second replica adds nothing (false when it was already queued). Without a recipient it is recorded
 * SKIPPED, never sent.
 */
export async function queueReportMail(
  mail: MailModel,
  m: Pick<MailDoc, '_id' | 'tenantId' | 'ruleId' | 'eventType' | 'to' | 'cc' | 'subject' | 'text' | 'html' | 'attachments'>,
): Promise<boolean> {
  const anyone = m.to.length + m.cc.length > 0;
  try {
    await mail.create({
      ...m,
      eventId: m._id,
      documents: [],
      status: anyone ? 'PENDING' : 'SKIPPED',
      attempts: 0,
      nextAttemptAt: anyone ? new Date() : null,
      lockedUntil: null,
      lastError: anyone ? null : 'no recipient with a valid address',
      lastResponseCode: null,
      skipped: [],
      messageId: null,
      createdAt: new Date(),
      sentAt: null,
    });
    return true;
  } catch (err) {
    if ((err as { code?: number }).code !== 11000) throw err;
    return false;
  }
}
