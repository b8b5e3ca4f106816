import { Schema, type Connection, type Model } from 'mongoose';
import { outboxPlugin, statusChangeSchema, type EventEnvelope, type StatusChangeDoc } from '@vinculo/common';
import type { ClaimOutcome, ClaimStatus } from '../domain/billing-claim';

/** A billing claim (collection `billing_claims`), one document with its outbox. */
export interface BillingClaimDoc {
  _id: string;
  tenantId: string;
  invoiceId: string;
  billingAccountId: string;
  customerId: string;
  currency: string;
  invoiceTotalMinor: number;
  description: string;
  status: ClaimStatus;
  outcome: ClaimOutcome | null;
  resolution: string | null;
  creditedMinor: number;
  escalations: number;
  urgent: boolean;
  /** queueKeyOf(urgent, registeredAt): the claims unit's queue order. */
  queueKey: string;
  registeredBy: string;
  registeredAt: Date;
  resolvedAt: Date | null;
  history: StatusChangeDoc[];
  /** The customer's files presented as evidence (issue #16); absent on older claims. */
  evidence?: { attachmentId: string; name: string; contentType: string }[];
  version: number;
  outbox: EventEnvelope[];
}

const schema = new Schema<BillingClaimDoc>(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    invoiceId: { type: String, required: true },
    billingAccountId: { type: String, required: true },
    customerId: { type: String, required: true },
    currency: { type: String, required: true },
    invoiceTotalMinor: { type: Number, required: true },
    description: { type: String, required: true },
    status: { type: String, required: true },
    outcome: { type: String, default: null },
    resolution: { type: String, default: null },
    creditedMinor: { type: Number, default: 0 },
    escalations: { type: Number, default: 0 },
    urgent: { type: Boolean, default: false },
    queueKey: { type: String, required: true },
    registeredBy: { type: String, required: true },
    registeredAt: { type: Date, required: true },
    resolvedAt: { type: Date, default: null },
    history: { type: [statusChangeSchema], default: [] },
    evidence: { type: [new Schema({ attachmentId: String, name: String, contentType: String }, { _id: false })], default: [] },
  },
  { collection: 'billing_claims', versionKey: false },
);
schema.plugin(outboxPlugin);
schema.index({ tenantId: 1, invoiceId: 1 });
// collectionsIndicators: claims resolved in a month.
schema.index({ tenantId: 1, resolvedAt: 1 });
schema.index({ tenantId: 1, status: 1, registeredAt: 1 });
// assignedBillingClaims(first, after): ASSIGNED, urgent first then oldest (queueKey), _id.
schema.index({ tenantId: 1, status: 1, queueKey: 1, _id: 1 });
schema.index({ tenantId: 1, billingAccountId: 1, registeredAt: -1, _id: -1 });
// billingClaimsToTell: RESOLVED, oldest resolution (the first due call) first.
schema.index({ tenantId: 1, status: 1, resolvedAt: 1, _id: 1 });

export type BillingClaimModel = Model<BillingClaimDoc>;
export const billingClaimModel = (conn: Connection): BillingClaimModel => conn.model<BillingClaimDoc>('BillingClaim', schema);
