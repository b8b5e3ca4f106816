import { DomainError, newEnvelope, permanent, SYSTEM_ACTOR, type EventEnvelope, type Handlers, type Logger } from '@vinculo/common';
import { decideStatusChange, type StatusTrigger } from '../domain/customer-status';
import type { CustomerRepository } from '../store/customer.repository';

/**
 * R-CUS-ST3: the customer status driven by other subgraphs' events, through decideStatusChange.
 * Each move is written with customers.CustomerStatusChanged and remembers the causing event id, so a
 * redelivered event never moves the status twice; an event of another tenant touches nothing.
 */
export function statusReactions(customers: CustomerRepository, logger: Logger): Handlers {
  async function move(e: EventEnvelope, customerId: string, trigger: StatusTrigger, at: string) {
    const current = await customers.find(e.tenantId, customerId);
    if (!current) {
      logger.warn({ eventId: e.id, type: e.type, customerId, tenantId: e.tenantId }, 'status event for a customer this tenant does not have; ignored');
      return;
    }
    if ((current.statusEventIds ?? []).includes(e.id)) return;
    let decision: ReturnType<typeof decideStatusChange>;
    try {
      decision = decideStatusChange(current.status, trigger);
    } catch (err) {
      // An illegal move (a prospect cannot churn: a product registered by hand for a customer never
      // activated) is a refusal no retry changes: dead-lettered with its reason, so it is seen in the
      // reconciliation report and can be replayed once the customer's activation is in, never
      // silently dropped — nor retried forever, which would hold every later event of the partition.
      if (err instanceof DomainError) {
        logger.warn({ eventId: e.id, type: e.type, customerId, reason: err.message }, 'status event refused');
        throw permanent(err);
      }
      throw err;
    }
    if (!decision) return;
    const event = newEnvelope('customers', { tenantId: e.tenantId, actor: SYSTEM_ACTOR }, {
      type: 'customers.CustomerStatusChanged',
      subject: customerId,
      data: { customerId, from: current.status, to: decision.to, reason: decision.note, causeEventType: e.type, causeEventId: e.id },
    });
    const entry = { from: current.status, to: decision.to, by: SYSTEM_ACTOR.userId, at: new Date(at), note: decision.note ?? `${e.type} (${e.subject})` };
    await customers.change(current, { $set: { status: decision.to }, $push: { history: entry, statusEventIds: e.id } }, [event]);
  }

  return {
    'sales.SalesOrderActivated': (e) =>
      move(e, e.data.customerId, { kind: 'ACTIVATED' }, e.data.activatedAt),
    'proposals.OpportunityWon': (e) =>
      move(e, e.data.customerId, { kind: 'ACTIVATED' }, e.data.wonAt),
    'postsale.InstalledProductWithdrawn': async (e) => {
      if (e.data.remainingActiveProducts > 0) return;
      await move(e, e.data.customerId, { kind: 'CHURNED', reason: e.data.reason }, e.data.withdrawnAt);
    },
  };
}
