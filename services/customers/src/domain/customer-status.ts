import { badInput, wrongState } from '@vinculo/common';
import type { CustomerStatus } from './customer';

/**
 * What moves a customer's status (DOMAIN.md "Customer"): driven by other subgraphs' events, which the
 * consumers of a later step translate into these triggers (the seam for eligibility and churn).
 */
export type StatusTrigger =
  /** First activated sales order or won opportunity. */
  | { kind: 'ACTIVATED' }
  /** No product in service any more, without withdrawal (e.g. every product suspended). */
  | { kind: 'WENT_INACTIVE' }
  /** Every subscription withdrawn: disaffiliation, with its reason (churn analysis). */
  | { kind: 'CHURNED'; reason: string };

const NEXT: Record<StatusTrigger['kind'], { from: CustomerStatus[]; to: CustomerStatus }> = {
  ACTIVATED: { from: ['PROSPECT', 'INACTIVE', 'CHURNED'], to: 'ACTIVE' },
  WENT_INACTIVE: { from: ['ACTIVE'], to: 'INACTIVE' },
  CHURNED: { from: ['ACTIVE', 'INACTIVE'], to: 'CHURNED' },
};

/**
 * The status a trigger leads to: PROSPECT → ACTIVE → INACTIVE / CHURNED, back to ACTIVE on a new
 * activation. Null when the customer is already there (a redelivered event changes nothing);
 * FAILED_PRECONDITION when the move is illegal (a prospect cannot churn).
 */
export function decideStatusChange(current: CustomerStatus, trigger: StatusTrigger): { to: CustomerStatus; note: string | null } | null {
  const rule = NEXT[trigger.kind];
  if (current === rule.to) return null;
  if (!rule.from.includes(current)) {
    throw wrongState({ entity: 'customer', current, act: `become ${rule.to}`, allowedFrom: rule.from });
  }
  if (trigger.kind === 'CHURNED') {
    const reason = trigger.reason.trim();
    if (!reason) throw badInput('a churn needs its reason', 'reason');
    return { to: rule.to, note: reason };
  }
  return { to: rule.to, note: null };
}
