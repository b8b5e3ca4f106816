import { Schema, type Connection, type Model } from 'mongoose';
import { outboxPlugin, statusChangeSchema, type EventEnvelope, type StatusChangeDoc, trackChanges } from '@vinculo/common';
import type { LeadSource, LeadStatus, RequirementForm } from '../domain/lead';

/** A lead as stored (collection `leads`). */
export interface LeadDoc {
  _id: string;
  tenantId: string;
  /** The known customer the lead concerns, or null for a company that is not a customer yet. */
  customerId: string | null;
  companyName: string;
  source: LeadSource;
  requirement: string;
  requirementForm: RequirementForm | null;
  /** Set when the lead was qualified into an opportunity. */
  opportunityId: string | null;
  status: LeadStatus;
  registeredBy: string;
  registeredAt: Date;
  history: StatusChangeDoc[];
  version: number;
  outbox: EventEnvelope[];
}

const leadSchema = new Schema<LeadDoc>(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    customerId: { type: String, default: null },
    companyName: { type: String, required: true },
    source: { type: String, required: true },
    requirement: { type: String, required: true },
    requirementForm: { type: Schema.Types.Mixed, default: null },
    opportunityId: { type: String, default: null },
    status: { type: String, required: true },
    registeredBy: { type: String, required: true },
    registeredAt: { type: Date, required: true },
    history: { type: [statusChangeSchema], default: [] },
  },
  { collection: 'leads', versionKey: false, minimize: false },
);
// Reporting jobs extract it incrementally (issue #15): updatedAt on every write, indexed with the tenant.
trackChanges(leadSchema);
leadSchema.plugin(outboxPlugin);
leadSchema.index({ tenantId: 1, customerId: 1, registeredAt: -1, _id: -1 });
// leadsToQualify: NEW leads of companies not customers yet, oldest first.
leadSchema.index({ tenantId: 1, status: 1, customerId: 1, registeredAt: 1, _id: 1 });

export type LeadModel = Model<LeadDoc>;
export const leadModel = (conn: Connection): LeadModel => conn.model<LeadDoc>('Lead', leadSchema);
