import { businessNow, type Principal, runCommand, tenantCalendar } from '@vinculo/common';
import type { OpportunityDoc } from '../store/opportunity.model';
import { execute, type OpportunityCommand, type OpportunityState } from '../domain/opportunity';
import { localDay } from '../domain/business-days';
import { complianceDueOn } from '../domain/work-queues';
import { integrationEvents } from './opportunity-events';
import type { ProposalsDeps } from './deps';

/** The parts of the document the state machine owns (what a change rewrites). */
const stateOf = (s: OpportunityState): OpportunityState => ({
  status: s.status,
  requirementType: s.requirementType,
  currency: s.currency,
  administrativeValidation: s.administrativeValidation,
  technicalValidation: s.technicalValidation,
  contributions: s.contributions,
  partnerQuotes: s.partnerQuotes,
  businessCase: s.businessCase,
  proposals: s.proposals,
  wonAt: s.wonAt,
  loss: s.loss,
  agreements: s.agreements,
  history: s.history,
});

/**
 * Run one command on an opportunity (kit runCommand): load it at the version the caller saw, decide
 * with the pure state machine (today in the tenant's time zone), and write the new state with its
 * integration events in one versioned update. A stale `expectedVersion` → CONFLICT; unknown → NOT_FOUND.
 * `command` builds the act from the opportunity as loaded (amounts are in its currency).
 */
export async function changeOpportunity(
  deps: ProposalsDeps,
  principal: Principal,
  input: { opportunityId: string; expectedVersion: number },
  command: (doc: OpportunityDoc) => OpportunityCommand,
): Promise<OpportunityDoc> {
  const tenant = await deps.tenantPolicy.policyFor(principal.tenantId);
  const now = businessNow(principal.tenantId);
  const { doc } = await runCommand({
    model: deps.opportunities,
    what: 'Opportunity',
    tenantId: principal.tenantId,
    id: input.opportunityId,
    concurrency: { expectedVersion: input.expectedVersion },
    published: deps.published,
    decide: (current) => {
      const { events, state } = execute(current, command(current), {
        by: principal.userId,
        at: now,
        today: localDay(now, tenant.timeZone),
        calendar: tenantCalendar(tenant),
      });
      return {
        update: { $set: { ...stateOf(state), complianceDueOn: complianceDueOn(state) } },
        events: integrationEvents(current, state, events, principal, now),
      };
    },
  });
  return doc;
}
