import { Schema, type Connection, type Model } from 'mongoose';

export type WebhookDeliveryStatus = 'PENDING' | 'DELIVERED' | 'FAILED' | 'SKIPPED';

/** One POST to the endpoint: its answer (HTTP status) or the error, and how long it took. */
export interface WebhookAttempt {
  /** The attempt series (1 = the first delivery; each replay starts a new one). */
  series: number;
  /** The attempt within its series (1, 2, …). */
  n: number;
  at: Date;
  responseCode: number | null;
  error: string | null;
  latencyMs: number;
}

/**
 * One event for one endpoint (collection `webhook_deliveries`). `_id` = `<endpointId>:<eventId>`, so a
 * Kafka redelivery or a restart never adds a second one; a replay starts a new attempt series on the
 * same record. `body` is the exact bytes sent (signed afresh at every attempt, with its timestamp).
 */
export interface WebhookDeliveryDoc {
  _id: string;
  tenantId: string;
  endpointId: string;
  eventId: string;
  eventType: string;
  /** The event's time (replay by time range is over it). */
  eventTime: Date;
  body: string;
  status: WebhookDeliveryStatus;
  series: number;
  /** First attempt of the current series: the 24 h retry window counts from it. */
  seriesStartedAt: Date | null;
  /** Attempts made in the current series. */
  seriesAttempts: number;
  nextAttemptAt: Date | null;
  /** A sender holds the delivery until then (replicas never send it twice at once). */
  lockedUntil: Date | null;
  lastResponseCode: number | null;
  lastError: string | null;
  lastLatencyMs: number | null;
  attempts: WebhookAttempt[];
  createdAt: Date;
  deliveredAt: Date | null;
}

const schema = new Schema<WebhookDeliveryDoc>(
  {
    _id: String,
    tenantId: { type: String, required: true },
    endpointId: { type: String, required: true },
    eventId: { type: String, required: true },
    eventType: String,
    eventTime: Date,
    body: String,
    status: { type: String, required: true },
    series: { type: Number, default: 1 },
    seriesStartedAt: { type: Date, default: null },
    seriesAttempts: { type: Number, default: 0 },
    nextAttemptAt: { type: Date, default: null },
    lockedUntil: { type: Date, default: null },
    lastResponseCode: { type: Number, default: null },
    lastError: { type: String, default: null },
    lastLatencyMs: { type: Number, default: null },
    attempts: { type: Schema.Types.Mixed, default: [] },
    createdAt: { type: Date, required: true },
    deliveredAt: { type: Date, default: null },
  },
  { collection: 'webhook_deliveries', versionKey: false, minimize: false },
);
// The sender's queue (every tenant: delivery runs on wall time), an endpoint's log, replay by event time.
schema.index({ status: 1, nextAttemptAt: 1 });
schema.index({ tenantId: 1, endpointId: 1, createdAt: -1, _id: -1 });
schema.index({ tenantId: 1, endpointId: 1, eventTime: 1 });

export type WebhookDeliveryModel = Model<WebhookDeliveryDoc>;
export const webhookDeliveryModel = (conn: Connection): WebhookDeliveryModel => conn.model<WebhookDeliveryDoc>('WebhookDelivery', schema);
