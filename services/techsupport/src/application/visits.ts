import {
  businessNow,
  conflict,
  DomainError,
  type EventEnvelope,
  findByIds,
  findOneById,
  idFromEvent,
  isDuplicateKey,
  loadAtVersion,
  newEnvelope,
  newId,
  type Principal,
  retryOnStale,
  runCommand,
  SYSTEM_RETRY,
} from '@vinculo/common';
import {
  decideEngineeringRecord,
  decideQualityCall,
  decideRemoteAttempt,
  decideSchedule,
  holdsSlot,
  validateVisitRequest,
  type VisitChannel,
} from '../domain/visit';
import type { DamagedService } from '../domain/ticket';
import type { CalendarSlotDoc, SupportVisitDoc } from '../store/visit.model';
import { byOf, type Actor, type Deps } from './deps';
import { changeWorkOrder, openWorkOrder } from './work-orders';
import { registerTicket } from './tickets';

export function visitEvent(v: SupportVisitDoc, who: Actor): EventEnvelope {
  return newEnvelope('techsupport', who, {
    type: 'techsupport.SupportVisitChanged',
    subject: v._id,
    data: {
      visitId: v._id,
      customerId: v.customerId,
      status: v.status,
      analystId: v.analystId,
      start: v.start ? new Date(v.start).toISOString() : null,
      end: v.end ? new Date(v.end).toISOString() : null,
      workOrderId: v.workOrderId,
      qualityCall: v.qualityCall,
      ticketId: v.ticketId,
    },
  });
}

/** What an act on a visit decided: the fields it sets and the note of its history entry. */
interface VisitChange {
  set: Partial<SupportVisitDoc>;
  note: string | null;
}

/** One act of a person on a visit they saw at `expectedVersion` (stale → CONFLICT), with SupportVisitChanged. */
async function changeVisit(
  deps: Deps,
  who: Actor,
  id: string,
  expectedVersion: number,
  now: Date,
  decide: (v: SupportVisitDoc) => VisitChange,
): Promise<SupportVisitDoc> {
  const { doc } = await runCommand({
    model: deps.visits,
    what: 'SupportVisit',
    tenantId: who.tenantId,
    id,
    concurrency: { expectedVersion },
    published: deps.published,
    decide: (v) => {
      const { set, note } = decide(v);
      const after: SupportVisitDoc = { ...v, ...set };
      return {
        update: { $set: set, $push: { history: { from: v.status, to: after.status, by: byOf(who), at: now, note } } },
        events: [visitEvent(after, who)],
      };
    },
  });
  return doc;
}

/** The visit as the caller saw it (NOT_FOUND / CONFLICT before anything else is done). */
const load = (deps: Deps, tenantId: string, id: string, expectedVersion: number) =>
  loadAtVersion<SupportVisitDoc>(deps.visits, 'SupportVisit', tenantId, id, expectedVersion);

export function remoteAttempt(deps: Deps, who: Actor, id: string, expectedVersion: number, solved: boolean, notes: string, now = businessNow(who.tenantId)) {
  return changeVisit(deps, who, id, expectedVersion, now, (v) => {
    const d = decideRemoteAttempt(v.status, solved, notes, byOf(who), now);
    return { set: d.set, note: d.history.note };
  });
}

/** A calendar slot held by a booking that never completed is reclaimed once this old (a booking in flight is younger). */
const STALE_SLOT_MS = 60_000;

/**
 * Book the visit. Every 15-minute slot of the analyst is a document keyed by analyst and time, so two
 * overlapping bookings cannot both hold it (CONFLICT naming the taken slot). The slots are held
 * first, then the visit's versioned write decides (SCHEDULED, naming its work order by a
 * deterministic id), then that work order is opened from the stored visit, here and again by our own
 * SupportVisitChanged consumer. A losing or failed booking frees the slots it alone held; slots left
 * by a crash before the visit write are reclaimed by the next booking that needs them.
 */
