import { badInput, conflict, DomainError, wrongState, type StatusChangeDoc } from '@vinculo/common';
import { illegalTransition } from './transition';

export type WorkOrderType = 'INSTALLATION' | 'RELOCATION' | 'REPAIR' | 'EQUIPMENT_RETRIEVAL' | 'MIGRATION';
export const WORK_ORDER_TYPES: readonly WorkOrderType[] = ['INSTALLATION', 'RELOCATION', 'REPAIR', 'EQUIPMENT_RETRIEVAL', 'MIGRATION'];
export type WorkOrderStatus = 'CREATED' | 'ASSIGNED' | 'IN_PROGRESS' | 'CLOSED_RESOLVED' | 'CLOSED_UNFOUNDED' | 'CLOSED_UNRESOLVED';
export type WorkOrderOutcome = 'CLOSED_RESOLVED' | 'CLOSED_UNFOUNDED' | 'CLOSED_UNRESOLVED';
export type Priority = 'NORMAL' | 'HIGH' | 'URGENT';
export type EquipmentCondition = 'OK' | 'DAMAGED' | 'MISSING';

export interface WorkOrderInput {
  type: WorkOrderType;
  address: string;
  notes?: string | null;
}

export interface EquipmentUsed {
  code: string;
  quantity: number;
}

/**
 * A technician's or analyst's employee id typed by the coordinator: at most 60 characters. Its
 * existence is not checked: field staff (contractor crews, USM technicians) are not all registered
 * employees of the tenant, so the id is the coordinator's reference, shown back on the board.
 */
export function validatePersonId(id: string | null | undefined, field: string, required = false): string | null {
  const v = id?.trim() || null;
  if (v === null && required) throw badInput(`${field} is required`, field);
  if (v && v.length > 60) throw badInput(`${field} must have at most 60 characters`, field);
  return v;
}

/** Equipment lines of a closure or an engineering-service record: at most 50, codes 1–60 characters, positive quantities. */
export function validateEquipmentUsed(used: EquipmentUsed[]): EquipmentUsed[] {
  if (used.length > 50) throw badInput('at most 50 equipment lines', 'equipmentUsed');
  for (const u of used) {
    if (!u.code.trim() || u.code.length > 60) throw badInput('equipment code must have 1 to 60 characters', 'equipmentUsed');
    if (!Number.isInteger(u.quantity) || u.quantity < 1) throw badInput('equipment quantity must be a positive integer', 'equipmentUsed');
  }
  return used.map((u) => ({ code: u.code.trim(), quantity: u.quantity }));
}

/** A status before closing: what techsupport.WorkOrderProgressed carries (a closed order's is its outcome). */
export type OpenWorkOrderStatus = Exclude<WorkOrderStatus, WorkOrderOutcome>;
export const OPEN_STATUSES: readonly OpenWorkOrderStatus[] = ['CREATED', 'ASSIGNED', 'IN_PROGRESS'];
export const isOpen = (s: WorkOrderStatus): s is OpenWorkOrderStatus => s === 'CREATED' || s === 'ASSIGNED' || s === 'IN_PROGRESS';

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

/** An INSTALLATION work order of a sales order, as a new one linked to the same order needs it. */
export interface EarlierInstallation {
  _id: string;
  customerId: string;
  status: WorkOrderStatus;
  nodeId: string | null;
  createdAt: Date;
}

/**
 * A new INSTALLATION linked to a sales order whose installation did not succeed (closed unresolved or
 * unfounded, or the completion call found the service not working): its closure moves the order on in
 * sales as the first one's would have. techsupport knows the order by its earlier installations, so it
 * needs one, of the same customer, and none still open. The port is reserved again on the earlier
 * node unless one was consumed already (an earlier installation closed resolved).
 */
export function decideReinstallation(
  salesOrderId: string,
  customerId: string,
  type: WorkOrderType,
  earlier: readonly EarlierInstallation[],
): { nodeId: string | null } {
  if (type !== 'INSTALLATION') throw badInput('only an INSTALLATION work order is linked to a sales order', 'salesOrderId');
  // Opened from sales' event when the order is placed: right after placing it, possibly not here yet.
  if (!earlier.length)
    throw new DomainError('not_found', `No installation of sales order ${salesOrderId} is known here (it is opened when the order is placed)`, {
      retryable: true,
    });
  if (earlier.some((w) => w.customerId !== customerId)) throw badInput(`sales order ${salesOrderId} is another customer's`, 'customerId');
  const open = earlier.find((w) => isOpen(w.status));
  if (open) {
    throw wrongState({
      entity: 'installation work order',
      label: open._id,
      current: open.status,
      act: 'be followed by another one',
      allowedFrom: ['CLOSED_UNFOUNDED', 'CLOSED_UNRESOLVED'],
      reason: 'close it first',
      nextAct: 'closeWorkOrder',
    });
  }
  if (earlier.some((w) => w.status === 'CLOSED_RESOLVED')) return { nodeId: null };
  const latest = [...earlier].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b._id.localeCompare(a._id))[0]!;
  return { nodeId: latest.nodeId };
}

/** One priority level up, capped at URGENT (escalation with the operations center). */
export function raisePriority(p: Priority): Priority {
  return p === 'NORMAL' ? 'HIGH' : 'URGENT';
}

/** The state a command reads and rewrites. */
export interface WorkOrderState {
  type: WorkOrderType;
  status: WorkOrderStatus;
  priority: Priority;
  technicianId: string | null;
  crew: string | null;
  scheduledFor: Date | null;
  equipmentToRetrieve: string[];
}

