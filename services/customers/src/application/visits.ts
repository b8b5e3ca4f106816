import { badInput, businessNow, type EventEnvelope, newEnvelope, notFound, type Principal, runCommand } from '@vinculo/common';
import type { UpdateQuery } from 'mongoose';
import type { VisitDoc } from '../store/visit.model';
import type { VisitRepository } from '../store/visit.repository';
import type { EmployeeRepository } from '../store/employee.repository';
import type { CustomerRepository } from '../store/customer.repository';
import type { TenantRepository } from '../store/tenant.repository';
import type { VisitAgenda } from './visit-agenda';
import {
  decideOutcome,
  decideScheduleManager,
  decideVisitMove,
  requireVisitor,
  validVisitDetails,
  validVisitTime,
  type Interval,
  type VisitDetailsInput,
} from '../domain/visit';
import { optionalText, requiredText, validId } from '../domain/text';
import { visitData } from '../events/snapshots';

/** What the visit schedule's use cases work on. */
export interface VisitStores {
  visits: VisitRepository;
  agenda: VisitAgenda;
  employees: EmployeeRepository;
  customers: CustomerRepository;
  tenants: TenantRepository;
}

/**
 * One act on a visit the caller loaded (kit runCommand at that version: a concurrent change of the
 * visit is a CONFLICT). `decide` re-checks the state the act needs and returns the update and event.
 */
function changeVisit(
  s: VisitStores,
  principal: Principal,
  current: VisitDoc,
  decide: (visit: VisitDoc) => { update: UpdateQuery<VisitDoc>; event: EventEnvelope },
): Promise<VisitDoc> {
  return runCommand({
    model: s.visits.model,
    what: 'Visit',
    tenantId: principal.tenantId,
    id: current._id,
    concurrency: { expectedVersion: current.version },
    published: s.visits.published,
    decide: (visit) => {
      const d = decide(visit);
      return { update: d.update, events: [d.event] };
    },
  }).then((r) => r.doc);
}

/** Schedule a visit: the time is booked in the executive's agenda first, then the visit is written. */
export async function scheduleVisit(
  s: VisitStores,
  principal: Principal,
  input: VisitDetailsInput & Interval & { executiveId?: string | null },
): Promise<VisitDoc> {
  const tenantId = principal.tenantId;
  const executiveId = validId(input.executiveId ?? principal.userId, 'executiveId');
  const details = validVisitDetails(input);
  const { timeZone } = await s.tenants.get(tenantId);
  const { startsAt, endsAt } = input;
  const day = validVisitTime({ startsAt, endsAt }, timeZone);
  const executive = await s.employees.find(tenantId, executiveId);
  if (!executive) throw notFound('Employee', executiveId);
  decideScheduleManager(principal, executive);
  requireVisitor(executive);
  if (details.customerId) await s.customers.get(tenantId, details.customerId);

  const id = s.visits.newId();
  const now = businessNow(tenantId);
  // Book the time first: of two overlapping bookings only one gets past this line.
  await s.agenda.reserve(tenantId, executiveId, day, { visitId: id, startsAt, endsAt, reservedAt: now });
  const doc: Omit<VisitDoc, 'createdAt' | 'updatedAt' | 'version' | 'outbox'> = {
    _id: id,
    tenantId,
    executiveId,
    startsAt,
    endsAt,
    day,
    ...details,
    outcome: null,
    status: 'SCHEDULED',
    history: [{ from: null, to: 'SCHEDULED', by: principal.userId, at: now, note: null }],
    scheduledBy: principal.userId,
  };
  const event = newEnvelope('customers', principal, { type: 'customers.VisitScheduled', subject: id, data: visitData(doc) });
  try {
    return await s.visits.insert(doc, [event]);
  } catch (err) {
    await s.agenda.release(tenantId, executiveId, day, id);
    throw err;
  }
}

