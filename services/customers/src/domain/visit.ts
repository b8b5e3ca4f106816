import { badInput, forbidden, wrongState, ruleViolated, type Principal } from '@vinculo/common';
import { localDay } from './calendar';
import { optionalText, requiredText } from './text';
import { validGeoPoint, type GeoPoint } from './address';
import type { EmployeeState } from './employee';

export type VisitStatus = 'SCHEDULED' | 'DONE' | 'CANCELLED';

export interface Interval {
  startsAt: Date;
  endsAt: Date;
}

export const MIN_VISIT_MINUTES = 5;
export const MAX_VISIT_HOURS = 12;

/**
 * A visit's time: ends after it starts, lasts 5 minutes to 12 hours, and starts and ends on the same
 * calendar day of the tenant's time zone (the day it is booked under). Returns that day.
 */
export function validVisitTime(interval: Interval, timeZone: string): string {
  const minutes = (interval.endsAt.getTime() - interval.startsAt.getTime()) / 60_000;
  if (minutes <= 0) throw badInput('endsAt must be after startsAt', 'endsAt');
  if (minutes < MIN_VISIT_MINUTES || minutes > MAX_VISIT_HOURS * 60) {
    throw badInput(`a visit lasts ${MIN_VISIT_MINUTES} minutes to ${MAX_VISIT_HOURS} hours`, 'endsAt');
  }
  const day = localDay(interval.startsAt, timeZone);
  // The end instant itself is exclusive: a visit until 00:00 still belongs to the day it started.
  if (localDay(new Date(interval.endsAt.getTime() - 1), timeZone) !== day) {
    throw badInput(`a visit starts and ends on the same day (${timeZone})`, 'endsAt');
  }
  return day;
}

export interface VisitDetailsInput {
  customerId?: string | null;
  prospectCompany?: string | null;
  personToInterview?: string | null;
  location: string;
  coordinates?: GeoPoint | null;
  notes?: string | null;
}

export interface VisitDetails {
  customerId: string | null;
  prospectCompany: string | null;
  personToInterview: string | null;
  location: string;
  coordinates: GeoPoint | null;
  notes: string | null;
}

/** Who and where: a registered customer or a prospect company (exactly one), a location, notes. */
export function validVisitDetails(input: VisitDetailsInput): VisitDetails {
  const customerId = input.customerId?.trim() || null;
  const prospectCompany = optionalText(input.prospectCompany, 'prospectCompany', 2, 200);
  if (!customerId === !prospectCompany) throw badInput('give either customerId or prospectCompany', 'customerId');
  return {
    customerId,
    prospectCompany,
    personToInterview: optionalText(input.personToInterview, 'personToInterview', 2, 120),
    location: requiredText(input.location, 'location', 3, 300),
    coordinates: validGeoPoint(input.coordinates),
    notes: optionalText(input.notes, 'notes', 1, 2000),
  };
}

const VISITORS = ['ACCOUNT_EXECUTIVE', 'SALES_TEAM_LEAD'] as const;

/** Whose schedule the caller may touch: their own, or (a SALES_TEAM_LEAD) their team members'; FORBIDDEN otherwise. */
export function decideScheduleManager(principal: Principal, executive: EmployeeState): void {
  const own = principal.userId === executive.employeeId;
  const lead = principal.roles.includes('SALES_TEAM_LEAD') && executive.teamLeadId === principal.userId;
  if (!own && !lead) throw forbidden(`you may not manage ${executive.employeeId}'s visits`);
}

/** R-CUS-VS1 — a visit is booked for an active account executive or team lead. */
export function requireVisitor(executive: EmployeeState): void {
  if (!executive.active) throw ruleViolated('R-CUS-VS1', `employee ${executive.employeeId} is not active`);
  if (!executive.roles.some((r) => (VISITORS as readonly string[]).includes(r))) {
    throw ruleViolated('R-CUS-VS1', `employee ${executive.employeeId} is not an account executive or team lead`);
  }
}

export const overlaps = (a: Interval, b: Interval): boolean => a.startsAt < b.endsAt && b.startsAt < a.endsAt;

/** A booking of a visit's time in its executive's day agenda. */
export interface Slot extends Interval {
  visitId: string;
  reservedAt: Date;
}

/** What the agenda needs to know about the visit behind a slot. */
export interface BookedVisit extends Interval {
  status: VisitStatus;
}

/** How long a slot whose visit is not (yet) written holds its time: the write follows within ms. */
export const SLOT_LEASE_MS = 60_000;

/**
 * Whether a slot still holds its time. The agenda slot is written first, then the visit: a slot
 * counts when its visit is SCHEDULED or DONE at exactly that time, or while its lease runs (the
 * visit is being written). A crash between the two writes, a cancellation or a rescheduling thus
 * never leaves time blocked for longer than the lease.
 */
export function slotHolds(slot: Slot, visit: BookedVisit | null, now: Date): boolean {
  if (visit && visit.status !== 'CANCELLED' && +visit.startsAt === +slot.startsAt && +visit.endsAt === +slot.endsAt) return true;
  return now.getTime() - slot.reservedAt.getTime() < SLOT_LEASE_MS;
}

/** Slots of other visits overlapping `wanted`: candidates for a conflict (their liveness is checked next). */
export const overlappingSlots = (slots: Slot[], wanted: Slot): Slot[] => slots.filter((s) => s.visitId !== wanted.visitId && overlaps(s, wanted));

/** A status move of a visit, with its audit entry. */
export function decideVisitMove(status: VisitStatus, to: 'DONE' | 'CANCELLED' | 'RESCHEDULED'): void {
  if (status !== 'SCHEDULED') throw wrongState({ entity: 'visit', current: status, act: `be ${to.toLowerCase()}`, allowedFrom: ['SCHEDULED'] });
}

/** R-CUS-VS2 — an outcome is recorded once the visit has started. */
export function decideOutcome(visit: { status: VisitStatus; startsAt: Date }, outcome: string, now: Date): string {
  decideVisitMove(visit.status, 'DONE');
  const text = requiredText(outcome, 'outcome', 2, 2000);
  if (visit.startsAt > now) throw ruleViolated('R-CUS-VS2', 'the visit has not started yet');
  return text;
}
