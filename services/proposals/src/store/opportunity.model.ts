import { Schema, type Connection, type Model } from 'mongoose';
import { outboxPlugin, statusChangeSchema, type EventEnvelope, trackChanges } from '@vinculo/common';
import type { OpportunityState, ServiceLine } from '../domain/opportunity';

/**
 * An opportunity as stored (collection `opportunities`): one document per workflow, with its proposal
 * versions, reviews, quotes and business case embedded. They are few per opportunity, always read with
 * it, and one single-document update keeps state, version and outbox atomic without transactions.
 */
export interface OpportunityDoc extends OpportunityState {
  _id: string;
  tenantId: string;
  customerId: string;
  leadId: string | null;
  ownerId: string;
  title: string;
  serviceLines: ServiceLine[];
  qualifiedAt: Date;
  /** While IN_COMPLIANCE_REVIEW: the committed delivery day of the version under review (the compliance queue's order); else null. */
  complianceDueOn?: string | null;
  version: number;
  outbox: EventEnvelope[];
}

const schema = new Schema<OpportunityDoc>(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    customerId: { type: String, required: true },
    leadId: { type: String, default: null },
    ownerId: { type: String, required: true },
    title: { type: String, required: true },
    requirementType: { type: String, required: true },
    serviceLines: { type: [String], default: [] },
    currency: { type: String, required: true },
    status: { type: String, required: true },
    qualifiedAt: { type: Date, required: true },
    administrativeValidation: { type: Schema.Types.Mixed, default: null },
    technicalValidation: { type: Schema.Types.Mixed, default: null },
    contributions: { type: Schema.Types.Mixed, default: [] },
    partnerQuotes: { type: Schema.Types.Mixed, default: [] },
    businessCase: { type: Schema.Types.Mixed, default: null },
    proposals: { type: Schema.Types.Mixed, default: [] },
    wonAt: { type: Date, default: null },
    loss: { type: Schema.Types.Mixed, default: null },
    agreements: { type: Schema.Types.Mixed, default: [] },
    history: { type: [statusChangeSchema], default: [] },
    complianceDueOn: { type: String, default: null },
  },
  { collection: 'opportunities', versionKey: false, minimize: false },
);
// Reporting jobs extract it incrementally (issue #15): updatedAt on every write, indexed with the tenant.
trackChanges(schema);
schema.plugin(outboxPlugin);
schema.index({ tenantId: 1, customerId: 1, qualifiedAt: -1, _id: -1 });
schema.index({ tenantId: 1, ownerId: 1, qualifiedAt: -1, _id: -1 });
schema.index({ tenantId: 1, status: 1 });
// The open pipeline (status not closed) in qualification order.
schema.index({ tenantId: 1, qualifiedAt: 1, _id: 1 });
// proposalsAwaitingCompliance: IN_COMPLIANCE_REVIEW, first due delivery first.
schema.index({ tenantId: 1, status: 1, complianceDueOn: 1, _id: 1 });
// One opportunity per lead: qualifying the same lead twice hits this index.
schema.index({ tenantId: 1, leadId: 1 }, { unique: true });

export type OpportunityModel = Model<OpportunityDoc>;
export const opportunityModel = (conn: Connection): OpportunityModel => conn.model<OpportunityDoc>('Opportunity', schema);
