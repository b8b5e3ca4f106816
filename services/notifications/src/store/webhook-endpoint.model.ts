import { Schema, type Connection, type Model } from 'mongoose';

/**
 * A partner's webhook endpoint (collection `webhook_endpoints`, per tenant). The secret signs every
 * delivery; it is returned once, when the endpoint is registered or the secret rotated, and never
 * shown again (queries mask it).
 */
export interface WebhookEndpointDoc {
  _id: string;
  tenantId: string;
  url: string;
  description: string;
  eventTypes: string[];
  secret: string;
  enabled: boolean;
  /** Why it is disabled (by an ADMIN, or after sustained failure), when. */
  disabledReason: string | null;
  disabledAt: Date | null;
  /** `SYSTEM` when disabled after sustained failure, else the ADMIN's user id. */
  disabledBy: string | null;
  /** domain/webhooks.ts EndpointHealth, kept up to date by the sender. */
  failingSince: Date | null;
  consecutiveGivenUp: number;
  lastSuccessAt: Date | null;
  lastFailureAt: Date | null;
  version: number;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

const schema = new Schema<WebhookEndpointDoc>(
  {
    _id: String,
    tenantId: { type: String, required: true },
    url: { type: String, required: true },
    description: { type: String, default: '' },
    eventTypes: { type: [String], default: [] },
    secret: { type: String, required: true },
    enabled: { type: Boolean, default: true },
    disabledReason: { type: String, default: null },
    disabledAt: { type: Date, default: null },
    disabledBy: { type: String, default: null },
    failingSince: { type: Date, default: null },
    consecutiveGivenUp: { type: Number, default: 0 },
    lastSuccessAt: { type: Date, default: null },
    lastFailureAt: { type: Date, default: null },
    version: { type: Number, default: 1 },
    createdBy: String,
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'webhook_endpoints', versionKey: false, minimize: false },
);
// The endpoints an event goes to (tenant + type), and a tenant's list.
schema.index({ tenantId: 1, eventTypes: 1 });
schema.index({ tenantId: 1, createdAt: -1, _id: -1 });

export type WebhookEndpointModel = Model<WebhookEndpointDoc>;
export const webhookEndpointModel = (conn: Connection): WebhookEndpointModel => conn.model<WebhookEndpointDoc>('WebhookEndpoint', schema);
