import { idFromEvent, insertOnce, SYSTEM_ACTOR, type EventEnvelope, type EventHandler } from '@vinculo/common';
import type { WorkOrderModel } from '../store/work-order.model';
import { newWorkOrderDoc, systemActor } from '../store/work-order.repository';
import { installationFor } from '../domain/work-order';

interface SalesOrderPlaced {
  orderId: string;
  customerId: string;
  planCode: string;
  installationAddress: string;
}

/**
 * sales.SalesOrderPlaced → an INSTALLATION work order. Its id derives from the event id, so a
 * redelivered event finds the order already there and changes nothing.
 */
export function onSalesOrderPlaced(workOrders: WorkOrderModel, published: () => void): EventHandler {
  return async (event: EventEnvelope<SalesOrderPlaced>) => {
    const wo = { _id: idFromEvent('wo', event.id), tenantId: event.tenantId, customerId: event.data.customerId, ...installationFor(event.data) };
    if (await insertOnce(workOrders, newWorkOrderDoc(wo, systemActor(event.tenantId), SYSTEM_ACTOR.userId))) published();
  };
}