/** Move a SCHEDULED visit: the new time is booked first, the old one freed after the visit is written. */
export async function rescheduleVisit(s: VisitStores, principal: Principal, input: Interval & { visitId: string; note?: string | null }): Promise<VisitDoc> {
  const tenantId = principal.tenantId;
  const note = optionalText(input.note, 'note', 1, 500);
  const current = await s.visits.get(tenantId, input.visitId);
  const executive = await s.employees.get(tenantId, current.executiveId);
  decideScheduleManager(principal, executive);
  decideVisitMove(current.status, 'RESCHEDULED');
  requireVisitor(executive);
  const { timeZone } = await s.tenants.get(tenantId);
  const { startsAt, endsAt } = input;
  const day = validVisitTime({ startsAt, endsAt }, timeZone);
  if (+startsAt === +current.startsAt && +endsAt === +current.endsAt) throw badInput('the visit is already at that time', 'startsAt');

  const now = businessNow(tenantId);
  await s.agenda.reserve(tenantId, current.executiveId, day, { visitId: current._id, startsAt, endsAt, reservedAt: now });
  let updated: VisitDoc;
  try {
    updated = await changeVisit(s, principal, current, (visit) => {
      decideVisitMove(visit.status, 'RESCHEDULED');
      const entry = {
        from: 'SCHEDULED',
        to: 'SCHEDULED',
        by: principal.userId,
        at: now,
        note: `rescheduled to ${startsAt.toISOString()}–${endsAt.toISOString()}${note ? `: ${note}` : ''}`,
      };
      return {
        update: { $set: { startsAt, endsAt, day }, $push: { history: entry } },
        event: newEnvelope('customers', principal, {
          type: 'customers.VisitRescheduled',
          subject: visit._id,
          data: visitData({ ...visit, startsAt, endsAt }, note),
        }),
      };
    });
  } catch (err) {
    await s.agenda.release(tenantId, current.executiveId, day, current._id, day === current.day ? current : null);
    throw err;
  }
  // The old time is free now (a crash before this line leaves a slot that no longer holds).
  await s.agenda.release(tenantId, current.executiveId, current.day, current._id, day === current.day ? { startsAt, endsAt } : null);
  return updated;
}

/** Cancel a SCHEDULED visit with its reason; its time is freed in the agenda. */
export async function cancelVisit(s: VisitStores, principal: Principal, input: { visitId: string; reason: string }): Promise<VisitDoc> {
  const tenantId = principal.tenantId;
  const reason = requiredText(input.reason, 'reason', 3, 500);
  const current = await s.visits.get(tenantId, input.visitId);
  decideScheduleManager(principal, await s.employees.get(tenantId, current.executiveId));
  decideVisitMove(current.status, 'CANCELLED');
  const updated = await changeVisit(s, principal, current, (visit) => {
    decideVisitMove(visit.status, 'CANCELLED');
    const entry = { from: visit.status, to: 'CANCELLED', by: principal.userId, at: businessNow(tenantId), note: reason };
    return {
      update: { $set: { status: 'CANCELLED' }, $push: { history: entry } },
      event: newEnvelope('customers', principal, {
        type: 'customers.VisitCancelled',
        subject: visit._id,
        data: visitData({ ...visit, status: 'CANCELLED' as const }, reason),
      }),
    };
  });
  await s.agenda.release(tenantId, current.executiveId, current.day, current._id);
  return updated;
}

/** Record a visit's outcome: it is DONE. */
export async function recordVisitOutcome(s: VisitStores, principal: Principal, input: { visitId: string; outcome: string }): Promise<VisitDoc> {
  const current = await s.visits.get(principal.tenantId, input.visitId);
  decideScheduleManager(principal, await s.employees.get(principal.tenantId, current.executiveId));
  const now = businessNow(principal.tenantId);
  return changeVisit(s, principal, current, (visit) => {
    const outcome = decideOutcome(visit, input.outcome, now);
    const entry = { from: visit.status, to: 'DONE', by: principal.userId, at: now, note: null };
    return {
      update: { $set: { status: 'DONE', outcome }, $push: { history: entry } },
      event: newEnvelope('customers', principal, {
        type: 'customers.VisitCompleted',
        subject: visit._id,
        data: visitData({ ...visit, status: 'DONE' as const, outcome }),
      }),
    };
  });
}
