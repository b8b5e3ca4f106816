import { newEnvelope, SYSTEM_ACTOR, type EventEnvelope } from '@vinculo/common';
import type { WorkOrderDoc, WorkOrderModel } from './work-order.model';

type NewWorkOrder = Omit<WorkOrderDoc, 'version' | 'outbox' | 'history' | 'createdAt'>;

/** The event that announces a new work order. */
function createdEvent(wo: NewWorkOrder, who: Parameters<typeof newEnvelope>[1]): EventEnvelope {
  return newEnvelope('techsupport', who, {
    type: 'techsupport.WorkOrderCreated',
    subject: wo._id,
    data: { workOrderId: wo._id, customerId: wo.customerId, type: wo.type, salesOrderId: wo.salesOrderId },
  });
}

/** The document of a new work order, with its first history entry and its event in the outbox. */
export function newWorkOrderDoc(wo: NewWorkOrder, who: Parameters<typeof newEnvelope>[1], by: string, now = new Date()) {
  return {
    ...wo,
    createdAt: now,
    history: [{ from: null, to: wo.status, by, at: now, note: null }],
    outbox: [createdEvent(wo, who)],
  };
}

export const systemActor = (tenantId: string) => ({ tenantId, actor: SYSTEM_ACTOR });
export type { WorkOrderModel };
