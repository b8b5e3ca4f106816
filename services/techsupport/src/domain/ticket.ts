import { badInput, DomainError, type StatusChangeDoc } from '@vinculo/common';
import { illegalTransition } from './transition';
import { raisePriority, type Priority } from './work-order';

/** UNSPECIFIED: not known yet (a problem found in a loyalty call); the coordinator triages it. */
export type DamagedService = 'LINE' | 'TV' | 'INTERNET' | 'UNSPECIFIED';
export type TicketStatus = 'WITH_COORDINATOR' | 'IN_REMOTE_DIAGNOSIS' | 'DISPATCHED' | 'CLOSED_RESOLVED' | 'CLOSED_UNFOUNDED' | 'CLOSED_UNRESOLVED';
export const OPEN_TICKET: readonly TicketStatus[] = ['WITH_COORDINATOR', 'IN_REMOTE_DIAGNOSIS', 'DISPATCHED'];

export interface TicketInput {
  service: DamagedService;
  cause: string;
  address: string;
  referencePhone: string | null;
}

/**
 * Validate what a registration needs: cause, address and a reference phone. A ticket opened from an
 * event (a loyalty call) may lack the phone: the coordinator confirms it with the customer.
 */
export function validateTicketInput(i: TicketInput, phoneRequired = true): TicketInput {
  const cause = i.cause.trim().replace(/\s+/g, ' ');
  if (cause.length < 3 || cause.length > 500) throw badInput('cause must have 3 to 500 characters', 'cause');
  const address = i.address.trim().replace(/\s+/g, ' ');
  if (address.length < 5 || address.length > 300) throw badInput('address must have 5 to 300 characters', 'address');
  const referencePhone = i.referencePhone?.replace(/[\s-]/g, '') || null;
  if (referencePhone === null ? phoneRequired : !/^\+?\d{6,15}$/.test(referencePhone))
    throw badInput('referencePhone must have 6 to 15 digits', 'referencePhone');
  return { service: i.service, cause, address, referencePhone };
}

/** Triage (§3 E): line and TV (and a service not known yet) go to the technical coordinator; internet to the analyst's remote diagnosis. */
export function triage(service: DamagedService): TicketStatus {
  return service === 'INTERNET' ? 'IN_REMOTE_DIAGNOSIS' : 'WITH_COORDINATOR';
}

export interface PreviousTicket {
  _id: string;
  status: TicketStatus;
  cause: string;
  priority: Priority;
  /** The status of its work order, if dispatched. */
  workOrderStatus: string | null;
}

export type Registration =
  | { kind: 'FOLLOW_UP'; ticketId: string; sameDayVisit: boolean }
  | { kind: 'REITERATE'; reiteratedFrom: string; cause: string; priority: Priority; status: TicketStatus }
  | { kind: 'CREATE'; priority: Priority; status: TicketStatus };

/**
 * R-TS-E1: the customer's latest ticket for the product decides. Still open → no new ticket: it is
 * followed up, and when its work order is ASSIGNED a same-day visit is coordinated. Closed
 * UNRESOLVED → a new ticket reiterating the same cause, priority raised one level (escalated with the
 * operations center). Otherwise (none, or closed resolved/unfounded) → a new ticket, NORMAL.
 */
export function decideRegistration(latest: PreviousTicket | null, input: TicketInput): Registration {
  if (latest && OPEN_TICKET.includes(latest.status)) {
    return { kind: 'FOLLOW_UP', ticketId: latest._id, sameDayVisit: latest.workOrderStatus === 'ASSIGNED' };
  }
  if (latest && latest.status === 'CLOSED_UNRESOLVED') {
    return { kind: 'REITERATE', reiteratedFrom: latest._id, cause: latest.cause, priority: raisePriority(latest.priority), status: triage(input.service) };
  }
  return { kind: 'CREATE', priority: 'NORMAL', status: triage(input.service) };
}

export interface DiagnosisInput {
  outages: boolean;
  noService: boolean;
  wifiCoverageOk: boolean;
  devices: number;
  contractedMbps?: number | null;
  measuredMbps?: number | null;
  amplifiers: number;
  routerOk: boolean;
  notes?: string | null;
}

