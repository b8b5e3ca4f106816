import { Schema, type Connection, type Model } from 'mongoose';
import { outboxPlugin, statusChangeSchema, type EventEnvelope, type StatusChangeDoc } from '@vinculo/common';
import type { CustomerKind, CustomerStatus } from '../domain/customer';
import type { CustomerCategory, Market } from '../domain/customer-profile';
import type { Contact } from '../domain/contact';
import type { Address } from '../domain/address';

export interface PortfolioAssignmentDoc {
  executiveId: string;
  previousExecutiveId: string | null;
  assignedBy: string;
  assignedAt: Date;
}

export type ContactDoc = Contact;

/** One write's change to the churn counts (domain/churn-totals.ts places), under a unique key. */
export interface ChurnDeltaDoc {
  key: string;
  inc: { p: string; n: number }[];
}

const churnDeltaSchema = new Schema<ChurnDeltaDoc>({ key: String, inc: [{ _id: false, p: String, n: Number }] }, { _id: false });
export type AddressDoc = Address;

/** A customer as stored (collection `customers`); ids are opaque strings. */
export interface CustomerDoc {
  _id: string;
  tenantId: string;
  kind: CustomerKind;
  name: string;
  /** Lower-cased name, for case-insensitive search and sort. */
  nameKey: string;
  tradeName: string | null;
  tradeNameKey: string | null;
  taxId: string | null;
  identityCard: string | null;
  documentKey: string;
  activityType: string | null;
  segment: string | null;
  market: Market | null;
  category: CustomerCategory | null;
  status: CustomerStatus;
  history: StatusChangeDoc[];
  /** Ids of the events that moved the status (a redelivered event never moves it twice). */
  statusEventIds?: string[];
  /**
   * Changes to the tenant's churn counts this customer's writes made, not yet added to them (each
   * written with the change, taken off once added: application/churn-totals.ts); `churnPending` is
   * true while there are any, so the few pending ones are found by equality.
   */
  churnDeltas?: ChurnDeltaDoc[];
  churnPending?: boolean;
  contacts: ContactDoc[];
  /** Digits of every contact phone and WhatsApp number (the `phone` search). */
  phoneKeys: string[];
  addresses: AddressDoc[];
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

const geoSchema = new Schema({ latitude: Number, longitude: Number }, { _id: false });

const contactSchema = new Schema<ContactDoc>(
  {
    id: String,
    name: String,
    role: { type: String, default: null },
    phone: { type: String, default: null },
    whatsapp: { type: String, default: null },
    email: { type: String, default: null },
    primary: Boolean,
  },
  { _id: false },
);

const addressSchema = new Schema<AddressDoc>(
  {
    id: String,
    label: { type: String, default: null },
    line: String,
    city: { type: String, default: null },
    district: { type: String, default: null },
    neighbourhood: { type: String, default: null },
    coordinates: { type: geoSchema, default: null },
  },
  { _id: false },
);

const customerSchema = new Schema<CustomerDoc>(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    kind: { type: String, required: true },
    name: { type: String, required: true },
    nameKey: { type: String, required: true },
    tradeName: { type: String, default: null },
    tradeNameKey: { type: String, default: null },
    taxId: { type: String, default: null },
    identityCard: { type: String, default: null },
    documentKey: { type: String, required: true },
    activityType: { type: String, default: null },
    segment: { type: String, default: null },
    market: { type: String, default: null },
    category: { type: String, default: null },
    status: { type: String, required: true },
    history: { type: [statusChangeSchema], default: [] },
    statusEventIds: { type: [String], default: [] },
    churnDeltas: { type: [churnDeltaSchema], default: undefined },
    churnPending: { type: Boolean },
    contacts: { type: [contactSchema], default: [] },
    phoneKeys: { type: [String], default: [] },
    addresses: { type: [addressSchema], default: [] },
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
customerSchema.index({ tenantId: 1, executiveId: 1, nameKey: 1 });
customerSchema.index({ tenantId: 1, 'contacts.id': 1 });
// Search by tax id or identity card (exact), in the list's name order: a seek, not the tenant.
customerSchema.index({ tenantId: 1, taxId: 1, nameKey: 1, _id: 1 });
customerSchema.index({ tenantId: 1, identityCard: 1, nameKey: 1, _id: 1 });
customerSchema.index({ tenantId: 1, 'history.to': 1, 'history.at': 1 });
// The customers whose churn deltas are not yet in the counts (a writer between its writes, or one that died).
customerSchema.index({ tenantId: 1, churnPending: 1 });

export type CustomerModel = Model<CustomerDoc>;

export function customerModel(conn: Connection): CustomerModel {
  return conn.model<CustomerDoc>('Customer', customerSchema);
}
