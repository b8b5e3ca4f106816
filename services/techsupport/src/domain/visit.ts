import { badInput, type StatusChangeDoc } from '@vinculo/common';
import { validateEquipmentUsed, validatePersonId, type EquipmentUsed } from './work-order';
import type { DamagedService } from './ticket';
import { illegalTransition } from './transition';

export type VisitStatus = 'REQUESTED' | 'REMOTE_FAILED' | 'RESOLVED_REMOTELY' | 'SCHEDULED' | 'VISITED' | 'CLOSED';
/** The channel a visit was requested through. */
export type VisitChannel = 'PHONE' | 'WHATSAPP' | 'EMAIL' | 'IN_PERSON' | 'WEB' | 'FACEBOOK' | 'BOT' | 'LETTER';

/** The engineering-service record of a visited customer (as stored on the visit). */
export interface EngineeringRecord {
  findings: string;
  actions: string;
  resolved: boolean;
  equipmentUsed: EquipmentUsed[];
  by: string;
  at: Date;
}

const illegal = (status: string, what: string, allowedFrom: readonly VisitStatus[]) => illegalTransition('support visit', status, what, allowedFrom);

/** Calendar granularity: bookings are held per 15-minute slot. */
export const SLOT_MINUTES = 15;
/** The longest visit a booking may hold (8 hours). */
export const MAX_VISIT_MINUTES = 480;

/** A visit request's description and address, trimmed and within bounds. */
export function validateVisitRequest(input: { description: string; address: string }): { description: string; address: string } {
  const description = input.description.trim();
  if (description.length < 3 || description.length > 2000) throw badInput('description must have 3 to 2000 characters', 'description');
  const address = input.address.trim().replace(/\s+/g, ' ');
  if (address.length < 5 || address.length > 300) throw badInput('address must have 5 to 300 characters', 'address');
  return { description, address };
}

/** The remote attempt comes first (§3 L): solved closes the request, otherwise it can be scheduled. */
export function decideRemoteAttempt(status: VisitStatus, solved: boolean, notes: string, by: string, at: Date) {
  if (status !== 'REQUESTED') throw illegal(status, 'attempted remotely', ['REQUESTED']);
  const n = notes.trim();
  if (n.length < 3 || n.length > 2000) throw badInput('notes must have 3 to 2000 characters', 'notes');
  const to: VisitStatus = solved ? 'RESOLVED_REMOTELY' : 'REMOTE_FAILED';
  return { set: { status: to, remoteNotes: n }, history: { from: status, to, by, at, note: n } as StatusChangeDoc };
}

/**
 * Scheduling needs the failed remote attempt, a start aligned to the calendar's slots, in the future,
 * and 15 minutes to 8 hours; the slots it holds are the analyst's calendar keys (no double booking).
 */
export function decideSchedule(status: VisitStatus, analystId: string, start: Date, durationMinutes: number, now: Date) {
  if (status === 'REQUESTED') throw illegal(status, 'scheduled before the remote attempt', ['REMOTE_FAILED']);
  if (status !== 'REMOTE_FAILED') throw illegal(status, 'scheduled', ['REMOTE_FAILED']);
  const analyst = validatePersonId(analystId, 'analystId', true)!;
  if (!Number.isInteger(durationMinutes) || durationMinutes < SLOT_MINUTES || durationMinutes > MAX_VISIT_MINUTES || durationMinutes % SLOT_MINUTES) {
    throw badInput(`durationMinutes must be a multiple of ${SLOT_MINUTES} from ${SLOT_MINUTES} to ${MAX_VISIT_MINUTES}`, 'durationMinutes');
  }
  if (start.getTime() % (SLOT_MINUTES * 60_000)) throw badInput(`start must be on a ${SLOT_MINUTES}-minute boundary`, 'start');
  if (start.getTime() <= now.getTime()) throw badInput('start must be in the future', 'start');
  const end = new Date(start.getTime() + durationMinutes * 60_000);
  const slots: Date[] = [];
  for (let t = start.getTime(); t < end.getTime(); t += SLOT_MINUTES * 60_000) slots.push(new Date(t));
  return { analyst, end, slots };
}

/** Whether a visit (as stored now) holds `analystId`'s calendar slot starting at `at`. */
export function holdsSlot(
  v: { status: VisitStatus; analystId: string | null; start: Date | null; end: Date | null } | null,
  analystId: string,
  at: Date,
): boolean {
  if (!v || v.analystId !== analystId || !v.start || !v.end) return false;
  if (v.status !== 'SCHEDULED' && v.status !== 'VISITED' && v.status !== 'CLOSED') return false;
  return new Date(v.start).getTime() <= at.getTime() && at.getTime() < new Date(v.end).getTime();
}

export function decideEngineeringRecord(status: VisitStatus, r: { findings: string; actions: string; equipmentUsed?: EquipmentUsed[] | null }) {
  if (status !== 'SCHEDULED') throw illegal(status, 'given an engineering-service record', ['SCHEDULED']);
  const equipmentUsed = validateEquipmentUsed(r.equipmentUsed ?? []);
  const findings = r.findings.trim();
  const actions = r.actions.trim();
  if (findings.length < 3 || findings.length > 2000) throw badInput('findings must have 3 to 2000 characters', 'findings');
  if (actions.length < 3 || actions.length > 2000) throw badInput('actions must have 3 to 2000 characters', 'actions');
  return { findings, actions, equipmentUsed };
}

/** The quality-control call closes the visit; NOT_OK raises a damage ticket, so it names the service and a reference phone. */
export function decideQualityCall(
  status: VisitStatus,
  q: { outcome: 'OK' | 'NOT_OK'; notes?: string | null; service?: DamagedService | null; referencePhone?: string | null },
): { raiseTicket: boolean; notes: string | null } {
  if (status !== 'VISITED') throw illegal(status, 'given its quality-control call', ['VISITED']);
  const notes = q.notes?.trim() || null;
  if (notes && notes.length > 2000) throw badInput('notes must have at most 2000 characters', 'notes');
  const raiseTicket = q.outcome === 'NOT_OK';
  if (raiseTicket && (!q.service || !q.referencePhone)) throw badInput('a NOT_OK call needs the damaged service and a reference phone', 'service');
  return { raiseTicket, notes };
}