const illegal = (status: string, what: string, allowedFrom: readonly TicketStatus[]) => illegalTransition('damage ticket', status, what, allowedFrom);

/** The analyst's remote diagnosis: only of an internet ticket in remote diagnosis; counts and speeds sane. */
/** The remote diagnosis as recorded on the ticket. */
export type RemoteDiagnosis = ReturnType<typeof decideDiagnosis>;

export function decideDiagnosis(status: TicketStatus, d: DiagnosisInput, by: string, at: Date) {
  if (status !== 'IN_REMOTE_DIAGNOSIS') throw illegal(status, 'diagnosed remotely', ['IN_REMOTE_DIAGNOSIS']);
  for (const f of ['devices', 'amplifiers'] as const) {
    if (!Number.isInteger(d[f]) || d[f] < 0 || d[f] > 1000) throw badInput(`${f} must be an integer from 0 to 1000`, f);
  }
  for (const f of ['contractedMbps', 'measuredMbps'] as const) {
    const v = d[f];
    if (v != null && (!Number.isFinite(v) || v < 0 || v > 100_000)) throw badInput(`${f} must be from 0 to 100000`, f);
  }
  const notes = d.notes?.trim() || null;
  if (notes && notes.length > 2000) throw badInput('notes must have at most 2000 characters', 'notes');
  return { ...d, contractedMbps: d.contractedMbps ?? null, measuredMbps: d.measuredMbps ?? null, notes, by, at };
}

/** Solved remotely → CLOSED_UNFOUNDED, only after a diagnosis and only once the customer confirms. */
export function decideRemoteResolution(t: { status: TicketStatus; hasDiagnosis: boolean }, customerConfirmed: boolean, notes: string, by: string, at: Date) {
  if (t.status !== 'IN_REMOTE_DIAGNOSIS') throw illegal(t.status, 'resolved remotely', ['IN_REMOTE_DIAGNOSIS']);
  if (!t.hasDiagnosis) throw new DomainError('rule_violated', 'record the remote diagnosis before resolving remotely', {});
  if (!customerConfirmed) throw new DomainError('rule_violated', 'the customer has not confirmed the service works: dispatch the ticket instead', {});
  const n = notes.trim();
  if (n.length < 3 || n.length > 2000) throw badInput('notes must have 3 to 2000 characters', 'notes');
  const history: StatusChangeDoc = { from: t.status, to: 'CLOSED_UNFOUNDED', by, at, note: n };
  return { set: { status: 'CLOSED_UNFOUNDED' as TicketStatus, closedAt: at }, history };
}

/** Dispatch to the field (USM): from the coordinator, or from remote diagnosis when not solved remotely. */
export function decideDispatch(status: TicketStatus, by: string, at: Date, notes: string | null): { set: { status: TicketStatus }; history: StatusChangeDoc } {
  if (status !== 'WITH_COORDINATOR' && status !== 'IN_REMOTE_DIAGNOSIS') throw illegal(status, 'dispatched', ['WITH_COORDINATOR', 'IN_REMOTE_DIAGNOSIS']);
  const note = notes?.trim() || null;
  if (note && note.length > 500) throw badInput('notes must have at most 500 characters', 'notes');
  return { set: { status: 'DISPATCHED' }, history: { from: status, to: 'DISPATCHED', by, at, note } };
}

/** The REPAIR work order closed: the ticket closes with its outcome. */
export function ticketClosedByWorkOrder(
  status: TicketStatus,
  outcome: 'CLOSED_RESOLVED' | 'CLOSED_UNFOUNDED' | 'CLOSED_UNRESOLVED',
  at: Date,
): { set: { status: TicketStatus; closedAt: Date }; history: StatusChangeDoc } | null {
  if (status !== 'DISPATCHED') return null;
  return { set: { status: outcome, closedAt: at }, history: { from: status, to: outcome, by: 'system', at, note: 'work order closed' } };
}
