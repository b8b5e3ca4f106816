import {
  businessNow,
  type Concurrency,
  type Decision,
  DomainError,
  type EventEnvelope,
  findOneById,
  idFromEvent,
  isDuplicateKey,
  newEnvelope,
  newId,
  retryOnStale,
  runCommand,
  SYSTEM_RETRY,
} from '@vinculo/common';
import { decideTicketAssignment } from '../domain/ticket-assignment';
import {
  decideDiagnosis,
  decideDispatch,
  decideRegistration,
  decideRemoteResolution,
  ticketClosedByWorkOrder,
  validateTicketInput,
  type DiagnosisInput,
  type TicketInput,
} from '../domain/ticket';
import { closedKeyOf, openKeyOf, type DamageTicketDoc, type TicketSource } from '../store/ticket.model';
import type { WorkOrderOutcome } from '../domain/work-order';
import { byOf, type Actor, type Deps } from './deps';
import { changeWorkOrder, openWorkOrder } from './work-orders';

type Change = 'REGISTERED' | 'REITERATED' | 'FOLLOWED_UP' | 'DIAGNOSED' | 'DISPATCHED' | 'CLOSED' | 'QUALITY_CALL';

export function ticketEvent(t: DamageTicketDoc, change: Change, who: Actor, note: string | null = null): EventEnvelope {
  return newEnvelope('techsupport', who, {
    type: 'techsupport.DamageTicketChanged',
    subject: t._id,
    data: {
      ticketId: t._id,
      customerId: t.customerId,
      installedProductId: t.installedProductId,
      change,
      status: t.status,
      priority: t.priority,
      service: t.service,
      reiteratedFrom: t.reiteratedFrom,
      workOrderId: t.workOrderId,
      note,
      // Optional since issue #15 (additive): who works the ticket, when assigned.
      ...(t.assigneeId ? { assigneeId: t.assigneeId } : {}),
    },
  });
}

export interface TicketRequest extends TicketInput {
  tenantId: string;
  customerId: string;
  installedProductId: string | null;
  source: TicketSource;
  /** Idempotency key of the act (an event id, or a fresh id for a person's request). */
  key: string;
}

const SYSTEM_SOURCES: readonly TicketSource[] = ['LOYALTY_CALL'];

/**
 * Register a damage (§3 E) under R-TS-E1. The partial unique index keeps one open ticket per
 * customer product, so two registrations racing end as one ticket and one follow-up.
 */
