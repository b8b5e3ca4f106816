import { Schema, type Connection, type Model } from 'mongoose';
import { outboxPlugin, statusChangeSchema, type EventEnvelope, type StatusChangeDoc } from '@vinculo/common';
import type { WorkOrderStatus, WorkOrderType } from '../domain/work-order';

/** A work order as stored (collection `work_orders`). */
export interface WorkOrderDoc {
  _id: string;
  tenantId: string;
  customerId: string;
  type: WorkOrderType;
  status: WorkOrderStatus;
  address: string;
  notes: string | null;
  salesOrderId: string | null;
  createdAt: Date;
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
    address: { type: String, required: true },
    notes: { type: String, default: null },
    salesOrderId: { type: String, default: null },
    createdAt: { type: Date, required: true },
    history: { type: [statusChangeSchema], default: [] },
  },
  { collection: 'work_orders', versionKey: false },
);
workOrderSchema.plugin(outboxPlugin);
workOrderSchema.index({ tenantId: 1, customerId: 1, createdAt: -1, _id: -1 });
workOrderSchema.index({ tenantId: 1, salesOrderId: 1, createdAt: -1, _id: -1 });

export type WorkOrderModel = Model<WorkOrderDoc>;
export const workOrderModel = (conn: Connection): WorkOrderModel => conn.model<WorkOrderDoc>('WorkOrder', workOrderSchema);
