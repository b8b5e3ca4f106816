import { DomainError, newEnvelope, type EventEnvelope } from '@vinculo/common';
import { impedimentCheck, sameEligibility, type AccountStanding, type Impediment } from '../domain/eligibility';
import { EMPTY_ELIGIBILITY, type EligibilityRepository } from '../store/eligibility.repository';
import type { EligibilityDoc } from '../store/eligibility.model';

/** Who acts: a caller (mutation) or the system (a consumed event). */
export type Who = Parameters<typeof newEnvelope>[1];

export interface EligibilityInputs {
  impediments: Impediment[];
  standings: AccountStanding[];
}

/** A change of the inputs (null: nothing to change), with the events that say what changed. */
export type InputsChange = (state: EligibilityInputs) => { next: EligibilityInputs; events: (eligibility: EligibilityDoc | null) => EventEnvelope[] } | null;

const MAX_ATTEMPTS = 5;

/**
 * Apply a change to a customer's impediments or standings and recompute R-DIG-1 eligibility; when
 * the result differs, customers.EligibilityChanged (read by sales for R-DIG-1 and by postsale for
 * R-PS-D1) goes into the same document write. A concurrent writer makes us re-read and retry.
 */
export async function changeEligibility(repo: EligibilityRepository, who: Who, customerId: string, change: InputsChange): Promise<EligibilityDoc | null> {
  for (let attempt = 1; ; attempt++) {
    const current = await repo.find(who.tenantId, customerId);
    const state = current ?? { ...EMPTY_ELIGIBILITY };
    const decided = change({ impediments: state.impediments ?? [], standings: state.standings ?? [] });
    if (!decided) return current;
    const result = impedimentCheck(decided.next.impediments, decided.next.standings);
    const events = decided.events(current);
    if (!sameEligibility(result, { eligible: state.eligible, reasons: state.reasons ?? [] })) {
      events.push(
        newEnvelope('customers', who, {
          type: 'customers.EligibilityChanged',
          subject: customerId,
          data: { customerId, eligible: result.eligible, reasons: result.reasons.map((r) => ({ ...r, since: r.since.toISOString() })) },
        }),
      );
    }
    try {
      return await repo.save(who.tenantId, customerId, current, { ...decided.next, ...result }, events);
    } catch (err) {
      if (err instanceof DomainError && err.kind === 'stale_version' && attempt < MAX_ATTEMPTS) continue;
      throw err;
    }
  }
}