export async function registerTicket(
  deps: Deps,
  req: TicketRequest,
  who: Actor,
  now = businessNow(who.tenantId),
): Promise<{ ticket: DamageTicketDoc; registration: 'CREATED' | 'FOLLOWED_UP' | 'REITERATED' }> {
  const input = validateTicketInput(req, !SYSTEM_SOURCES.includes(req.source));
  await deps.directory.require(req.tenantId, req.customerId);
  const by = byOf(who);
  // A registration that lost a race (the open ticket moved on, or another registration opened one
  // first) reads again and decides again, a few times.
  return retryOnStale(5, async () => {
    // The same act replayed (event redelivered): the ticket it made, or the follow-up it added.
    const replay = await deps.tickets
      .findOne({ tenantId: req.tenantId, $or: [{ _id: idFromEvent('tkt', req.key) }, { 'followUps.key': req.key }] })
      .lean<DamageTicketDoc>();
    if (replay)
      return { ticket: replay, registration: replay._id === idFromEvent('tkt', req.key) ? (replay.reiteratedFrom ? 'REITERATED' : 'CREATED') : 'FOLLOWED_UP' };
    const latest = await deps.tickets
      .findOne({ tenantId: req.tenantId, customerId: req.customerId, installedProductId: req.installedProductId })
      .sort({ createdAt: -1, _id: -1 })
      .lean<DamageTicketDoc>();
    const wo = latest?.workOrderId ? await findOneById(deps.workOrders, req.tenantId, latest.workOrderId) : null;
    const decision = decideRegistration(latest ? { ...latest, workOrderStatus: wo?.status ?? null } : null, input);
    if (decision.kind === 'FOLLOW_UP') {
      const t = latest!;
      const note = `Reported again (${req.source.toLowerCase().replace('_', ' ')}): ${input.cause}${decision.sameDayVisit ? ' — same-day visit coordinated' : ''}`;
      if (decision.sameDayVisit && wo) {
        // Same-day visit: the assigned work order is rescheduled to now, with whoever holds it, BEFORE
        // the follow-up is recorded: the follow-up's key marks the act done, so a crash in between
        // replays both (rescheduling twice to "now" is harmless) instead of losing the visit. If the
        // order moved on meanwhile (started, closed) there is nothing to reschedule: not a failure.
        await changeWorkOrder(deps, who, wo._id, SYSTEM_RETRY, { kind: 'assign', technicianId: wo.technicianId, crew: wo.crew, scheduledFor: now }).catch(
          (err: unknown) => {
            if (!(err instanceof DomainError)) throw err;
          },
        );
      }
      // The follow-up applies to the ticket as decided on (stale → decide again).
      const { doc } = await runCommand({
        ...ticketCommand(deps, req.tenantId, t._id, { expectedVersion: t.version }),
        decide: (cur) => ({
          update: { $push: { followUps: { at: now, by, note, key: req.key }, history: { from: cur.status, to: cur.status, by, at: now, note } } },
          events: [ticketEvent(cur, 'FOLLOWED_UP', who, note)],
        }),
      });
      return { ticket: doc, registration: 'FOLLOWED_UP' as const };
    }
    const id = idFromEvent('tkt', req.key);
    const reiterated = decision.kind === 'REITERATE';
    const doc: DamageTicketDoc = {
      _id: id,
      tenantId: req.tenantId,
      customerId: req.customerId,
      installedProductId: req.installedProductId,
      service: input.service,
      cause: reiterated ? decision.cause : input.cause,
      address: input.address,
      referencePhone: input.referencePhone,
      priority: decision.priority,
      status: decision.status,
      source: req.source,
      reiteratedFrom: reiterated ? decision.reiteratedFrom : null,
      followUps: [],
      diagnosis: null,
      workOrderId: null,
      openKey: openKeyOf(req.customerId, req.installedProductId),
      createdAt: now,
      closedAt: null,
      history: [
        {
          from: null,
          to: decision.status,
          by,
          at: now,
          note: reiterated
            ? `R-TS-E1 reiterates ${decision.reiteratedFrom} (closed unresolved): priority ${decision.priority}, escalated with the operations center`
            : null,
        },
      ],
      version: 0,
      outbox: [],
    };
    doc.outbox = [ticketEvent(doc, reiterated ? 'REITERATED' : 'REGISTERED', who, doc.history[0]!.note)];
    try {
      await deps.tickets.create(doc);
    } catch (err) {
      // Another registration opened one first (one open ticket per product): read again and follow it up.
      if (isDuplicateKey(err)) throw new DomainError('stale_version', 'the ticket changed too often; retry');
      throw err;
    }
    deps.published();
    return { ticket: doc, registration: reiterated ? ('REITERATED' as const) : ('CREATED' as const) };
  });
}

/** The ticket as one aggregate of the command pipeline. */
const ticketCommand = (deps: Deps, tenantId: string, id: string, concurrency: Concurrency) => ({
  model: deps.tickets,
  what: 'DamageTicket',
  tenantId,
  id,
  concurrency,
  published: deps.published,
});

/** One act of a person on a ticket they saw at `expectedVersion`: the update and the events decided from it. */
async function changeTicket(
  deps: Deps,
  who: Actor,
  id: string,
  expectedVersion: number,
  decide: (t: DamageTicketDoc) => Decision<DamageTicketDoc> | null,
): Promise<DamageTicketDoc> {
  const { doc } = await runCommand({ ...ticketCommand(deps, who.tenantId, id, { expectedVersion }), decide });
  return doc;
}

export function recordDiagnosis(deps: Deps, who: Actor, id: string, expectedVersion: number, d: DiagnosisInput, now = businessNow(who.tenantId)) {
  return changeTicket(deps, who, id, expectedVersion, (t) => {
    const diagnosis = decideDiagnosis(t.status, d, byOf(who), now);
    return {
      update: { $set: { diagnosis }, $push: { history: { from: t.status, to: t.status, by: byOf(who), at: now, note: 'remote diagnosis recorded' } } },
      events: [ticketEvent({ ...t, diagnosis }, 'DIAGNOSED', who)],
    };
  });
}

