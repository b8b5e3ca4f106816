import { Schema, type Connection, type Model } from 'mongoose';
import { outboxPlugin, statusChangeSchema, type EventEnvelope, type StatusChangeDoc } from '@vinculo/common';
import type { PromiseStatus } from '../domain/payment-promise';

/** A payment promise (collection `payment_promises`), one document with its outbox. */
export interface PaymentPromiseDoc {
  _id: string;
  tenantId: string;
  billingAccountId: string;
  customerId: string;
  promisedDate: string;
  amountMinor: number;
  currency: string;
  note: string | null;
  status: PromiseStatus;
  paidMinor: number;
  madeOn: string;
  followUpDate: string;
  recordedBy: string;
  createdAt: Date;
  history: StatusChangeDoc[];
  version: number;
  outbox: EventEnvelope[];
}

const schema = new Schema<PaymentPromiseDoc>(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    billingAccountId: { type: String, required: true },
    customerId: { type: String, required: true },
    promisedDate: { type: String, required: true },
    amountMinor: { type: Number, required: true },
    currency: { type: String, required: true },
    note: { type: String, default: null },
    status: { type: String, required: true },
    paidMinor: { type: Number, default: 0 },
    madeOn: { type: String, required: true },
    followUpDate: { type: String, required: true },
    recordedBy: { type: String, required: true },
    createdAt: { type: Date, required: true },
    history: { type: [statusChangeSchema], default: [] },
  },
  { collection: 'payment_promises', versionKey: false },
);
schema.plugin(outboxPlugin);
schema.index({ tenantId: 1, billingAccountId: 1, createdAt: -1, _id: -1 });
schema.index({ tenantId: 1, status: 1, _id: 1 });
schema.index({ tenantId: 1, billingAccountId: 1, status: 1, _id: 1 });
// collectionsIndicators: settled promises due in a month.
schema.index({ tenantId: 1, promisedDate: 1, status: 1 });
// paymentPromiseFollowUps(first, after): PENDING promises by follow-up date, _id.
schema.index({ tenantId: 1, status: 1, followUpDate: 1, _id: 1 });

export type PaymentPromiseModel = Model<PaymentPromiseDoc>;
export const paymentPromiseModel = (conn: Connection): PaymentPromiseModel => conn.model<PaymentPromiseDoc>('PaymentPromise', schema);
