import { Schema, type Connection, type Model } from 'mongoose';
import { outboxPlugin, type EventEnvelope } from '@vinculo/common';
import type { CustomerKind, CustomerStatus } from '../domain/customer';

export interface PortfolioAssignmentDoc {
  executiveId: string;
  previousExecutiveId: string | null;
  assignedBy: string;
  assignedAt: Date;
}

/** A customer as stored (collection `customers`); ids are opaque strings. */
export interface CustomerDoc {
  _id: string;
  tenantId: string;
  kind: CustomerKind;
  name: string;
  /** Lower-cased name, for case-insensitive search and sort. */
  nameKey: string;
  taxId: string | null;
  identityCard: string | null;
  documentKey: string;
  status: CustomerStatus;
  executiveId: string | null;
  portfolioHistory: PortfolioAssignmentDoc[];
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  version: number;
  outbox: EventEnvelope[];
}

const assignmentSchema = new Schema<PortfolioAssignmentDoc>(
  { executiveId: String, previousExecutiveId: String, assignedBy: String, assignedAt: Date },
  { _id: false },
);

const customerSchema = new Schema<CustomerDoc>(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    kind: { type: String, required: true },
    name: { type: String, required: true },
    nameKey: { type: String, required: true },
    taxId: { type: String, default: null },
    identityCard: { type: String, default: null },
    documentKey: { type: String, required: true },
    status: { type: String, required: true },
    executiveId: { type: String, default: null },
    portfolioHistory: { type: [assignmentSchema], default: [] },
    createdBy: { type: String, required: true },
  },
  { collection: 'customers', timestamps: true, versionKey: false },
);
customerSchema.plugin(outboxPlugin);
// One customer per identifying document (NIT or CI) in a tenant: duplicates are a CONFLICT.
customerSchema.index({ tenantId: 1, documentKey: 1 }, { unique: true });
customerSchema.index({ tenantId: 1, nameKey: 1, _id: 1 });
customerSchema.index({ tenantId: 1, executiveId: 1 });

export type CustomerModel = Model<CustomerDoc>;

export function customerModel(conn: Connection): CustomerModel {
  return conn.model<CustomerDoc>('Customer', customerSchema);
}
