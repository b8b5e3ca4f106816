import { Schema, type Connection, type Model } from 'mongoose';
import { outboxPlugin, statusChangeSchema, type EventEnvelope, type StatusChangeDoc, trackChanges } from '@vinculo/common';
import type { InstalledProductStatus, ProductFamily } from '../domain/installed-product';

/** One dated change of a product (plan, services, address, status), the audit trail billing follows. */
export interface ProductChangeDoc {
  kind: string;
  from: string | null;
  to: string | null;
  effectiveDate: string;
  requestId: string | null;
  by: string;
  at: Date;
  note: string | null;
  /** PLAN_CHANGED: the monthly fee before and after (minor units), so the plan in force on any day is known. */
  fromFeeMinor?: number | null;
  toFeeMinor?: number | null;
}

export interface SuspensionDoc {
  requestId: string;
  startDate: string;
  endDate: string;
}

/** A product installed for a customer (the post-sale "subscription"), as stored (collection `installed_products`). */
export interface InstalledProductDoc {
  _id: string;
  tenantId: string;
  customerId: string;
  orderId: string | null;
  itemId: string | null;
  planCode: string;
  family: ProductFamily;
  technology: string | null;
  nodeId: string | null;
  speedMbps: number | null;
  serviceNumber: string;
  installationAddress: string;
  neighbourhood: string | null;
  monthlyFeeMinor: number;
  currency: string;
  /** Local date (tenant time zone) the product went into service. */
  installationDate: string;
  /** Local date the minimum permanence ends (null = none). */
  minimumPermanenceEnd: string | null;
  /** As given (a sales order's items may name codes this catalog does not know). */
  supplementaryServices: string[];
  /**
   * The status after the last change entered (what postsale.SubscriptionChanged last told collections).
   * The status in force on a day is domain/effective.ts statusOn, from the dated suspensions.
   */
  status: InstalledProductStatus;
  /** The current or upcoming temporary suspension. */
  suspension: SuspensionDoc | null;
  /** Every suspension ever entered (R-PS-D2 counts them per calendar year). */
  suspensions: SuspensionDoc[];
  /** The open request that holds this product (one product-changing request at a time). */
  pendingRequestId: string | null;
  pendingRequestType: string | null;
  /** When the hold was taken: a hold whose request was never stored is abandoned after a grace period. */
  pendingSince: Date | null;
  /** Request steps already applied here (`<requestId>:<step>`): a retried step has one effect. */
  applied: string[];
  registeredBy: string;
  installedAt: Date;
  history: StatusChangeDoc[];
  changes: ProductChangeDoc[];
  version: number;
  outbox: EventEnvelope[];
}

const changeSchema = new Schema<ProductChangeDoc>(
  {
    kind: String,
    from: { type: String, default: null },
    to: { type: String, default: null },
    effectiveDate: String,
    requestId: { type: String, default: null },
    by: String,
    at: Date,
    note: { type: String, default: null },
    fromFeeMinor: { type: Number, default: undefined },
    toFeeMinor: { type: Number, default: undefined },
  },
  { _id: false },
);
const suspensionSchema = new Schema<SuspensionDoc>({ requestId: String, startDate: String, endDate: String }, { _id: false });

const installedProductSchema = new Schema<InstalledProductDoc>(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    customerId: { type: String, required: true },
    orderId: { type: String, default: null },
    itemId: { type: String, default: null },
    planCode: { type: String, required: true },
    family: { type: String, required: true },
    technology: { type: String, default: null },
    nodeId: { type: String, default: null },
    speedMbps: { type: Number, default: null },
    serviceNumber: { type: String, required: true },
    installationAddress: { type: String, required: true },
    neighbourhood: { type: String, default: null },
    monthlyFeeMinor: { type: Number, default: 0 },
    currency: { type: String, default: 'BOB' },
    installationDate: { type: String, required: true },
    minimumPermanenceEnd: { type: String, default: null },
    supplementaryServices: { type: [String], default: [] },
    status: { type: String, required: true },
    suspension: { type: suspensionSchema, default: null },
    suspensions: { type: [suspensionSchema], default: [] },
    pendingRequestId: { type: String, default: null },
    pendingRequestType: { type: String, default: null },
    pendingSince: { type: Date, default: null },
    applied: { type: [String], default: [] },
    registeredBy: { type: String, required: true },
    installedAt: { type: Date, required: true },
    history: { type: [statusChangeSchema], default: [] },
    changes: { type: [changeSchema], default: [] },
  },
  { collection: 'installed_products', versionKey: false },
);
// Reporting jobs extract it incrementally (issue #15): updatedAt on every write, indexed with the tenant.
trackChanges(installedProductSchema);
installedProductSchema.plugin(outboxPlugin);
// One installed product per line/service number in a tenant: a duplicate is a CONFLICT.
installedProductSchema.index({ tenantId: 1, serviceNumber: 1 }, { unique: true });
installedProductSchema.index({ tenantId: 1, customerId: 1, installedAt: -1, _id: -1 });
installedProductSchema.index({ tenantId: 1, orderId: 1, installedAt: -1, _id: -1 });
// The reactivation sweep: suspended products by end date (across tenants for the job, then per tenant).
installedProductSchema.index({ status: 1, 'suspension.endDate': 1 });
installedProductSchema.index({ tenantId: 1, status: 1, 'suspension.endDate': 1 });

export type InstalledProductModel = Model<InstalledProductDoc>;
export const installedProductModel = (conn: Connection): InstalledProductModel => conn.model<InstalledProductDoc>('InstalledProduct', installedProductSchema);
