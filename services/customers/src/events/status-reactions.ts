import { PermanentEventError, type EventEnvelope, type Handlers, type Logger } from '@vinculo/common';
import type { StatusTrigger } from '../domain/customer-status';
import type { CustomerRepository } from '../store/customer.repository';
import { moveCustomerStatus } from '../application/customer-status';

/**
 * R-CUS-ST3: the customer status driven by other subgraphs' events (application/customer-status.ts).
 * An event of another tenant touches nothing; a refused move is dead-lettered with its reason.
 */
export function statusReactions(customers: CustomerRepository, logger: Logger): Handlers {
  async function move(e: EventEnvelope, customerId: string, trigger: StatusTrigger, at: string) {
    try {
      const known = await moveCustomerStatus(
        customers,
        { tenantId: e.tenantId, eventId: e.id, eventType: e.type, subject: e.subject, at },
        customerId,
        trigger,
      );
      if (!known)
        logger.warn({ eventId: e.id, type: e.type, customerId, tenantId: e.tenantId }, 'status event for a customer this tenant does not have; ignored');
    } catch (err) {
      if (err instanceof PermanentEventError) logger.warn({ eventId: e.id, type: e.type, customerId, reason: err.message }, 'status event refused');
      throw err;
    }
  }

  return {
    'sales.SalesOrderActivated': (e) => move(e, e.data.customerId, { kind: 'ACTIVATED' }, e.data.activatedAt),
    'proposals.OpportunityWon': (e) => move(e, e.data.customerId, { kind: 'ACTIVATED' }, e.data.wonAt),
    'postsale.InstalledProductWithdrawn': async (e) => {
      if (e.data.remainingActiveProducts > 0) return;
      await move(e, e.data.customerId, { kind: 'CHURNED', reason: e.data.reason }, e.data.withdrawnAt);
    },
  };
}