export function resolveRemotely(
  deps: Deps,
  who: Actor,
  id: string,
  expectedVersion: number,
  customerConfirmed: boolean,
  notes: string,
  now = businessNow(who.tenantId),
) {
  return changeTicket(deps, who, id, expectedVersion, (t) => {
    const d = decideRemoteResolution({ status: t.status, hasDiagnosis: t.diagnosis !== null }, customerConfirmed, notes, byOf(who), now);
    return {
      update: { $set: { ...d.set, openKey: closedKeyOf(t._id) }, $push: { history: d.history } },
      events: [ticketEvent({ ...t, ...d.set }, 'CLOSED', who, d.history.note)],
    };
  });
}

/** Our work order closed: the repaired ticket closes with it (system act; a ticket already closed is left alone). */
export async function closeTicketByWorkOrder(
  deps: Deps,
  who: Actor,
  ticketId: string,
  workOrderId: string,
  outcome: WorkOrderOutcome,
  closedAt: Date,
): Promise<void> {
  if (!(await findOneById(deps.tickets, who.tenantId, ticketId))) return;
  await runCommand({
    ...ticketCommand(deps, who.tenantId, ticketId, SYSTEM_RETRY),
    decide: (t) => {
      const d = ticketClosedByWorkOrder(t.status, outcome, closedAt);
      if (!d) return null;
      return {
        update: { $set: { ...d.set, openKey: closedKeyOf(t._id) }, $push: { history: d.history } },
        events: [ticketEvent({ ...t, ...d.set }, 'CLOSED', who, `work order ${workOrderId} ${outcome}`)],
      };
    },
  });
}

/**
 * Dispatch to the field. The ticket's versioned write decides (of a dispatch and a remote resolution
 * racing, exactly one wins) and names its REPAIR work order by a deterministic id; the order is then
 * opened from the stored ticket, here and again by our own DamageTicketChanged consumer, so a crash
 * between the two writes still ends with the order in the field, and a losing act leaves nothing.
 */
export async function dispatchTicket(deps: Deps, who: Actor, id: string, expectedVersion: number, notes: string | null, now = businessNow(who.tenantId)) {
  const updated = await changeTicket(deps, who, id, expectedVersion, (t) => {
    const d = decideDispatch(t.status, byOf(who), now, notes);
    const workOrderId = repairWorkOrderId(t._id);
    return {
      update: { $set: { ...d.set, workOrderId }, $push: { history: d.history } },
      events: [ticketEvent({ ...t, ...d.set, workOrderId }, 'DISPATCHED', who, d.history.note)],
    };
  });
  await openRepairWorkOrder(deps, updated, who, now);
  return updated;
}

/** The REPAIR work order of a dispatched ticket (one per ticket). */
export const repairWorkOrderId = (ticketId: string) => idFromEvent('wo', `repair:${ticketId}`);

/** Open the dispatched ticket's REPAIR work order if it is not there yet (idempotent), with the ticket's priority. */
export async function openRepairWorkOrder(deps: Deps, t: DamageTicketDoc, who: Actor, now: Date) {
  if (!t.workOrderId) return null;
  const note = [...t.history].reverse().find((h) => h.to === 'DISPATCHED')?.note ?? null;
  const { workOrder } = await openWorkOrder(
    deps,
    {
      _id: t.workOrderId,
      tenantId: t.tenantId,
      customerId: t.customerId,
      type: 'REPAIR',
      address: t.address,
      notes: `Damage (${t.service}): ${t.cause}. Reference phone ${t.referencePhone ?? 'to confirm'}${note ? `. ${note}` : ''}`,
      priority: t.priority,
      ticketId: t._id,
      installedProductId: t.installedProductId,
    },
    who,
    now,
  );
  return workOrder;
}

export const newTicketKey = () => newId('req');

/**
 * The coordinator assigns (or reassigns) an open ticket to a person (issue #15). Internal work
 * routing: recorded in the ticket's history, not published (the customer's timeline has nothing to
 * tell); the ticket's later events carry the assignee.
 */
export function assignTicket(deps: Deps, who: Actor, id: string, expectedVersion: number, assigneeId: string, now = businessNow(who.tenantId)) {
  return changeTicket(deps, who, id, expectedVersion, (t) => {
    const d = decideTicketAssignment(t, assigneeId, byOf(who), now);
    return { update: { $set: d.set, $push: { history: d.history } }, events: [] };
  });
}
