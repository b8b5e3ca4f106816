import { Schema, type Connection, type Model } from 'mongoose';
import { outboxPlugin, type EventEnvelope } from '@vinculo/common';
import type { AccountStanding, EligibilityReason, Impediment } from '../domain/eligibility';

/**
 * A customer's eligibility inputs and result (collection `eligibility`, `_id` = customer id): the
 * impediments registry and the collections-standing read model in ONE document, so a change and its
 * customers.EligibilityChanged are written atomically (outbox). Absent: no impediment, no standing.
 */
export interface EligibilityDoc {
  _id: string;
  tenantId: string;
  impediments: Impediment[];
  standings: AccountStanding[];
  eligible: boolean;
  reasons: EligibilityReason[];
  version: number;
  outbox: EventEnvelope[];
}

const impedimentSchema = new Schema<Impediment>(
  {
    id: String,
    kind: String,
    reason: String,
    detail: { type: String, default: null },
    markedBy: String,
    markedAt: Date,
    clearedBy: { type: String, default: null },
    clearedAt: { type: Date, default: null },
    clearReason: { type: String, default: null },
  },
  { _id: false },
);
const standingSchema = new Schema<AccountStanding>(
  { billingAccountId: String, accountNumber: { type: String, default: null }, standing: String, overdueAmount: Number, currency: String, since: Date },
  { _id: false },
);
const reasonSchema = new Schema<EligibilityReason>({ kind: String, detail: String, since: Date }, { _id: false });

const eligibilitySchema = new Schema<EligibilityDoc>(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    impediments: { type: [impedimentSchema], default: [] },
    standings: { type: [standingSchema], default: [] },
    eligible: { type: Boolean, required: true },
    reasons: { type: [reasonSchema], default: [] },
  },
  { collection: 'eligibility', versionKey: false },
);
eligibilitySchema.plugin(outboxPlugin);
eligibilitySchema.index({ tenantId: 1, _id: 1 });

export type EligibilityModel = Model<EligibilityDoc>;
export const eligibilityModel = (conn: Connection): EligibilityModel => conn.model<EligibilityDoc>('Eligibility', eligibilitySchema);
