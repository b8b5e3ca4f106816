import { startOfLocalDay } from '@vinculo/common';
import type { OpportunityState } from './opportunity';

/**
 * What "due" means in the proposals queues (issue #15, seed 004):
 * - a lead of a company that is not a customer yet is due for qualification from its registration
 *   (004 step 1 sets no deadline: the longest-waiting lead first);
 * - a proposal under compliance review is due when its committed delivery day starts (R-PRO-5:
 *   compliance receives it at least one business day before, to approve it before delivery).
 */

/** The committed delivery day of the version under review while compliance has it; null otherwise. */
export function complianceDueOn(state: Pick<OpportunityState, 'status' | 'proposals'>): string | null {
  if (state.status !== 'IN_COMPLIANCE_REVIEW') return null;
  return state.proposals.at(-1)?.committedDeliveryDate ?? null;
}

/** The compliance review's due time: the start of the delivery day in the tenant's zone. */
export const complianceDueAt = (dueOn: string | null | undefined, timeZone: string): Date | null => (dueOn ? startOfLocalDay(dueOn, timeZone) : null);
