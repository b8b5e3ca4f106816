import { authorize, DomainError, notFound, updateVersioned, businessNow, tenantCalendar, type RequestContext } from '@vinculo/common';
import type { ResolverDeps } from './deps';
import type { OpportunityDoc } from '../store/opportunity.model';
import { execute, type OpportunityCommand, type OpportunityState } from '../domain/opportunity';
import { localDay } from '../domain/business-days';
import { complianceDueOn } from '../domain/work-queues';
import { integrationEvents } from '../events/opportunity-events';
import { policy, type ProposalsAction } from '../policy';

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
 * Run one command on an opportunity: authorise, load it at the version the caller saw, decide with the
 * pure state machine (today in the tenant's time zone), and write the new state with its events in
 * one versioned update. A stale `expectedVersion` → CONFLICT.
 */
export async function changeOpportunity(
  deps: ResolverDeps,
  ctx: RequestContext,
  action: ProposalsAction,
  input: { opportunityId: string; expectedVersion: number },
  command: (doc: OpportunityDoc, currency: string) => OpportunityCommand,
): Promise<{ opportunity: OpportunityDoc }> {
  const { principal } = ctx;
  authorize(policy, action, principal);
  const key = { _id: input.opportunityId, tenantId: principal.tenantId };
  const current = await deps.opportunities.findOne(key).lean<OpportunityDoc>();
  if (!current) throw notFound('Opportunity', input.opportunityId);
  if (current.version !== input.expectedVersion) {
    throw new DomainError('stale_version', `Opportunity ${current._id} is at version ${current.version}, not ${input.expectedVersion}; reload and retry`);
  }
  const tenant = await deps.tenantPolicy.policyFor(principal.tenantId);
  const now = businessNow(principal.tenantId);
  const { events, state } = execute(current, command(current, current.currency), { by: principal.userId, at: now, today: localDay(now, tenant.timeZone), calendar: tenantCalendar(tenant) });
  const envelopes = integrationEvents(current, state, events, principal, now);
  const updated = await updateVersioned(deps.opportunities, key, current.version, { $set: { ...stateOf(state), complianceDueOn: complianceDueOn(state) } }, envelopes);
  if (envelopes.length) deps.published();
  return { opportunity: updated };
}
