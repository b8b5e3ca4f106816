import { daysBetween } from '@vinculo/common';

/**
 * Date deadlines other subgraphs announce, as alerts (issue #19 "SLA alerts"): a payment promise is
 * due on its promised date (the executive follows it up, R-COL-I1); a proposal's committed delivery
 * date is near (PROPOSAL_NEAR_DAYS before, 004). Days are the tenant's local days on its business clock.
 */
export type DeadlineKind = 'PROMISE' | 'PROPOSAL';

export const PROPOSAL_NEAR_DAYS = 2;

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
  return [];
}
