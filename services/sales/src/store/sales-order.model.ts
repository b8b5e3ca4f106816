import { Schema, type Connection, type Model } from 'mongoose';
import { outboxPlugin, statusChangeSchema, type EventEnvelope, type GeoPoint, type Technology, trackChanges } from '@vinculo/common';
import type { OrderOrigin, SalesOrderState } from '../domain/sales-order';

/** A sales order as stored (collection `sales_orders`). */
export interface SalesOrderDoc extends SalesOrderState {
  _id: string;
  tenantId: string;
  /** The business number (SO-…, issue #15): unique in the tenant; absent on orders stored before numbers. */
  number?: string;
  customerId: string;
  origin: OrderOrigin;
  saleProjectId: string | null;
  digitalSaleRequestId: string | null;
  /** The executive who sold it (a sale project's); null for direct and digital orders. */
  executiveId?: string | null;
  planCode: string;
  technology: Technology | null;
  nodeId: string | null;
  location: GeoPoint | null;
  placedBy: string;
  placedAt: Date;
  /** While INSTALLED: when it was installed (the completion-call queue's order, issue #15); else null. */
  installedAt?: Date | null;
  /** Requirement documents presented as the customer's uploaded files (issue #16); absent on older orders. */
  requirementAttachments?: { document: string; attachmentId: string }[];
  version: number;
  outbox: EventEnvelope[];
}

const salesOrderSchema = new Schema<SalesOrderDoc>(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    // No default: an order without a number stays out of the sparse unique index.
    number: { type: String },
    customerId: { type: String, required: true },
    origin: { type: String, default: 'DIRECT' },
    saleProjectId: { type: String, default: null },
    digitalSaleRequestId: { type: String, default: null },
    executiveId: { type: String, default: null },
    planCode: { type: String, required: true },
    installationAddress: { type: String, required: true },
    currency: { type: String, default: 'BOB' },
    technology: { type: String, default: null },
    nodeId: { type: String, default: null },
    location: { type: Schema.Types.Mixed, default: null },
    status: { type: String, required: true },
    acceptedLines: { type: Schema.Types.Mixed, default: [] },
    enteredLines: { type: Schema.Types.Mixed, default: [] },
    requirementDocuments: { type: [String], default: [] },
    requirementAttachments: { type: [new Schema({ document: String, attachmentId: String }, { _id: false })], default: [] },
    entryChecks: { type: Schema.Types.Mixed, default: [] },
    workOrders: { type: Schema.Types.Mixed, default: [] },
    serviceNumber: { type: String, default: null },
    qualityCall: { type: Schema.Types.Mixed, default: null },
    placedBy: { type: String, required: true },
    placedAt: { type: Date, required: true },
    installedAt: { type: Date, default: null },
    history: { type: [statusChangeSchema], default: [] },
  },
  { collection: 'sales_orders', versionKey: false, minimize: false },
);
// Reporting jobs extract it incrementally (issue #15): updatedAt on every write, indexed with the tenant.
trackChanges(salesOrderSchema);
salesOrderSchema.plugin(outboxPlugin);
salesOrderSchema.index({ tenantId: 1, customerId: 1, placedAt: -1, _id: -1 });
salesOrderSchema.index({ tenantId: 1, status: 1, placedAt: 1, _id: 1 });
// Business numbers: unique (hence per tenant too), found by number (salesOrderByNumber). One sparse field:
// a compound index with tenantId would index every older order without a number as a null duplicate.
salesOrderSchema.index({ number: 1 }, { unique: true, sparse: true });
// salesOrdersAwaitingCompletionCall: INSTALLED, the first installed (first due call) first.
salesOrderSchema.index({ tenantId: 1, status: 1, installedAt: 1, _id: 1 });

export type SalesOrderModel = Model<SalesOrderDoc>;
export const salesOrderModel = (conn: Connection): SalesOrderModel => conn.model<SalesOrderDoc>('SalesOrder', salesOrderSchema);