export async function schedule(
  deps: Deps,
  who: Actor,
  id: string,
  expectedVersion: number,
  analystId: string,
  start: Date,
  durationMinutes: number,
  now = businessNow(who.tenantId),
) {
  const v = await load(deps, who.tenantId, id, expectedVersion);
  const { analyst, end, slots } = decideSchedule(v.status, analystId, start, durationMinutes, now);
  const slotIds = await holdSlots(deps, v, analyst, slots, now);
  let updated: SupportVisitDoc;
  try {
    updated = await changeVisit(deps, who, v._id, v.version, now, (cur) => {
      decideSchedule(cur.status, analystId, start, durationMinutes, now);
      return {
        set: { status: 'SCHEDULED', analystId: analyst, start, end, workOrderId: visitWorkOrderId(v._id) },
        note: `analyst ${analyst} ${start.toISOString()}–${end.toISOString()}`,
      };
    });
  } catch (err) {
    await releaseUnheld(deps, v, analyst, slotIds);
    throw err;
  }
  await openVisitWorkOrder(deps, updated, who, now);
  return updated;
}

/** Holding the slots is tried this many times when abandoned holds had to be reclaimed first. */
const SLOT_ATTEMPTS = 3;

const slotId = (tenantId: string, analystId: string, at: Date) => `${tenantId}|${analystId}|${at.toISOString()}`;

/** Hold the analyst's slots for the visit (a retry finds its own slots held); CONFLICT when another live booking holds one. */
async function holdSlots(deps: Deps, v: SupportVisitDoc, analyst: string, slots: Date[], now: Date): Promise<string[]> {
  const docs = slots.map((at) => ({ _id: slotId(v.tenantId, analyst, at), tenantId: v.tenantId, analystId: analyst, visitId: v._id, at, heldAt: now }));
  const ids = docs.map((d) => d._id);
  return retryOnStale(SLOT_ATTEMPTS, async (attempt) => {
    try {
      await deps.slots.insertMany(docs, { ordered: false });
      return ids;
    } catch (err) {
      if (!isDuplicateKey(err) && !(err as { writeErrors?: unknown[] }).writeErrors) throw err;
    }
    const others = await deps.slots.find({ tenantId: v.tenantId, _id: { $in: ids }, visitId: { $ne: v._id } }).lean<CalendarSlotDoc[]>();
    if (!others.length) return ids;
    const holders = await findByIds(
      deps.visits,
      v.tenantId,
      others.map((o) => o.visitId),
    );
    const live = others.filter(
      (o) =>
        holdsSlot(holders.find((h) => h._id === o.visitId) ?? null, o.analystId, new Date(o.at)) ||
        !(new Date(o.heldAt ?? 0).getTime() < now.getTime() - STALE_SLOT_MS),
    );
    if (live.length) {
      await releaseUnheld(deps, v, analyst, ids);
      const first = live.map((o) => new Date(o.at)).sort((a, b) => a.getTime() - b.getTime())[0]!;
      throw conflict(`analyst ${analyst} is already booked at ${first.toISOString()}`, { field: 'start' });
    }
    // Left by bookings that never completed: reclaim them (only if still theirs) and try again.
    for (const o of others) await deps.slots.deleteOne({ _id: o._id, visitId: o.visitId });
    if (attempt === SLOT_ATTEMPTS) throw conflict(`analyst ${analyst}'s calendar kept changing; retry`, { field: 'start' });
    throw new DomainError('stale_version', 'calendar slots reclaimed; hold them again');
  });
}

/** Free those of `ids` the visit (as stored now) does not hold: a concurrent booking of the same visit may hold some. */
async function releaseUnheld(deps: Deps, v: SupportVisitDoc, analyst: string, ids: string[]) {
  const current = await findOneById(deps.visits, v.tenantId, v._id);
  const mine = await deps.slots.find({ tenantId: v.tenantId, _id: { $in: ids }, visitId: v._id }).lean<CalendarSlotDoc[]>();
  const unheld = mine.filter((m) => !holdsSlot(current, analyst, new Date(m.at))).map((m) => m._id);
  if (unheld.length) await deps.slots.deleteMany({ tenantId: v.tenantId, _id: { $in: unheld }, visitId: v._id });
}

/** The work order of a scheduled visit (one per visit: a visit is scheduled once). */
export const visitWorkOrderId = (visitId: string) => idFromEvent('wo', `visit:${visitId}`);

/** Open the scheduled visit's work order, assigned to its analyst at its start, if it is not there yet (idempotent). */
export async function openVisitWorkOrder(deps: Deps, v: SupportVisitDoc, who: Actor, now: Date) {
  if (!v.workOrderId || !v.analystId || !v.start) return null;
  const { workOrder } = await openWorkOrder(
    deps,
    {
      _id: v.workOrderId,
      tenantId: v.tenantId,
      customerId: v.customerId,
      type: 'REPAIR',
      address: v.address,
      notes: `Technical support visit: ${v.description}`,
      installedProductId: v.installedProductId,
      assignTo: { technicianId: v.analystId, scheduledFor: new Date(v.start) },
    },
    who,
    now,
  );
  return workOrder;
}

