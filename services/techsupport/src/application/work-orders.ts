import {
  businessNow,
  type Concurrency,
  type Decision,
  type EventEnvelope,
  findOneById,
  insertOnce,
  newEnvelope,
  newId,
  runCommand,
  type StatusChangeDoc,
  SYSTEM_RETRY,
} from '@vinculo/common';
import {
  closedForWithdrawal,
  decideReinstallation,
  decideWorkOrder,
  decideWorkOrderChange,
  isOpen,
  OPEN_STATUSES,
  type Priority,
  type WorkOrderCommand,
  type WorkOrderDecision,
  type WorkOrderInput,
  type WorkOrderStatus,
  type WorkOrderType,
} from '../domain/work-order';
import { atRiskFrom, dueAtFor } from '../domain/sla';
import { installationsOf, type MigrationTarget, type WorkOrderDoc } from '../store/work-order.model';
import { settingsFor } from '../store/settings.model';
import { byOf, type Actor, type Deps } from './deps';
import { reserve } from './network';

export interface NewWorkOrder {
  _id: string;
  tenantId: string;
  customerId: string;
  type: WorkOrderType;
  address: string;
  notes: string | null;
  priority?: Priority;
  salesOrderId?: string | null;
  requestId?: string | null;
  ticketId?: string | null;
  installedProductId?: string | null;
  /** The node to reserve a port on. */
  nodeId?: string | null;
  equipmentToRetrieve?: string[];
  /** MIGRATION: the technology and node the product moves to. */
  migration?: MigrationTarget | null;
  /** Open it already assigned (a support visit's own work order). */
  assignTo?: { technicianId: string; scheduledFor: Date } | null;
}

function createdEvent(wo: WorkOrderDoc, who: Actor): EventEnvelope {
  return newEnvelope('techsupport', who, {
    type: 'techsupport.WorkOrderCreated',
    subject: wo._id,
    data: {
      workOrderId: wo._id,
      customerId: wo.customerId,
      type: wo.type,
      salesOrderId: wo.salesOrderId,
      requestId: wo.requestId,
      ticketId: wo.ticketId,
      installedProductId: wo.installedProductId,
      dueAt: wo.dueAt.toISOString(),
    },
  });
}

/** The event of a change: WorkOrderClosed (with what it served) or WorkOrderProgressed. */
export function changeEvent(wo: WorkOrderDoc, d: WorkOrderDecision, who: Actor): EventEnvelope {
  const after = { ...wo, ...d.set } as WorkOrderDoc;
  const status = after.status;
  // The decisions keep these apart (closing sets an outcome, every other change an open status); the
  // contracts carry them as different enums (WorkOrderClosed.outcome, WorkOrderProgressed.status).
  if (d.change === 'CLOSED') {
    if (isOpen(status)) throw new Error(`work order ${wo._id}: a closing decision left it ${status}`);
    const r = after.resolution!;
    return newEnvelope('techsupport', who, {
      type: 'techsupport.WorkOrderClosed',
      subject: wo._id,
      data: {
        workOrderId: wo._id,
        customerId: wo.customerId,
        type: wo.type,
        outcome: status,
        closedAt: after.closedAt!.toISOString(),
        salesOrderId: wo.salesOrderId,
        requestId: wo.requestId,
        ticketId: wo.ticketId,
        installedProductId: wo.installedProductId,
        resolutionNotes: r.notes,
        equipmentUsed: r.equipmentUsed,
        equipmentReturned: r.equipmentReturned,
        // A MIGRATION names what the product becomes; postsale applies it when the order closed resolved.
        ...(wo.migration ? { migration: { technology: wo.migration.technology, nodeId: wo.migration.nodeId } } : {}),
      },
    });
  }
  if (!isOpen(status)) throw new Error(`work order ${wo._id}: a ${d.change} decision left it ${status}`);
  return newEnvelope('techsupport', who, {
    type: 'techsupport.WorkOrderProgressed',
    subject: wo._id,
    data: {
      workOrderId: wo._id,
      customerId: wo.customerId,
      type: wo.type,
      change: d.change,
      status,
      priority: after.priority,
      technicianId: after.technicianId,
      crew: after.crew,
      scheduledFor: after.scheduledFor ? after.scheduledFor.toISOString() : null,
      dueAt: wo.dueAt.toISOString(),
      note: d.history.note,
    },
  });
}

/**
 * Open a work order once (its id is deterministic when it reacts to an event or another record):
 * reserve its port first (idempotent per work order, so a retry after a crash completes both), then
 * insert it with its SLA clock and WorkOrderCreated in the outbox. Returns the stored order. An
 * order already there is returned untouched: no second reservation for an order that has since
 * been closed and settled its port.
 */
