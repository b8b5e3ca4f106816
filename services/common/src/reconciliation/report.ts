import type { Principal, Role } from '../auth/roles';
import { badInput, DomainError, forbidden } from '../errors/codes';
import type { EventFault, FaultKind } from '../kafka/faults';

/**
 * The reconciliation report (revenue assurance, issue #12): an entity keyed by tenant and cutoff
 * that every subgraph extends with its own facts (fields named after the producer) and its own
 * section (a field named after the subgraph). A section that checks another subgraph's facts gets
 * them through the gateway (@requires), so no subgraph ever reads another's database.
 */

/** Who may read the report (each subgraph's policy table gives its `readReconciliation` these roles). */
export const RECONCILIATION_READERS: readonly Role[] = ['ADMIN', 'COMMERCIAL_DIRECTOR'];

/** The report's key as a subgraph holds it, with the facts the gateway carried (@requires) beside it. */
export interface ReconciliationRef {
  tenantId: string;
  cutoff: Date;
  [required: string]: unknown;
}

/** A producer's fact, parsed: an order, subscription, request or charge as its owner knows it. */
export interface ReconciliationFact {
  id: string;
  kind: string | null;
  customerId: string | null;
  status: string | null;
  ref: string | null;
  items: string[];
  /** When it happened in its owner: facts after the report's cutoff are work in flight. */
  at: Date;
}

/** An invariant that does not hold. */
export interface Discrepancy {
  invariant: string;
  entityIds: string[];
  since: Date;
  detail: string;
}

export interface EventFaultView {
  id: string;
  kind: FaultKind;
  eventId: string | null;
  type: string | null;
  source: string;
  reason: string;
  since: Date;
  attempts: number;
}

export interface ReconciliationSectionView {
  subgraph: string;
  discrepancies: Discrepancy[];
  faults: EventFaultView[];
}

function parseInstant(value: unknown): Date {
  const d = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : null;
  if (!d || Number.isNaN(d.getTime())) throw badInput('cutoff must be an ISO date-time', 'cutoff');
  return d;
}

/**
 * The report's key as the caller may read it: the caller's own tenant only (FORBIDDEN otherwise),
 * whatever the representation says; the cutoff parsed (representations carry it as a string).
 * Role checks stay in each subgraph's policy table (`readReconciliation`).
 */
export function reconciliationScope(ref: { tenantId?: unknown; cutoff?: unknown; [k: string]: unknown }, principal: Principal): ReconciliationRef {
  if (typeof ref.tenantId !== 'string' || ref.tenantId !== principal.tenantId) {
    throw forbidden('A reconciliation report is read only for the caller’s own tenant');
  }
  return { ...ref, tenantId: ref.tenantId, cutoff: parseInstant(ref.cutoff) };
}

/**
 * R-REC-1 The facts a section checks, as the gateway carried them from their producer. Missing facts
 * (the producer failed or did not answer) fail the section: a check is never passed on no data.
 */
export function requiredFacts(parent: ReconciliationRef, field: string, producer: string): ReconciliationFact[] {
  const raw = parent[field];
  if (!Array.isArray(raw)) {
    throw new DomainError('rule_violated', `The facts ${field} from ${producer} are not available: the section cannot be checked (is ${producer} up?)`, {
      rule: 'R-REC-1',
      producer,
    });
  }
  return raw.map((f: Record<string, unknown>) => ({
    id: String(f.id),
    kind: typeof f.kind === 'string' ? f.kind : null,
    customerId: typeof f.customerId === 'string' ? f.customerId : null,
    status: typeof f.status === 'string' ? f.status : null,
    ref: typeof f.ref === 'string' ? f.ref : null,
    items: Array.isArray(f.items) ? f.items.map(String) : [],
    at: parseInstant(f.at),
  }));
}

/** Settled = happened at or before the cutoff; later facts are work still in flight. */
export const settled = (at: Date, cutoff: Date): boolean => at.getTime() <= cutoff.getTime();

/** A fault as the report shows it. */
export const faultView = (f: EventFault): EventFaultView => ({
  id: f._id,
  kind: f.kind,
  eventId: f.eventId,
  type: f.type,
  source: f.source,
  reason: f.reason,
  since: f.since,
  attempts: f.attempts,
});

/** One subgraph's section: discrepancies oldest first (then by invariant and ids), faults settled by the cutoff. */
export function reconciliationSection(subgraph: string, cutoff: Date, discrepancies: Discrepancy[], faults: EventFault[]): ReconciliationSectionView {
  const key = (d: Discrepancy) => `${d.invariant}|${d.entityIds.join(',')}`;
  return {
    subgraph,
    discrepancies: [...discrepancies].sort((a, b) => a.since.getTime() - b.since.getTime() || key(a).localeCompare(key(b))),
    faults: faults.filter((f) => settled(f.since, cutoff)).map(faultView),
  };
}
