import { badInput, DomainError, type StatusChangeDoc } from '@vinculo/common';

export type VisitStatus = 'REQUESTED' | 'REMOTE_FAILED' | 'RESOLVED_REMOTELY' | 'SCHEDULED' | 'VISITED' | 'CLOSED';

const illegal = (status: string, what: string) =>
  new DomainError('illegal_transition', `A support visit in ${status} cannot be ${what}`, { current: status });

/** Calendar granularity: bookings are held per 15-minute slot. */
export const SLOT_MINUTES = 15;

/** The remote attempt comes first (§3 L): solved closes the request, otherwise it can be scheduled. */
export function decideRemoteAttempt(status: VisitStatus, solved: boolean, notes: string, by: string, at: Date) {
  if (status !== 'REQUESTED') throw illegal(status, 'attempted remotely');
  const n = notes.trim();
  if (n.length < 3 || n.length > 2000) throw badInput('notes must have 3 to 2000 characters', 'notes');
  const to: VisitStatus = solved ? 'RESOLVED_REMOTELY' : 'REMOTE_FAILED';
  return { set: { status: to, remoteNotes: n }, history: { from: status, to, by, at, note: n } as StatusChangeDoc };
}

/**
 * Scheduling needs the failed remote attempt, a start aligned to the calendar's slots, in the future,
 * and 15 minutes to 8 hours; the slots it holds are the analyst's calendar keys (no double booking).
 */
export function decideSchedule(status: VisitStatus, start: Date, durationMinutes: number, now: Date) {
  if (status === 'REQUESTED') throw illegal(status, 'scheduled before the remote attempt');
  if (status !== 'REMOTE_FAILED') throw illegal(status, 'scheduled');
  if (!Number.isInteger(durationMinutes) || durationMinutes < SLOT_MINUTES || durationMinutes > 480 || durationMinutes % SLOT_MINUTES) {
    throw badInput(`durationMinutes must be a multiple of ${SLOT_MINUTES} from ${SLOT_MINUTES} to 480`, 'durationMinutes');
  }
  if (start.getTime() % (SLOT_MINUTES * 60_000)) throw badInput(`start must be on a ${SLOT_MINUTES}-minute boundary`, 'start');
  if (start.getTime() <= now.getTime()) throw badInput('start must be in the future', 'start');
  const end = new Date(start.getTime() + durationMinutes * 60_000);
  const slots: Date[] = [];
  for (let t = start.getTime(); t < end.getTime(); t += SLOT_MINUTES * 60_000) slots.push(new Date(t));
  return { end, slots };
}

export function decideEngineeringRecord(status: VisitStatus, r: { findings: string; actions: string }) {
  if (status !== 'SCHEDULED') throw illegal(status, 'given an engineering-service record');
  const findings = r.findings.trim();
  const actions = r.actions.trim();
  if (findings.length < 3 || findings.length > 2000) throw badInput('findings must have 3 to 2000 characters', 'findings');
  if (actions.length < 3 || actions.length > 2000) throw badInput('actions must have 3 to 2000 characters', 'actions');
  return { findings, actions };
}

/** The quality-control call closes the visit; NOT_OK raises a damage ticket. */
export function decideQualityCall(status: VisitStatus, outcome: 'OK' | 'NOT_OK'): { raiseTicket: boolean } {
  if (status !== 'VISITED') throw illegal(status, 'given its quality-control call');
  return { raiseTicket: outcome === 'NOT_OK' };
}
