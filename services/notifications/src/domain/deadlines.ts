import { daysBetween } from '@vinculo/common';

/**
 * Date deadlines other subgraphs announce, as alerts (issue #19 "SLA alerts"): a payment promise is
 * due on its promised date (the executive follows it up, R-COL-I1); a proposal's committed delivery
 * date is near (PROPOSAL_NEAR_DAYS before, 004); a PQR's answer deadline is near or past (postsale's
 * answerDueDate on postsale.PostSaleRequestStatusChanged, R-PS PQR). Days are the tenant's local days on its business clock.
 */
export type DeadlineKind = 'PROMISE' | 'PROPOSAL' | 'PQR';

export const PROPOSAL_NEAR_DAYS = 2;

/** A PQR is at risk from the day before its answer deadline (postsale's answerDueDate) and breached the day after it. */
export const PQR_AT_RISK_DAYS = 1;

export interface Deadline {
  kind: DeadlineKind;
  /** The promise or the opportunity. */
  key: string;
  dueDay: string;
  open: boolean;
}

export function deadlineAlertsDue(d: Deadline, today: string): { type: string; id: string }[] {
  if (!d.open) return [];
  const left = daysBetween(today, d.dueDay);
  if (d.kind === 'PROMISE' && left <= 0) return [{ type: 'sla.PaymentPromiseDue', id: `sla:promise:${d.key}:${d.dueDay}` }];
  if (d.kind === 'PROPOSAL' && left <= PROPOSAL_NEAR_DAYS) return [{ type: 'sla.ProposalDeliveryNear', id: `sla:proposal:${d.key}:${d.dueDay}` }];
  // Breached once the deadline day is over (postsale's slaClock: today > deadline); the at-risk alert
  // is not raised late for a PQR found already breached (one alert says it all).
  if (d.kind === 'PQR' && left < 0) return [{ type: 'sla.PqrBreached', id: `sla:pqr:${d.key}:${d.dueDay}:BREACHED` }];
  if (d.kind === 'PQR' && left <= PQR_AT_RISK_DAYS) return [{ type: 'sla.PqrAtRisk', id: `sla:pqr:${d.key}:${d.dueDay}:AT_RISK` }];
  return [];
}
