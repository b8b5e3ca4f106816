import { SYSTEM_ACTOR, type EventHandler, type Handlers, type Logger } from '@vinculo/common';
import { applyStanding } from '../domain/eligibility';
import type { CustomerRepository } from '../store/customer.repository';
import type { EligibilityRepository } from '../store/eligibility.repository';
import { changeEligibility } from './eligibility-change';

/**
 * The collections-standing read model behind eligibility: collections.AccountStandingChanged
 * replaces the account's standing (never with an older one), scoped to the event's tenant.
 * Idempotent by construction: re-applying a standing already known changes nothing.
 */
export function standingReactions(customers: CustomerRepository, eligibility: EligibilityRepository, logger: Logger): Handlers {
  const standingChanged: EventHandler<'collections.AccountStandingChanged'> = async (e) => {
    const d = e.data;
    if (!(await customers.find(e.tenantId, d.customerId))) {
      logger.warn({ eventId: e.id, customerId: d.customerId, tenantId: e.tenantId }, 'account standing of a customer this tenant does not have; ignored');
      return;
    }
    const next = { billingAccountId: d.billingAccountId, accountNumber: d.accountNumber ?? null, standing: d.standing, overdueAmount: d.standing === 'OVERDUE' ? d.overdueAmount : 0, currency: d.currency, since: new Date(d.since) };
    await changeEligibility(eligibility, { tenantId: e.tenantId, actor: SYSTEM_ACTOR }, d.customerId, (state) => {
      const standings = applyStanding(state.standings, next);
      return standings ? { next: { impediments: state.impediments, standings }, events: () => [] } : null;
    });
  };
  return { 'collections.AccountStandingChanged': standingChanged };
}
