import { conflict, money, notFound } from '@vinculo/common';
import { optionalText, requiredText } from './text';

/** Kinds of the impediments registry (DOMAIN.md §2 step 2). */
export type ImpedimentKind = 'RISK_REGISTRY' | 'EQUIPMENT_PENDING_RETURN' | 'OTHER';
export const IMPEDIMENT_KINDS: readonly ImpedimentKind[] = ['RISK_REGISTRY', 'EQUIPMENT_PENDING_RETURN', 'OTHER'];
export type EligibilityReasonKind = ImpedimentKind | 'OVERDUE_DEBT';

/** One entry of the impediments registry; cleared entries stay (the history). */
export interface Impediment {
  id: string;
  kind: ImpedimentKind;
  reason: string;
  detail: string | null;
  markedBy: string;
  markedAt: Date;
  clearedBy: string | null;
  clearedAt: Date | null;
  clearReason: string | null;
}

/** A billing account's standing as collections last reported it (collections.AccountStandingChanged). */
export interface AccountStanding {
  billingAccountId: string;
  /** The business number the customer knows (BA-…); null from events published before it was carried. */
  accountNumber?: string | null;
  standing: 'UP_TO_DATE' | 'OVERDUE';
  /** Minor units of `currency`. */
  overdueAmount: number;
  currency: string;
  since: Date;
}

export interface EligibilityReason {
  kind: EligibilityReasonKind;
  detail: string;
  since: Date;
}

export interface Eligibility {
  eligible: boolean;
  reasons: EligibilityReason[];
}

/**
 * R-DIG-1 impediment check: a customer is eligible (for a digital sale; for post-sale requests that
 * need the account up to date, R-PS-D1) when no impediment of the registry is active and no billing
 * account is OVERDUE. Reasons are ordered by `since`, then kind, so equal inputs give equal results.
 */
export function impedimentCheck(impediments: readonly Impediment[], standings: readonly AccountStanding[]): Eligibility {
  const reasons: EligibilityReason[] = [
    ...impediments.filter((i) => !i.clearedAt).map((i) => ({ kind: i.kind, detail: i.detail ?? i.reason, since: new Date(i.markedAt) })),
    ...standings
      .filter((s) => s.standing === 'OVERDUE')
      .map((s) => ({
        kind: 'OVERDUE_DEBT' as const,
        detail: `billing account ${s.accountNumber ?? s.billingAccountId} overdue: ${money(s.overdueAmount, s.currency).amount} ${s.currency}`,
        since: new Date(s.since),
      })),
  ].sort((a, b) => a.since.getTime() - b.since.getTime() || a.kind.localeCompare(b.kind) || a.detail.localeCompare(b.detail));
  return { eligible: reasons.length === 0, reasons };
}

/** Whether two eligibility results say the same (customers.EligibilityChanged is published only on a change). */
export function sameEligibility(a: Eligibility, b: Eligibility): boolean {
  const key = (e: Eligibility) => JSON.stringify([e.eligible, e.reasons.map((r) => [r.kind, r.detail, new Date(r.since).toISOString()])]);
  return key(a) === key(b);
}

export interface MarkInput {
  kind: ImpedimentKind;
  reason: string;
  detail?: string | null;
}

/** Mark an impediment; R-CUS-EL1: one active impediment per kind (again → CONFLICT). */
export function decideMark(impediments: readonly Impediment[], input: MarkInput, id: string, by: string, at: Date): Impediment {
  const reason = requiredText(input.reason, 'reason', 3, 500);
  const detail = optionalText(input.detail, 'detail', 1, 500);
  if (impediments.some((i) => i.kind === input.kind && !i.clearedAt)) {
    throw conflict(`the customer already has an active ${input.kind} impediment`, { rule: 'R-CUS-EL1' });
  }
  return { id, kind: input.kind, reason, detail, markedBy: by, markedAt: at, clearedBy: null, clearedAt: null, clearReason: null };
}

/** Clear an active impediment with its reason; R-CUS-EL1: a cleared one stays and cannot be cleared again. */
export function decideClear(impediments: readonly Impediment[], id: string, reason: string, by: string, at: Date): Impediment[] {
  const why = requiredText(reason, 'reason', 3, 500);
  const found = impediments.find((i) => i.id === id);
  if (!found) throw notFound('Impediment', id);
  if (found.clearedAt) throw conflict(`impediment ${id} is already cleared`, { rule: 'R-CUS-EL1' });
  return impediments.map((i) => (i.id === id ? { ...i, clearedBy: by, clearedAt: at, clearReason: why } : i));
}

/**
 * The standings after a report from collections: the account's entry replaced, unless the report is
 * older than what is known (a late redelivery never undoes a newer standing). Null: nothing changes.
 */
export function applyStanding(standings: readonly AccountStanding[], next: AccountStanding): AccountStanding[] | null {
  const current = standings.find((s) => s.billingAccountId === next.billingAccountId);
  if (current) {
    if (new Date(next.since) < new Date(current.since)) return null;
    const same =
      current.standing === next.standing &&
      current.overdueAmount === next.overdueAmount &&
      current.currency === next.currency &&
      new Date(current.since).getTime() === new Date(next.since).getTime();
    if (same) return null;
  }
  return [...standings.filter((s) => s.billingAccountId !== next.billingAccountId), next];
}