export async function openWorkOrder(
  deps: Deps,
  w: NewWorkOrder,
  who: Actor,
  now = businessNow(who.tenantId),
): Promise<{ workOrder: WorkOrderDoc; created: boolean }> {
  const existing = await findOneById(deps.workOrders, w.tenantId, w._id);
  if (existing) return { workOrder: existing, created: false };
  let nodeId: string | null = w.nodeId ?? null;
  let notes = w.notes;
  if (nodeId) {
    const r = await reserve(deps, w.tenantId, nodeId, w._id, who);
    if (r === 'FULL' || r === 'NO_NODE') {
      notes = [notes, `No port reserved on node ${nodeId} (${r === 'FULL' ? 'no free port' : 'unknown node'})`].filter(Boolean).join('. ');
      nodeId = null;
    }
  }
  const [tenant, settings] = await Promise.all([deps.tenantPolicy.policyFor(w.tenantId), settingsFor(deps.settings, w.tenantId)]);
  const by = byOf(who);
  const history: StatusChangeDoc[] = [{ from: null, to: 'CREATED', by, at: now, note: null }];
  let status: WorkOrderStatus = 'CREATED';
  if (w.assignTo) {
    status = 'ASSIGNED';
    history.push({ from: 'CREATED', to: 'ASSIGNED', by, at: now, note: `technician ${w.assignTo.technicianId} on ${w.assignTo.scheduledFor.toISOString()}` });
  }
  const dueAt = dueAtFor(w.type, now, settings, tenant.policy, tenant.timeZone);
  const doc: WorkOrderDoc = {
    _id: w._id,
    tenantId: w.tenantId,
    customerId: w.customerId,
    type: w.type,
    status,
    priority: w.priority ?? 'NORMAL',
    address: w.address,
    notes,
    salesOrderId: w.salesOrderId ?? null,
    requestId: w.requestId ?? null,
    ticketId: w.ticketId ?? null,
    installedProductId: w.installedProductId ?? null,
    nodeId,
    technicianId: w.assignTo?.technicianId ?? null,
    crew: null,
    scheduledFor: w.assignTo?.scheduledFor ?? null,
    equipmentToRetrieve: w.equipmentToRetrieve ?? [],
    migration: w.migration ?? null,
    dueAt,
    atRiskAt: atRiskFrom(now, dueAt, settings.atRiskPercent),
    resolution: null,
    createdAt: now,
    closedAt: null,
    history,
    version: 0,
    outbox: [],
  };
  doc.outbox = [createdEvent(doc, who)];
  const created = await insertOnce(deps.workOrders, doc);
  if (created) deps.published();
  const stored = await findOneById(deps.workOrders, w.tenantId, w._id);
  return { workOrder: stored!, created };
}

/**
 * Apply a command to a work order: a person passes the version they saw (`{ expectedVersion }`, stale →
 * CONFLICT), the system `SYSTEM_RETRY` (re-decided on the current order). Wrong state → FAILED_PRECONDITION.
 */
export async function changeWorkOrder(
  deps: Deps,
  who: Actor,
  id: string,
  concurrency: Concurrency,
  cmd: WorkOrderCommand,
  now = businessNow(who.tenantId),
): Promise<WorkOrderDoc> {
  const { doc } = await runCommand({
    model: deps.workOrders,
    what: 'WorkOrder',
    tenantId: who.tenantId,
    id,
    concurrency,
    published: deps.published,
    decide: (wo) => decision(wo, decideWorkOrderChange(wo, cmd, byOf(who), now), who),
  });
  return doc;
}

/**
 * R-PS-H4: a product being withdrawn has its open work orders closed (unresolved) by the system; an
 * order already closed meanwhile is left as it is (nothing to do, no event).
 */
export async function closeForWithdrawal(deps: Deps, who: Actor, id: string, requestId: string, now: Date): Promise<void> {
  await runCommand({
    model: deps.workOrders,
    what: 'WorkOrder',
    tenantId: who.tenantId,
    id,
    concurrency: SYSTEM_RETRY,
    published: deps.published,
    decide: (wo) => (isOpen(wo.status) ? decision(wo, closedForWithdrawal(wo, requestId, now), who) : null),
  });
}

/** The product's open work orders, but `except` (the retrieval order a withdrawal opens). */
export const openWorkOrdersOf = (deps: Deps, tenantId: string, installedProductId: string, except: string) =>
  deps.workOrders.find({ tenantId, installedProductId, status: { $in: [...OPEN_STATUSES] }, _id: { $ne: except } }).lean<WorkOrderDoc[]>();

const decision = (wo: WorkOrderDoc, d: WorkOrderDecision, who: Actor): Decision<WorkOrderDoc> => ({
  update: { $set: d.set, $push: { history: d.history } },
  events: [changeEvent(wo, d, who)],
});

/** A work order a person opens by hand (§3 F); a new installation of a sales order is linked to the order. */
export async function createWorkOrder(
  deps: Deps,
  who: Actor,
  input: WorkOrderInput & { customerId: string; priority?: Priority | null; salesOrderId?: string | null },
): Promise<WorkOrderDoc> {
  const decided = decideWorkOrder(input);
  await deps.directory.require(who.tenantId, input.customerId);
  // A new installation of a sales order whose installation did not succeed: linked to the order (its closure moves it on in sales).
  const salesOrderId = input.salesOrderId?.trim() || null;
  const link = salesOrderId
    ? decideReinstallation(salesOrderId, input.customerId, decided.type, await installationsOf(deps.workOrders, who.tenantId, salesOrderId))
    : null;
  const { workOrder } = await openWorkOrder(
    deps,
    {
      _id: newId('wo'),
      tenantId: who.tenantId,
      customerId: input.customerId,
      type: decided.type,
      address: decided.address,
      notes: decided.notes,
      priority: input.priority ?? 'NORMAL',
      salesOrderId,
      nodeId: link?.nodeId ?? null,
    },
    who,
  );
  return workOrder;
}
