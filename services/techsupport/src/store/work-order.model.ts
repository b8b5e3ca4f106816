import { Schema, type Connection, type Model } from 'mongoose';
import { outboxPlugin, statusChangeSchema, type EventEnvelope, type StatusChangeDoc, type Technology, trackChanges } from '@vinculo/common';
import type { EquipmentCondition, Priority, WorkOrderStatus, WorkOrderType } from '../domain/work-order';

export interface WorkOrderResolutionDoc {
  notes: string;
  equipmentUsed: { code: string; quantity: number }[];
  equipmentReturned: { code: string; condition: EquipmentCondition }[];
}

/** The technology and serving node a MIGRATION moves the product to. */
export interface MigrationTarget {
  technology: Technology;
  nodeId: string | null;
}

/** A work order as stored (collection `work_orders`). */
export interface WorkOrderDoc {
  _id: string;
  tenantId: string;
  customerId: string;
  type: WorkOrderType;
  status: WorkOrderStatus;
  priority: Priority;
  address: string;
  notes: string | null;
  salesOrderId: string | null;
  requestId: string | null;
  ticketId: string | null;
  installedProductId: string | null;
  /** The node whose port this order reserved (INSTALLATION, RELOCATION, MIGRATION). */
  nodeId: string | null;
  technicianId: string | null;
  crew: string | null;
  scheduledFor: Date | null;
  equipmentToRetrieve: string[];
  /** MIGRATION: what the installed product becomes when the order closes resolved (postsale applies it). */
  migration?: MigrationTarget | null;
  dueAt: Date;
  /** From when the order is at risk (the settings' share of its SLA clock); absent on orders opened before it was stored. */
  atRiskAt?: Date | null;
  resolution: WorkOrderResolutionDoc | null;
  createdAt: Date;
  closedAt: Date | null;
  history: StatusChangeDoc[];
  version: number;
  outbox: EventEnvelope[];
}

const workOrderSchema = new Schema<WorkOrderDoc>(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    customerId: { type: String, required: true },
    type: { type: String, required: true },
    status: { type: String, required: true },
    priority: { type: String, default: 'NORMAL' },
    address: { type: String, required: true },
    notes: { type: String, default: null },
    salesOrderId: { type: String, default: null },
    requestId: { type: String, default: null },
    ticketId: { type: String, default: null },
    installedProductId: { type: String, default: null },
    nodeId: { type: String, default: null },
    technicianId: { type: String, default: null },
    crew: { type: String, default: null },
    scheduledFor: { type: Date, default: null },
    equipmentToRetrieve: { type: [String], default: [] },
    migration: { type: Schema.Types.Mixed, default: null },
    dueAt: { type: Date, required: true },
    atRiskAt: { type: Date, default: null },
    resolution: { type: Schema.Types.Mixed, default: null },
    createdAt: { type: Date, required: true },
    closedAt: { type: Date, default: null },
    history: { type: [statusChangeSchema], default: [] },
  },
  { collection: 'work_orders', versionKey: false },
);
// Reporting jobs extract it incrementally (issue #15): updatedAt on every write, indexed with the tenant.
trackChanges(workOrderSchema);
workOrderSchema.plugin(outboxPlugin);
workOrderSchema.index({ tenantId: 1, customerId: 1, createdAt: -1, _id: -1 });
workOrderSchema.index({ tenantId: 1, salesOrderId: 1, createdAt: -1, _id: -1 });
workOrderSchema.index({ tenantId: 1, installedProductId: 1, status: 1 });
workOrderSchema.index({ tenantId: 1, status: 1, createdAt: -1, _id: -1 });
workOrderSchema.index({ tenantId: 1, createdAt: -1, _id: -1 });
// The board: open orders (closedAt null) breached (dueAt < now) or at risk (dueAt ≥ now, atRiskAt ≤ now), by due time.
workOrderSchema.index({ tenantId: 1, closedAt: 1, dueAt: 1, _id: 1 });
workOrderSchema.index({ tenantId: 1, type: 1, createdAt: -1, _id: -1 });
workOrderSchema.index({ tenantId: 1, technicianId: 1, createdAt: -1, _id: -1 });
// The reconciliation report: the work orders of a post-sale request (relocation, withdrawal).
workOrderSchema.index({ tenantId: 1, requestId: 1 });

export type WorkOrderModel = Model<WorkOrderDoc>;
export const workOrderModel = (conn: Connection): WorkOrderModel => conn.model<WorkOrderDoc>('WorkOrder', workOrderSchema);

/** The INSTALLATION work orders of a sales order (a new one is linked to the same order). */
export const installationsOf = (model: WorkOrderModel, tenantId: string, salesOrderId: string) =>
  model.find({ tenantId, salesOrderId, type: 'INSTALLATION' }).lean<WorkOrderDoc[]>().exec();

/** The newest INSTALLATION work order of each sales order (one read for a page of orders). */
export async function newestInstallations(model: WorkOrderModel, tenantId: string, salesOrderIds: readonly string[]): Promise<(WorkOrderDoc | null)[]> {
  const rows = await model
    .find({ tenantId, salesOrderId: { $in: [...salesOrderIds] }, type: 'INSTALLATION' })
    .sort({ createdAt: -1, _id: -1 })
    .lean<WorkOrderDoc[]>();
  return salesOrderIds.map((id) => rows.find((r) => r.salesOrderId === id) ?? null);
}
