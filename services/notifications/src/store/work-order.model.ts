import { Schema, type Connection, type Model } from 'mongoose';
import { lifecycleRanks, timeOrderedWriter, type EventOf, type Handlers } from '@vinculo/common';

/** Open work orders with their due time (collection `work_order_sla`), from techsupport.WorkOrder*: what the SLA sweep reads. */
export interface WorkOrderSlaDoc {
  _id: string;
  tenantId: string;
  customerId: string;
  type: string;
  dueAt: Date | null;
  open: boolean;
  /** The last event applied, `eventOrder(event, lifecycle rank)` (before: its bare time); an older one changes nothing. */
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

type WorkOrderEventType = 'techsupport.WorkOrderCreated' | 'techsupport.WorkOrderProgressed' | 'techsupport.WorkOrderClosed';

/** A work order's lifecycle: of two events of one command (same time), the later step wins. */
const RANK = lifecycleRanks<WorkOrderEventType>(['techsupport.WorkOrderCreated', 'techsupport.WorkOrderProgressed', 'techsupport.WorkOrderClosed']);

export function workOrderSla(conn: Connection) {
  const model: WorkOrderSlaModel = conn.model<WorkOrderSlaDoc>('WorkOrderSla', schema);
  const write = timeOrderedWriter(model, { field: 'asOf' });
  const upsert = async <K extends WorkOrderEventType>(type: K, e: EventOf<K>, set: Partial<WorkOrderSlaDoc>): Promise<void> => {
    await write(e, RANK[type], e.data.workOrderId, { set: { customerId: e.data.customerId, type: e.data.type, ...set } });
  };
  const due = (e: EventOf<'techsupport.WorkOrderCreated' | 'techsupport.WorkOrderProgressed'>) => (e.data.dueAt ? { dueAt: new Date(e.data.dueAt) } : {});
  return {
    model,
    handlers: {
      'techsupport.WorkOrderCreated': (e) => upsert('techsupport.WorkOrderCreated', e, { open: true, ...due(e) }),
      'techsupport.WorkOrderProgressed': (e) => upsert('techsupport.WorkOrderProgressed', e, { open: true, ...due(e) }),
      'techsupport.WorkOrderClosed': (e) => upsert('techsupport.WorkOrderClosed', e, { open: false }),
    } satisfies Handlers,
  };
}
export type WorkOrderSla = ReturnType<typeof workOrderSla>;
