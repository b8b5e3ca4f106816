import { Schema, type Connection, type Model } from 'mongoose';
import { outboxPlugin, statusChangeSchema, type EventEnvelope, type StatusChangeDoc } from '@vinculo/common';
import type { BillingAccountStanding } from '../domain/billing-account';

/** A billing account as stored (collection `billing_accounts`). */
export interface BillingAccountDoc {
  _id: string;
  tenantId: string;
  customerId: string;
  accountNumber: string;
  currency: string;
  standing: BillingAccountStanding;
  openedBy: string;
  openedAt: Date;
  history: StatusChangeDoc[];
  version: number;
  outbox: EventEnvelope[];
}

const billingAccountSchema = new Schema<BillingAccountDoc>(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    customerId: { type: String, required: true },
    accountNumber: { type: String, required: true },
    currency: { type: String, required: true },
    standing: { type: String, required: true },
    openedBy: { type: String, required: true },
    openedAt: { type: Date, required: true },
    history: { type: [statusChangeSchema], default: [] },
  },
  { collection: 'billing_accounts', versionKey: false },
);
billingAccountSchema.plugin(outboxPlugin);
// Account numbers are generated at random; this index makes a collision a duplicate key (retried).
billingAccountSchema.index({ tenantId: 1, accountNumber: 1 }, { unique: true });
billingAccountSchema.index({ tenantId: 1, customerId: 1, openedAt: -1, _id: -1 });

export type BillingAccountModel = Model<BillingAccountDoc>;
export const billingAccountModel = (conn: Connection): BillingAccountModel =>
  conn.model<BillingAccountDoc>('BillingAccount', billingAccountSchema);
