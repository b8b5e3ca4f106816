import { trackChanges } from '@vinculo/common';
import { Schema, type Connection, type Model } from 'mongoose';
import type { Allocation } from '../domain/ledger';

export type PaymentChannel = 'WEB' | 'BANK' | 'SIGEP' | 'CASHIER';

/** A payment received (collection `payments`); the unique external reference makes a second submission a CONFLICT. */
export interface PaymentDoc {
  _id: string;
  tenantId: string;
  billingAccountId: string;
  customerId: string;
  channel: PaymentChannel;
  externalReference: string;
  amountMinor: number;
  currency: string;
  receivedAt: Date;
  registeredBy: string;
  /** When this service stored it: a RECEIVED payment much older than this was orphaned by a crash. */
  registeredAt?: Date;
  /** APPLIED once allocated on the account's ledger (in one versioned write). */
  status: 'RECEIVED' | 'APPLIED';
  allocations: Allocation[];
  creditAddedMinor: number;
}

const schema = new Schema<PaymentDoc>(
  {
    _id: String,
    tenantId: { type: String, required: true },
    billingAccountId: { type: String, required: true },
    customerId: { type: String, required: true },
    channel: { type: String, required: true },
    externalReference: { type: String, required: true },
    amountMinor: { type: Number, required: true },
    currency: { type: String, required: true },
    receivedAt: { type: Date, required: true },
    registeredBy: { type: String, required: true },
    registeredAt: { type: Date },
    status: { type: String, required: true },
    allocations: { type: [new Schema({ invoiceId: String, amountMinor: Number }, { _id: false })], default: [] },
    creditAddedMinor: { type: Number, default: 0 },
  },
  { collection: 'payments', versionKey: false },
);
// Reporting jobs extract it incrementally (issue #15): updatedAt on every write, indexed with the tenant.
trackChanges(schema);
// One payment per external reference in the tenant: the unique index decides concurrent submissions.
schema.index({ tenantId: 1, externalReference: 1 }, { unique: true });
schema.index({ tenantId: 1, billingAccountId: 1, receivedAt: -1, _id: -1 });
// The standings job completes payments left RECEIVED by a crash (completeOrphanedPayments).
schema.index({ tenantId: 1, status: 1, registeredAt: 1, _id: 1 });

export type PaymentModel = Model<PaymentDoc>;
export const paymentModel = (conn: Connection): PaymentModel => conn.model<PaymentDoc>('Payment', schema);
