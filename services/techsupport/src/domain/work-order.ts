import { badInput } from '@vinculo/common';

export type WorkOrderType = 'INSTALLATION' | 'RELOCATION' | 'REPAIR' | 'EQUIPMENT_RETRIEVAL' | 'MIGRATION';
export type WorkOrderStatus =
  | 'CREATED'
  | 'ASSIGNED'
  | 'IN_PROGRESS'
  | 'CLOSED_RESOLVED'
  | 'CLOSED_UNFOUNDED'
  | 'CLOSED_UNRESOLVED';

export interface WorkOrderInput {
  type: WorkOrderType;
  address: string;
  notes?: string | null;
}

/** Validate a new work order; it starts CREATED. */
export function decideWorkOrder(input: WorkOrderInput): { type: WorkOrderType; address: string; notes: string | null; status: WorkOrderStatus } {
  const address = input.address.trim().replace(/\s+/g, ' ');
  if (address.length < 5 || address.length > 300) throw badInput('address must have 5 to 300 characters', 'address');
  const notes = input.notes?.trim() || null;
  if (notes && notes.length > 2000) throw badInput('notes must have at most 2000 characters', 'notes');
  return { type: input.type, address, notes, status: 'CREATED' };
}

/** A placed sales order needs its INSTALLATION work order at the installation address. */
export function installationFor(order: { orderId: string; planCode: string; installationAddress: string }) {
  return {
    ...decideWorkOrder({ type: 'INSTALLATION', address: order.installationAddress, notes: `Install plan ${order.planCode}` }),
    salesOrderId: order.orderId,
  };
}