export type WorkOrderCommand =
  | { kind: 'assign'; technicianId?: string | null; crew?: string | null; scheduledFor?: Date | null }
  | { kind: 'start' }
  | { kind: 'escalate'; reason: string }
  | {
      kind: 'close';
      outcome: WorkOrderOutcome;
      resolutionNotes: string;
      equipmentUsed?: { code: string; quantity: number }[] | null;
      equipmentReturned?: { code: string; condition: EquipmentCondition }[] | null;
    };

export interface WorkOrderDecision {
  set: Record<string, unknown>;
  history: StatusChangeDoc;
  change: 'ASSIGNED' | 'RESCHEDULED' | 'STARTED' | 'ESCALATED' | 'CLOSED';
}

const illegal = (status: string, what: string, allowedFrom: readonly WorkOrderStatus[]) => illegalTransition('work order', status, what, allowedFrom);

/**
 * The work order's state machine: CREATED → ASSIGNED → IN_PROGRESS → CLOSED_*; reassigning an
 * assigned order reschedules it; escalation raises priority while open; an order is closed from
 * ASSIGNED or IN_PROGRESS with resolution notes and, for EQUIPMENT_RETRIEVAL, every listed item's condition.
 */
export function decideWorkOrderChange(s: WorkOrderState, cmd: WorkOrderCommand, by: string, at: Date): WorkOrderDecision {
  const entry = (to: string, note: string | null): StatusChangeDoc => ({ from: s.status, to, by, at, note });
  switch (cmd.kind) {
    case 'assign': {
      if (s.status !== 'CREATED' && s.status !== 'ASSIGNED') throw illegal(s.status, 'assigned', ['CREATED', 'ASSIGNED']);
      const technicianId = validatePersonId(cmd.technicianId, 'technicianId');
      const crew = cmd.crew?.trim() || null;
      if (!technicianId === !crew) throw badInput('give a technician or a crew, not both', technicianId ? 'crew' : 'technicianId');
      if (crew && crew.length > 60) throw badInput('crew must have at most 60 characters', 'crew');
      const scheduledFor = cmd.scheduledFor ?? null;
      const who = technicianId ? `technician ${technicianId}` : `crew ${crew}`;
      return {
        set: { status: 'ASSIGNED', technicianId, crew, scheduledFor },
        history: entry('ASSIGNED', `${who}${scheduledFor ? ` on ${scheduledFor.toISOString()}` : ''}`),
        change: s.status === 'CREATED' ? 'ASSIGNED' : 'RESCHEDULED',
      };
    }
    case 'start':
      if (s.status !== 'ASSIGNED') throw illegal(s.status, 'started', ['ASSIGNED']);
      return { set: { status: 'IN_PROGRESS' }, history: entry('IN_PROGRESS', null), change: 'STARTED' };
    case 'escalate': {
      if (!isOpen(s.status)) throw illegal(s.status, 'escalated', OPEN_STATUSES);
      if (s.priority === 'URGENT') throw conflict('The work order is already URGENT', { currentStatus: s.status });
      const reason = cmd.reason.trim();
      if (reason.length < 3 || reason.length > 500) throw badInput('reason must have 3 to 500 characters', 'reason');
      const priority = raisePriority(s.priority);
      return { set: { priority }, history: entry(s.status, `priority ${s.priority} → ${priority}: ${reason}`), change: 'ESCALATED' };
    }
    case 'close': {
      if (s.status !== 'ASSIGNED' && s.status !== 'IN_PROGRESS') throw illegal(s.status, 'closed', ['ASSIGNED', 'IN_PROGRESS']);
      const notes = cmd.resolutionNotes.trim();
      if (notes.length < 3 || notes.length > 2000) throw badInput('resolutionNotes must have 3 to 2000 characters', 'resolutionNotes');
      const used = validateEquipmentUsed(cmd.equipmentUsed ?? []);
      const returned = cmd.equipmentReturned ?? [];
      if (s.type === 'EQUIPMENT_RETRIEVAL' && cmd.outcome === 'CLOSED_RESOLVED') {
        const listed = [...s.equipmentToRetrieve].sort();
        const given = returned.map((r) => r.code).sort();
        if (JSON.stringify(listed) !== JSON.stringify(given)) {
          throw badInput(`report the condition of every listed item exactly once: ${listed.join(', ')}`, 'equipmentReturned');
        }
      } else if (returned.length && s.type !== 'EQUIPMENT_RETRIEVAL') {
        throw badInput('equipmentReturned is only for EQUIPMENT_RETRIEVAL', 'equipmentReturned');
      }
      return {
        set: {
          status: cmd.outcome,
          closedAt: at,
          resolution: { notes, equipmentUsed: used, equipmentReturned: returned },
        },
        history: entry(cmd.outcome, notes),
        change: 'CLOSED',
      };
    }
  }
}

/**
 * R-PS-H4: before the equipment retrieval of a withdrawal, the product's open work orders are closed
 * (CLOSED_UNRESOLVED, the note names the withdrawal). Returns the change for an open order.
 */
export function closedForWithdrawal(s: { status: WorkOrderStatus }, requestId: string, at: Date): WorkOrderDecision {
  if (!isOpen(s.status)) throw illegal(s.status, 'closed for a withdrawal', OPEN_STATUSES);
  const notes = `Closed: the product is being withdrawn (request ${requestId})`;
  return {
    set: { status: 'CLOSED_UNRESOLVED', closedAt: at, resolution: { notes, equipmentUsed: [], equipmentReturned: [] } },
    history: { from: s.status, to: 'CLOSED_UNRESOLVED', by: 'system', at, note: notes },
    change: 'CLOSED',
  };
}
