import { Schema, type Connection, type Model } from 'mongoose';
import type { EventOf, Handlers } from '@vinculo/common';

/** Open work orders with their due time (collection `work_order_sla`), from techsupport.WorkOrder*: what the SLA sweep reads. */
export interface WorkOrderSlaDoc {
  _id: string;
  tenantId: string;
  customerId: string;
  type: string;
  dueAt: Date | null;
  open: boolean;
  asOf: string;
  /** SLA alerts already raised (their ids). */
  alerts: string[];
}

const schema = new Schema<WorkOrderSlaDoc>(
  {
    _id: String,
    tenantId: String,
    customerId: String,
    type: String,
    dueAt: { type: Date, default: null },
    open: Boolean,
    asOf: String,
    alerts: { type: [String], default: [] },
  },
  { collection: 'work_order_sla', versionKey: false, minimize: false },
);
schema.index({ tenantId: 1, open: 1, dueAt: 1 });
schema.index({ open: 1, dueAt: 1 });

export type WorkOrderSlaModel = Model<WorkOrderSlaDoc>;

type WorkOrderEvent = EventOf<'techsupport.WorkOrderCreated' | 'techsupport.WorkOrderProgressed' | 'techsupport.WorkOrderClosed'>;

export function workOrderSla(conn: Connection) {
  const model: WorkOrderSlaModel = conn.model<WorkOrderSlaDoc>('WorkOrderSla', schema);
  const upsert = async (e: WorkOrderEvent, set: Partial<WorkOrderSlaDoc>): Promise<void> => {
    await model
      .updateOne(
        { _id: e.data.workOrderId, tenantId: e.tenantId, $or: [{ asOf: { $lte: e.time } }, { asOf: { $exists: false } }] },
        { $set: { tenantId: e.tenantId, customerId: e.data.customerId, type: e.data.type, asOf: e.time, ...set } },
        { upsert: true },
      )
      .catch((err: unknown) => {
        if ((err as { code?: number }).code !== 11000) throw err;
      });
  };
  const due = (e: EventOf<'techsupport.WorkOrderCreated' | 'techsupport.WorkOrderProgressed'>) => (e.data.dueAt ? { dueAt: new Date(e.data.dueAt) } : {});
  return {
    model,
    handlers: {
      'techsupport.WorkOrderCreated': (e) => upsert(e, { open: true, ...due(e) }),
      'techsupport.WorkOrderProgressed': (e) => upsert(e, { open: true, ...due(e) }),
      'techsupport.WorkOrderClosed': (e) => upsert(e, { open: false }),
    } satisfies Handlers,
  };
}
export type WorkOrderSla = ReturnType<typeof workOrderSla>;
