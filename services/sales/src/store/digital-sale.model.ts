import { Schema, type Connection, type Model } from 'mongoose';
import { outboxPlugin, statusChangeSchema, type EventEnvelope, trackChanges } from '@vinculo/common';
import type { DigitalSaleState } from '../domain/digital-sale';

/** A digital sale request as stored (collection `digital_sale_requests`). */
export interface DigitalSaleDoc extends DigitalSaleState {
  _id: string;
  tenantId: string;
  receivedAt: Date;
  /** The day received, tenant time zone (R-DIG-KPI is daily). */
  receivedDay: string;
  version: number;
  outbox: EventEnvelope[];
}

const schema = new Schema<DigitalSaleDoc>(
  {
    _id: String,
    tenantId: { type: String, required: true },
    channel: String,
    identityCard: String,
    customerId: { type: String, default: null },
    planCode: String,
    status: String,
    installationAddress: { type: String, default: null },
    location: { type: Schema.Types.Mixed, default: null },
    impediments: { type: Schema.Types.Mixed, default: [] },
    feasibility: { type: Schema.Types.Mixed, default: null },
    attachments: { type: Schema.Types.Mixed, default: [] },
    orderId: { type: String, default: null },
    eta: { type: Schema.Types.Mixed, default: null },
    followUps: { type: Schema.Types.Mixed, default: [] },
    satisfaction: { type: Schema.Types.Mixed, default: null },
    notFeasibleReason: { type: String, default: null },
    receivedAt: Date,
    receivedDay: String,
    history: { type: [statusChangeSchema], default: [] },
  },
  { collection: 'digital_sale_requests', versionKey: false, minimize: false },
);
// Reporting jobs extract it incrementally (issue #15): updatedAt on every write, indexed with the tenant.
trackChanges(schema);
schema.plugin(outboxPlugin);
schema.index({ tenantId: 1, customerId: 1, receivedAt: -1, _id: -1 });
// digitalSaleCallbacks: CALLBACK_PENDING, the oldest lost call (first due) first.
schema.index({ tenantId: 1, status: 1, receivedAt: 1, _id: 1 });
schema.index({ tenantId: 1, receivedDay: 1 });

export type DigitalSaleModel = Model<DigitalSaleDoc>;
export const digitalSaleModel = (conn: Connection): DigitalSaleModel => conn.model<DigitalSaleDoc>('DigitalSaleRequest', schema);
