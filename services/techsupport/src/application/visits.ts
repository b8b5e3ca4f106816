import { badInput, DomainError, idFromEvent, isDuplicateKey, newEnvelope, notFound, updateVersioned, type EventEnvelope } from '@vinculo/common';
import { decideEngineeringRecord, decideQualityCall, decideRemoteAttempt, decideSchedule } from '../domain/visit';
import type { DamagedService } from '../domain/ticket';
import type { SupportVisitDoc } from '../store/visit.model';
import type { WorkOrderDoc } from '../store/work-order.model';
import { byOf, type Actor, type Deps } from './deps';
import { changeWorkOrder, openWorkOrder } from './work-orders';
import { registerTicket } from './tickets';

export function visitEvent(v: SupportVisitDoc, who: Actor): EventEnvelope {
  return newEnvelope('techsupport', who, {
    type: 'techsupport.SupportVisitChanged',
    subject: v._id,
    data: {
      visitId: v._id, customerId: v.customerId, status: v.status, analystId: v.analystId, start: v.start ? new Date(v.start).toISOString() : null,
      end: v.end ? new Date(v.end).toISOString() : null, workOrderId: v.workOrderId, qualityCall: v.qualityCall, ticketId: v.ticketId,
    },
  });
}

async function load(deps: Deps, tenantId: string, id: string, expectedVersion: number) {
  const v = await deps.visits.findOne({ _id: id, tenantId }).lean<SupportVisitDoc>();
  if (!v) throw notFound('SupportVisit', id);
  if (v.version !== expectedVersion) throw new DomainError('stale_version', `SupportVisit ${id} is at version ${v.version}, not ${expectedVersion}; reload and retry`);
  return v;
}

async function save(deps: Deps, who: Actor, v: SupportVisitDoc, set: Partial<SupportVisitDoc>, note: string | null, now: Date) {
  const after = { ...v, ...set } as SupportVisitDoc;
  const updated = await updateVersioned(deps.visits, { _id: v._id, tenantId: v.tenantId }, v.version,
    { $set: set, $push: { history: { from: v.status, to: after.status, by: byOf(who), at: now, note } } }, [visitEvent(after, who)]);
  deps.published();
  return updated;
}

export async function remoteAttempt(deps: Deps, who: Actor, id: string, expectedVersion: number, solved: boolean, notes: string, now = new Date()) {
  const v = await load(deps, who.tenantId, id, expectedVersion);
  const d = decideRemoteAttempt(v.status, solved, notes, byOf(who), now);
  return save(deps, who, v, d.set, d.history.note, now);
}

/**
 * Book the visit: every 15-minute slot of the analyst is a document keyed by analyst and time, so
 * two bookings that overlap cannot both insert (CONFLICT naming the taken slot). Then the visit's
 * own work order, assigned to the analyst, and the visit (versioned; on failure the slots are freed).
 */
export async function schedule(deps: Deps, who: Actor, id: string, expectedVersion: number, analystId: string, start: Date, durationMinutes: number, now = new Date()) {
  const v = await load(deps, who.tenantId, id, expectedVersion);
  const analyst = analystId.trim();
  if (!analyst) throw badInput('analystId is required', 'analystId');
  const { end, slots } = decideSchedule(v.status, start, durationMinutes, now);
  const docs = slots.map((at) => ({ _id: `${v.tenantId}|${analyst}|${at.toISOString()}`, tenantId: v.tenantId, analystId: analyst, visitId: v._id, at }));
  try {
    await deps.slots.insertMany(docs, { ordered: true });
  } catch (err) {
    if (!isDuplicateKey(err) && !(err as { writeErrors?: unknown[] }).writeErrors) throw err;
    const mine = await deps.slots.find({ tenantId: v.tenantId, visitId: v._id, _id: { $in: docs.map((d) => d._id) } }).lean();
    await deps.slots.deleteMany({ _id: { $in: mine.map((m) => m._id) }, visitId: v._id });
    const taken = await deps.slots.findOne({ _id: { $in: docs.map((d) => d._id) }, visitId: { $ne: v._id } }).lean();
    throw new DomainError('already_exists', `analyst ${analyst} is already booked at ${taken ? taken.at.toISOString() : start.toISOString()}`, { field: 'start' });
  }
  try {
    const { workOrder } = await openWorkOrder(deps, {
      _id: idFromEvent('wo', `visit:${v._id}:${start.toISOString()}`), tenantId: v.tenantId, customerId: v.customerId, type: 'REPAIR', address: v.address,
      notes: `Technical support visit: ${v.description}`, installedProductId: v.installedProductId, assignTo: { technicianId: analyst, scheduledFor: start },
    }, who, now);
    return await save(deps, who, v, { status: 'SCHEDULED', analystId: analyst, start, end, workOrderId: workOrder._id }, `analyst ${analyst} ${start.toISOString()}–${end.toISOString()}`, now);
  } catch (err) {
    await deps.slots.deleteMany({ tenantId: v.tenantId, visitId: v._id, _id: { $in: docs.map((d) => d._id) } });
    throw err;
  }
}

/** The engineering-service record closes the visit's work order (resolved or attended without a solution). */
export async function engineeringRecord(deps: Deps, who: Actor, id: string, expectedVersion: number, r: { findings: string; actions: string; resolved: boolean; equipmentUsed?: { code: string; quantity: number }[] | null }, now = new Date()) {
  const v = await load(deps, who.tenantId, id, expectedVersion);
  const { findings, actions } = decideEngineeringRecord(v.status, r);
  const wo = await deps.workOrders.findOne({ _id: v.workOrderId, tenantId: v.tenantId }).lean<WorkOrderDoc>();
  if (wo && (wo.status === 'ASSIGNED' || wo.status === 'IN_PROGRESS')) {
    await changeWorkOrder(deps, who, wo._id, null, {
      kind: 'close', outcome: r.resolved ? 'CLOSED_RESOLVED' : 'CLOSED_UNRESOLVED', resolutionNotes: `Engineering service: ${findings} / ${actions}`.slice(0, 2000), equipmentUsed: r.equipmentUsed,
    }, now);
  }
  const record = { findings, actions, resolved: r.resolved, equipmentUsed: r.equipmentUsed ?? [], by: byOf(who), at: now };
  return save(deps, who, v, { status: 'VISITED', engineeringRecord: record }, findings, now);
}

/** The quality-control call closes the visit; NOT_OK raises a damage ticket (§3 E). */
export async function qualityCall(deps: Deps, who: Actor, id: string, expectedVersion: number, q: { outcome: 'OK' | 'NOT_OK'; notes?: string | null; service?: DamagedService | null; referencePhone?: string | null }, now = new Date()) {
  const v = await load(deps, who.tenantId, id, expectedVersion);
  const { raiseTicket } = decideQualityCall(v.status, q.outcome);
  let ticketId: string | null = null;
  if (raiseTicket) {
    if (!q.service || !q.referencePhone) throw badInput('a NOT_OK call needs the damaged service and a reference phone', 'service');
    const { ticket } = await registerTicket(deps, {
      tenantId: v.tenantId, customerId: v.customerId, installedProductId: v.installedProductId, source: 'QUALITY_CALL', key: `qc:${v._id}`,
      service: q.service, cause: q.notes?.trim() || `Service still failing after support visit ${v._id}`, address: v.address, referencePhone: q.referencePhone,
    }, who, now);
    ticketId = ticket._id;
  }
  return save(deps, who, v, { status: 'CLOSED', qualityCall: q.outcome, ticketId }, q.notes?.trim() || null, now);
}
