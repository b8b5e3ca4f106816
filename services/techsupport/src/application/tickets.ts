import { businessNow, DomainError, type EventEnvelope, findOneById, idFromEvent, isDuplicateKey, loadAtVersion, newEnvelope, newId, updateVersioned } from '@vinculo/common';
import { decideTicketAssignment } from '../domain/ticket-assignment';
import { decideDiagnosis, decideDispatch, decideRegistration, decideRemoteResolution, validateTicketInput, type DiagnosisInput, type TicketInput } from '../domain/ticket';
import { closedKeyOf, openKeyOf, type DamageTicketDoc, type TicketSource } from '../store/ticket.model';
import { byOf, type Actor, type Deps } from './deps';
import { changeWorkOrder, openWorkOrder } from './work-orders';

type Change = 'REGISTERED' | 'REITERATED' | 'FOLLOWED_UP' | 'DIAGNOSED' | 'DISPATCHED' | 'CLOSED' | 'QUALITY_CALL';

export function ticketEvent(t: DamageTicketDoc, change: Change, who: Actor, note: string | null = null): EventEnvelope {
  return newEnvelope('techsupport', who, {
    type: 'techsupport.DamageTicketChanged',
    subject: t._id,
    data: {
      ticketId: t._id, customerId: t.customerId, installedProductId: t.installedProductId, change, status: t.status, priority: t.priority,
      service: t.service, reiteratedFrom: t.reiteratedFrom, workOrderId: t.workOrderId, note,
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
export async function registerTicket(deps: Deps, req: TicketRequest, who: Actor, now = businessNow(who.tenantId)): Promise<{ ticket: DamageTicketDoc; registration: 'CREATED' | 'FOLLOWED_UP' | 'REITERATED' }> {
  const input = validateTicketInput(req, !SYSTEM_SOURCES.includes(req.source));
  await deps.directory.require(req.tenantId, req.customerId);
  const by = byOf(who);
  for (let attempt = 0; attempt < 5; attempt++) {
    // The same act replayed (event redelivered): the ticket it made, or the follow-up it added.
    const replay = await deps.tickets.findOne({ tenantId: req.tenantId, $or: [{ _id: idFromEvent('tkt', req.key) }, { 'followUps.key': req.key }] }).lean<DamageTicketDoc>();
    if (replay) return { ticket: replay, registration: replay._id === idFromEvent('tkt', req.key) ? (replay.reiteratedFrom ? 'REITERATED' : 'CREATED') : 'FOLLOWED_UP' };
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
        await changeWorkOrder(deps, who, wo._id, null, { kind: 'assign', technicianId: wo.technicianId, crew: wo.crew, scheduledFor: now }).catch((err: unknown) => {
          if (!(err instanceof DomainError)) throw err;
        });
      }
      try {
        const updated = await updateVersioned(deps.tickets, { _id: t._id, tenantId: t.tenantId }, t.version,
          { $push: { followUps: { at: now, by, note, key: req.key }, history: { from: t.status, to: t.status, by, at: now, note } } }, [ticketEvent(t, 'FOLLOWED_UP', who, note)]);
        deps.published();
        return { ticket: updated, registration: 'FOLLOWED_UP' };
      } catch (err) {
        if (err instanceof DomainError && err.kind === 'stale_version') continue;
        throw err;
      }
    }
    const id = idFromEvent('tkt', req.key);
    const reiterated = decision.kind === 'REITERATE';
    const doc: DamageTicketDoc = {
      _id: id, tenantId: req.tenantId, customerId: req.customerId, installedProductId: req.installedProductId, service: input.service,
      cause: reiterated ? decision.cause : input.cause, address: input.address, referencePhone: input.referencePhone,
      priority: decision.priority, status: decision.status, source: req.source, reiteratedFrom: reiterated ? decision.reiteratedFrom : null,
      followUps: [], diagnosis: null, workOrderId: null, openKey: openKeyOf(req.customerId, req.installedProductId), createdAt: now, closedAt: null,
      history: [{ from: null, to: decision.status, by, at: now, note: reiterated ? `R-TS-E1 reiterates ${decision.reiteratedFrom} (closed unresolved): priority ${decision.priority}, escalated with the operations center` : null }],
      version: 0, outbox: [],
    };
    doc.outbox = [ticketEvent(doc, reiterated ? 'REITERATED' : 'REGISTERED', who, doc.history[0]!.note)];
    try {
      await deps.tickets.create(doc);
      deps.published();
      return { ticket: doc, registration: reiterated ? 'REITERATED' : 'CREATED' };
    } catch (err) {
      if (isDuplicateKey(err)) continue; // another registration opened one first: follow it up
      throw err;
    }
  }
  throw new DomainError('stale_version', 'the ticket changed too often; retry');
}

const loadTicket = (deps: Deps, tenantId: string, id: string, expectedVersion: number) => loadAtVersion<DamageTicketDoc>(deps.tickets, 'DamageTicket', tenantId, id, expectedVersion);

export async function recordDiagnosis(deps: Deps, who: Actor, id: string, expectedVersion: number, d: DiagnosisInput, now = businessNow(who.tenantId)) {
  const t = await loadTicket(deps, who.tenantId, id, expectedVersion);
  const diagnosis = decideDiagnosis(t.status, d, byOf(who), now);
  const after = { ...t, diagnosis };
  const updated = await updateVersioned(deps.tickets, { _id: id, tenantId: t.tenantId }, t.version,
    { $set: { diagnosis }, $push: { history: { from: t.status, to: t.status, by: byOf(who), at: now, note: 'remote diagnosis recorded' } } }, [ticketEvent(after, 'DIAGNOSED', who)]);
  deps.published();
  return updated;
}

export async function resolveRemotely(deps: Deps, who: Actor, id: string, expectedVersion: number, customerConfirmed: boolean, notes: string, now = businessNow(who.tenantId)) {
  const t = await loadTicket(deps, who.tenantId, id, expectedVersion);
  const d = decideRemoteResolution({ status: t.status, hasDiagnosis: t.diagnosis !== null }, customerConfirmed, notes, byOf(who), now);
  const updated = await updateVersioned(deps.tickets, { _id: id, tenantId: t.tenantId }, t.version, { $set: { ...d.set, openKey: closedKeyOf(t._id) }, $push: { history: d.history } }, [ticketEvent({ ...t, ...d.set }, 'CLOSED', who, d.history.note)]);
  deps.published();
  return updated;
}

/**
 * Dispatch to the field. The ticket's versioned write decides (of a dispatch and a remote resolution
 * racing, exactly one wins) and names its REPAIR work order by a deterministic id; the order is then
 * opened from the stored ticket, here and again by our own DamageTicketChanged consumer, so a crash
 * between the two writes still ends with the order in the field, and a losing act leaves nothing.
 */
export async function dispatchTicket(deps: Deps, who: Actor, id: string, expectedVersion: number, notes: string | null, now = businessNow(who.tenantId)) {
  const t = await loadTicket(deps, who.tenantId, id, expectedVersion);
  const d = decideDispatch(t.status, byOf(who), now, notes);
  const workOrderId = repairWorkOrderId(t._id);
  const after = { ...t, ...d.set, workOrderId };
  const updated = await updateVersioned(deps.tickets, { _id: id, tenantId: t.tenantId }, t.version,
    { $set: { ...d.set, workOrderId }, $push: { history: d.history } }, [ticketEvent(after, 'DISPATCHED', who, d.history.note)]);
  deps.published();
  await openRepairWorkOrder(deps, updated, who, now);
  return updated;
}

/** The REPAIR work order of a dispatched ticket (one per ticket). */
export const repairWorkOrderId = (ticketId: string) => idFromEvent('wo', `repair:${ticketId}`);

/** Open the dispatched ticket's REPAIR work order if it is not there yet (idempotent), with the ticket's priority. */
export async function openRepairWorkOrder(deps: Deps, t: DamageTicketDoc, who: Actor, now: Date) {
  if (!t.workOrderId) return null;
  const note = [...t.history].reverse().find((h) => h.to === 'DISPATCHED')?.note ?? null;
  const { workOrder } = await openWorkOrder(deps, {
    _id: t.workOrderId, tenantId: t.tenantId, customerId: t.customerId, type: 'REPAIR', address: t.address,
    notes: `Damage (${t.service}): ${t.cause}. Reference phone ${t.referencePhone ?? 'to confirm'}${note ? `. ${note}` : ''}`,
    priority: t.priority, ticketId: t._id, installedProductId: t.installedProductId,
  }, who, now);
  return workOrder;
}

export const newTicketKey = () => newId('req');

/**
 * The coordinator assigns (or reassigns) an open ticket to a person (issue #15). Internal work
 * routing: recorded in the ticket's history, not published (the customer's timeline has nothing to
 * tell); the ticket's later events carry the assignee.
 */
export async function assignTicket(deps: Deps, who: Actor, id: string, expectedVersion: number, assigneeId: string, now = businessNow(who.tenantId)) {
  const t = await loadTicket(deps, who.tenantId, id, expectedVersion);
  const d = decideTicketAssignment(t, assigneeId, byOf(who), now);
  return updateVersioned(deps.tickets, { _id: id, tenantId: t.tenantId }, t.version, { $set: d.set, $push: { history: d.history } }, []);
}
