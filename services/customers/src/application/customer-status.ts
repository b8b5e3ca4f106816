import { DomainError, newEnvelope, permanent, runCommand, SYSTEM_ACTOR, SYSTEM_RETRY } from '@vinculo/common';
import { decideStatusChange, type StatusTrigger } from '../domain/customer-status';
import type { CustomerRepository } from '../store/customer.repository';
import { systemActor } from './actor';
import { churnDeltaOf, foldChurnOf, withChurnDelta } from './churn-totals';

/** What a status move caused: the consumed event (its id guards against moving twice). */
export interface StatusCause {
  tenantId: string;
  eventId: string;
  eventType: string;
  subject: string;
  /** When the move happened (the event's business time). */
  at: string;
}

/**
 * R-CUS-ST3: the customer status driven by other subgraphs' events, through decideStatusChange (kit
 * runCommand, re-decided on a concurrent change). Each move is written with customers.CustomerStatusChanged
 * and remembers the causing event id, so a redelivered event never moves the status twice. Returns
 * false when the tenant has no such customer (nothing is written).
 *
 * An illegal move (a prospect cannot churn: a product registered by hand for a customer never
 * activated) is a refusal no retry changes: it is thrown as permanent, so the consumer dead-letters it
 * with its reason, seen in the reconciliation report and replayable once the customer's activation is
 * in — never silently dropped, nor retried forever (which would hold every later event of the partition).
 */
export async function moveCustomerStatus(customers: CustomerRepository, cause: StatusCause, customerId: string, trigger: StatusTrigger): Promise<boolean> {
  if (!(await customers.find(cause.tenantId, customerId))) return false;
  try {
    await runCommand({
      model: customers.model,
      what: 'Customer',
      tenantId: cause.tenantId,
      id: customerId,
      concurrency: SYSTEM_RETRY,
      published: customers.published,
      decide: (current) => {
        if ((current.statusEventIds ?? []).includes(cause.eventId)) return null;
        const decision = decideStatusChange(current.status, trigger);
        if (!decision) return null;
        const entry = {
          from: current.status,
          to: decision.to,
          by: SYSTEM_ACTOR.userId,
          at: new Date(cause.at),
          note: decision.note ?? `${cause.eventType} (${cause.subject})`,
        };
        // A move to CHURNED counts in the churn analysis: its delta is written with the move (churn-totals.ts).
        const churn = withChurnDelta(churnDeltaOf(customerId, current, { segment: current.segment, history: [...(current.history ?? []), entry] }));
        return {
          update: { $set: { status: decision.to, ...churn.set }, $push: { history: entry, statusEventIds: cause.eventId, ...churn.push } },
          events: [
            newEnvelope('customers', systemActor(cause.tenantId), {
              type: 'customers.CustomerStatusChanged',
              subject: customerId,
              data: { customerId, from: current.status, to: decision.to, reason: decision.note, causeEventType: cause.eventType, causeEventId: cause.eventId },
            }),
          ],
        };
      },
    });
  } catch (err) {
    if (err instanceof DomainError && err.kind !== 'stale_version') throw permanent(err);
    throw err;
  }
  // Add the move's churn delta to the counts (also what a writer that died here left: the redelivery ends it).
  await foldChurnOf(customers.model, cause.tenantId, [customerId]);
  return true;
}
