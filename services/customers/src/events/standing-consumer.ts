import type { EventHandler, Handlers, Logger } from '@vinculo/common';
import type { CustomerRepository } from '../store/customer.repository';
import type { EligibilityRepository } from '../store/eligibility.repository';
import { applyAccountStanding } from '../application/eligibility';

/**
 * The collections-standing read model behind eligibility: collections.AccountStandingChanged
 * replaces the account's standing (never with an older one), scoped to the event's tenant
 * (application/eligibility.ts).
 */
export function standingReactions(customers: CustomerRepository, eligibility: EligibilityRepository, logger: Logger): Handlers {
  const standingChanged: EventHandler<'collections.AccountStandingChanged'> = async (e) => {
    const d = e.data;
    const next = {
      billingAccountId: d.billingAccountId,
      accountNumber: d.accountNumber ?? null,
      standing: d.standing,
      overdueAmount: d.standing === 'OVERDUE' ? d.overdueAmount : 0,
      currency: d.currency,
      since: new Date(d.since),
    };
    if (!(await applyAccountStanding({ customers, eligibility }, e.tenantId, d.customerId, next))) {
      logger.warn({ eventId: e.id, customerId: d.customerId, tenantId: e.tenantId }, 'account standing of a customer this tenant does not have; ignored');
    }
  };
  return { 'collections.AccountStandingChanged': standingChanged };
}
