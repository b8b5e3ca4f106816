import { Schema, type Connection, type Model } from 'mongoose';
import { outboxPlugin, statusChangeSchema, type EventEnvelope, type StatusChangeDoc } from '@vinculo/common';
import type { SalesOrderStatus } from '../domain/sales-order';

/** A sales order as stored (collection `sales_orders`). */
export interface SalesOrderDoc {
  _id: string;
  tenantId: string;
  customerId: string;
  planCode: string;
  installationAddress: string;
  status: SalesOrderStatus;
  placedBy: string;
  placedAt: Date;
  history: StatusChangeDoc[];
  version: number;
  outbox: EventEnvelope[];
}

const salesOrderSchema = new Schema<SalesOrderDoc>(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    customerId: { type: String, required: true },
    planCode: { type: String, required: true },
    installationAddress: { type: String, required: true },
    status: { type: String, required: true },
    placedBy: { type: String, required: true },
    placedAt: { type: Date, required: true },
    history: { type: [statusChangeSchema], default: [] },
  },
  { collection: 'sales_orders', versionKey: false },
);
salesOrderSchema.plugin(outboxPlugin);
salesOrderSchema.index({ tenantId: 1, customerId: 1, placedAt: -1, _id: -1 });

export type SalesOrderModel = Model<SalesOrderDoc>;
export const salesOrderModel = (conn: Connection): SalesOrderModel => conn.model<SalesOrderDoc>('SalesOrder', salesOrderSchema);
