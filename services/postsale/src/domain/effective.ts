import type { InstalledProductStatus } from './installed-product';
import type { LocalDate } from './dates';

/**
 * Effective dates (issue 13): a product's changes are entered ahead of time (a suspension from next
 * week, a reconnection dated in 7 days, a plan from next month) and apply from their effective date.
 * What the product IS on a day — its status, its suspension, its plan and fee — is read here from
 * the dated facts, never from the last change entered. Status, billing and every rule ask about the
 * day they care about (the tenant's business today for "now"); changes dated later are scheduled.
 */

export interface DatedSuspension {
  requestId: string;
  startDate: LocalDate;
  endDate: LocalDate;
}

export interface DatedChange {
  kind: string;
  from: string | null;
  to: string | null;
  effectiveDate: LocalDate;
  /** PLAN_CHANGED: the fees before and after (minor units), absent on changes stored before they were kept. */
  fromFeeMinor?: number | null;
  toFeeMinor?: number | null;
}

export interface DatedProduct {
  /** The lifecycle as last entered: only WITHDRAWN is final (a withdrawal applies on the day it is entered). */
  status: InstalledProductStatus;
  suspensions: DatedSuspension[];
  planCode: string;
  monthlyFeeMinor: number;
  changes: DatedChange[];
}

/** The suspension in force on `day`, if any. */
export const suspensionOn = (p: Pick<DatedProduct, 'suspensions'>, day: LocalDate): DatedSuspension | null =>
  // A range with its end before its start (cancelled before it began) matches no day.
  (p.suspensions ?? []).find((s) => s.startDate <= day && day <= s.endDate) ?? null;

/** The suspension in force on `day`, else the next one to start: what a reconnection changes. */
export function currentOrNextSuspension(p: Pick<DatedProduct, 'suspensions'>, day: LocalDate): DatedSuspension | null {
  const ahead = (p.suspensions ?? []).filter((s) => s.endDate >= day && s.endDate >= s.startDate).sort((a, b) => a.startDate.localeCompare(b.startDate));
  return ahead[0] ?? null;
}

/** The status in force on `day`: WITHDRAWN once withdrawn, SUSPENDED within a suspension's dates, else ACTIVE. */
export function statusOn(p: Pick<DatedProduct, 'status' | 'suspensions'>, day: LocalDate): InstalledProductStatus {
  if (p.status === 'WITHDRAWN') return 'WITHDRAWN';
  return suspensionOn(p, day) ? 'SUSPENDED' : 'ACTIVE';
}

/**
 * The plan and fee in force on `day`. The stored plan is the last one entered; a plan change dated
 * after `day` is not in force yet, so the plan is what that change replaces (its `from` and fee).
 */
export function planOn(p: Pick<DatedProduct, 'planCode' | 'monthlyFeeMinor' | 'changes'>, day: LocalDate): { planCode: string; monthlyFeeMinor: number } {
  const later = (p.changes ?? [])
    .filter((c) => c.kind === 'PLAN_CHANGED' && c.effectiveDate > day)
    .sort((a, b) => a.effectiveDate.localeCompare(b.effectiveDate));
  const first = later[0];
  if (!first || !first.from) return { planCode: p.planCode, monthlyFeeMinor: p.monthlyFeeMinor };
  return { planCode: first.from, monthlyFeeMinor: first.fromFeeMinor ?? p.monthlyFeeMinor };
}

/** The changes entered but dated after `day`, soonest first: what the product will become. */
export const scheduledChanges = <C extends DatedChange>(p: { changes: C[] }, day: LocalDate): C[] =>
  (p.changes ?? []).filter((c) => c.effectiveDate > day).sort((a, b) => a.effectiveDate.localeCompare(b.effectiveDate));

/** Two date ranges share at least one day (a suspension cancelled before it started is an empty range: it shares none). */
export const overlaps = (a: { startDate: LocalDate; endDate: LocalDate }, b: { startDate: LocalDate; endDate: LocalDate }): boolean =>
  a.startDate <= a.endDate && b.startDate <= b.endDate && a.startDate <= b.endDate && b.startDate <= a.endDate;