/** The engineering-service record closes the visit's work order (resolved or attended without a solution). */
export async function engineeringRecord(
  deps: Deps,
  who: Actor,
  id: string,
  expectedVersion: number,
  r: { findings: string; actions: string; resolved: boolean; equipmentUsed?: { code: string; quantity: number }[] | null },
  now = businessNow(who.tenantId),
) {
  const v = await load(deps, who.tenantId, id, expectedVersion);
  const { findings, actions, equipmentUsed } = decideEngineeringRecord(v.status, r);
  // The order exists even if the booking crashed before opening it (and our consumer has not yet run).
  const wo = await openVisitWorkOrder(deps, v, who, now);
  if (wo && (wo.status === 'ASSIGNED' || wo.status === 'IN_PROGRESS')) {
    await changeWorkOrder(
      deps,
      who,
      wo._id,
      SYSTEM_RETRY,
      {
        kind: 'close',
        outcome: r.resolved ? 'CLOSED_RESOLVED' : 'CLOSED_UNRESOLVED',
        resolutionNotes: `Engineering service: ${findings} / ${actions}`.slice(0, 2000),
        equipmentUsed,
      },
      now,
    );
  }
  const record = { findings, actions, resolved: r.resolved, equipmentUsed, by: byOf(who), at: now };
  return changeVisit(deps, who, v._id, v.version, now, (cur) => {
    decideEngineeringRecord(cur.status, r);
    return { set: { status: 'VISITED', engineeringRecord: record }, note: findings };
  });
}

/** The quality-control call closes the visit; NOT_OK raises a damage ticket (§3 E; keyed by the visit, so a retry finds it). */
export async function qualityCall(
  deps: Deps,
  who: Actor,
  id: string,
  expectedVersion: number,
  q: { outcome: 'OK' | 'NOT_OK'; notes?: string | null; service?: DamagedService | null; referencePhone?: string | null },
  now = businessNow(who.tenantId),
) {
  const v = await load(deps, who.tenantId, id, expectedVersion);
  const { raiseTicket, notes } = decideQualityCall(v.status, q);
  let ticketId: string | null = null;
  if (raiseTicket) {
    const { ticket } = await registerTicket(
      deps,
      {
        tenantId: v.tenantId,
        customerId: v.customerId,
        installedProductId: v.installedProductId,
        source: 'QUALITY_CALL',
        key: `qc:${v._id}`,
        service: q.service!,
        cause: notes ?? `Service still failing after support visit ${v._id}`,
        address: v.address,
        referencePhone: q.referencePhone!,
      },
      who,
      now,
    );
    ticketId = ticket._id;
  }
  return changeVisit(deps, who, v._id, v.version, now, (cur) => {
    decideQualityCall(cur.status, q);
    return { set: { status: 'CLOSED', qualityCall: q.outcome, ticketId }, note: notes };
  });
}

/** A support visit request from any channel (§3 L): REQUESTED, the remote attempt comes first. */
export async function requestVisit(
  deps: Deps,
  who: Principal,
  input: { customerId: string; installedProductId?: string | null; channel: VisitChannel; description: string; address: string },
): Promise<SupportVisitDoc> {
  const { description, address } = validateVisitRequest(input);
  await deps.directory.require(who.tenantId, input.customerId);
  const now = businessNow(who.tenantId);
  const v: SupportVisitDoc = {
    _id: newId('vis'),
    tenantId: who.tenantId,
    customerId: input.customerId,
    installedProductId: input.installedProductId ?? null,
    channel: input.channel,
    description,
    address,
    status: 'REQUESTED',
    remoteNotes: null,
    analystId: null,
    start: null,
    end: null,
    workOrderId: null,
    engineeringRecord: null,
    qualityCall: null,
    ticketId: null,
    createdAt: now,
    history: [{ from: null, to: 'REQUESTED', by: who.userId, at: now, note: `via ${input.channel}` }],
    version: 0,
    outbox: [],
  };
  v.outbox = [visitEvent(v, who)];
  await deps.visits.create(v);
  deps.published();
  return v;
}
