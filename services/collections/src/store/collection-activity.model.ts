import { Schema, type Connection, type Model } from 'mongoose';
import { outboxPlugin, type EventEnvelope } from '@vinculo/common';
import type { CallOutcome, DeliveryChannel } from '../domain/overdue-management';

/** A pro-forma invoice sent to the customer (collection `invoice_deliveries`), stored with its event. */
export interface InvoiceDeliveryDoc {
  _id: string;
  tenantId: string;
  invoiceId: string;
  billingAccountId: string;
  customerId: string;
  channel: DeliveryChannel;
  note: string | null;
  deliveredBy: string;
  deliveredAt: Date;
  version: number;
  outbox: EventEnvelope[];
}

const deliverySchema = new Schema<InvoiceDeliveryDoc>(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    invoiceId: { type: String, required: true },
    billingAccountId: { type: String, required: true },
    customerId: { type: String, required: true },
    channel: { type: String, required: true },
    note: { type: String, default: null },
    deliveredBy: { type: String, required: true },
    deliveredAt: { type: Date, required: true },
  },
  { collection: 'invoice_deliveries', versionKey: false },
);
deliverySchema.plugin(outboxPlugin);
// Invoice.deliveries (batched per request), oldest first.
deliverySchema.index({ tenantId: 1, invoiceId: 1, deliveredAt: 1, _id: 1 });

export type InvoiceDeliveryModel = Model<InvoiceDeliveryDoc>;
export const invoiceDeliveryModel = (conn: Connection): InvoiceDeliveryModel => conn.model<InvoiceDeliveryDoc>('InvoiceDelivery', deliverySchema);

/** A collection call on an account (collection `collection_calls`), stored with its event. */
export interface CollectionCallDoc {
  _id: string;
  tenantId: string;
  billingAccountId: string;
  customerId: string;
  outcome: CallOutcome;
  note: string | null;
  promiseId: string | null;
  calledBy: string;
  calledAt: Date;
  version: number;
  outbox: EventEnvelope[];
}

const callSchema = new Schema<CollectionCallDoc>(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    billingAccountId: { type: String, required: true },
    customerId: { type: String, required: true },
    outcome: { type: String, required: true },
    note: { type: String, default: null },
    promiseId: { type: String, default: null },
    calledBy: { type: String, required: true },
    calledAt: { type: Date, required: true },
  },
  { collection: 'collection_calls', versionKey: false },
);
callSchema.plugin(outboxPlugin);
// BillingAccount.collectionCalls(first, after): newest first.
callSchema.index({ tenantId: 1, billingAccountId: 1, calledAt: -1, _id: -1 });

export type CollectionCallModel = Model<CollectionCallDoc>;
export const collectionCallModel = (conn: Connection): CollectionCallModel => conn.model<CollectionCallDoc>('CollectionCall', callSchema);
