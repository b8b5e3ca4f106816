import { Schema, type Connection, type Model } from 'mongoose';
import type { Settlement } from '../domain/receivable-invoice';

export type ChargeKind = 'FEE' | 'PENALTY' | 'EXCESS_CABLE' | 'RECEIVABLE' | 'CALL_DETAIL';

/** A charge requested by post-sale or techsupport, billed on the account's next invoice or on a receivable invoice of its own (collection `charges`). */
export interface ChargeDoc {
  /** `chg_` + the producer's chargeId: a redelivered request is the same charge. */
  _id: string;
  tenantId: string;
  customerId: string;
  installedProductId: string | null;
  billingAccountId: string | null;
  kind: ChargeKind;
  amountMinor: number;
  currency: string;
  description: string;
  requestedAt: Date;
  /** The invoice that billed it; null while pending. */
  invoiceId: string | null;
  /** R-PS-H4: NEXT_INVOICE (absent on older documents) or RECEIVABLE_INVOICE (an invoice of its own, never a monthly line). */
  settlement?: Settlement | null;
}

const schema = new Schema<ChargeDoc>(
  {
    _id: String,
    tenantId: { type: String, required: true },
    customerId: { type: String, required: true },
    installedProductId: { type: String, default: null },
    billingAccountId: { type: String, default: null },
    kind: { type: String, required: true },
    amountMinor: { type: Number, required: true },
    currency: { type: String, required: true },
    description: { type: String, required: true },
    requestedAt: { type: Date, required: true },
    invoiceId: { type: String, default: null },
    settlement: { type: String, default: null },
  },
  { collection: 'charges', versionKey: false },
);
schema.index({ tenantId: 1, billingAccountId: 1, invoiceId: 1, requestedAt: 1, _id: 1 });
schema.index({ tenantId: 1, customerId: 1 });
// A product's pending charges follow it to its order's account (consumers: chargesFollowProduct).
schema.index({ tenantId: 1, installedProductId: 1, invoiceId: 1 });
// The billing run marks billed charges with `{ _id, invoiceId: null }` in bulk (first invoice wins): the local
// engine serves a filter only from a unique index with exactly its keys.
schema.index({ _id: 1, invoiceId: 1 }, { unique: true });
// Receivable charges still to issue (when their account becomes known): per customer.
schema.index({ tenantId: 1, customerId: 1, settlement: 1, invoiceId: 1, requestedAt: 1, _id: 1 });

/** Who asks collections to bill a charge (postsale.ChargeRequested / techsupport.ChargeRequested). */
export type ChargeProducer = 'postsale' | 'techsupport';

/** The stored id of a producer's charge: per producer, so the two producers' ids never collide. */
export const chargeDocId = (tenantId: string, producer: ChargeProducer, chargeId: string): string =>
  producer === 'postsale' ? `chg_${tenantId}_${chargeId}` : `chg_${tenantId}_${producer}_${chargeId}`;

export type ChargeModel = Model<ChargeDoc>;
export const chargeModel = (conn: Connection): ChargeModel => conn.model<ChargeDoc>('Charge', schema);
