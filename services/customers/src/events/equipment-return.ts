import { idFromEvent, newEnvelope, SYSTEM_ACTOR, type EventHandler, type Handlers, type Logger } from '@vinculo/common';
import { decideClear, decideMark } from '../domain/eligibility';
import type { CustomerRepository } from '../store/customer.repository';
import type { EligibilityRepository } from '../store/eligibility.repository';
import { changeEligibility } from './eligibility-change';

/** The impediment a request's missing equipment marks: one per request, so a redelivery marks nothing new. */
export const equipmentImpedimentId = (tenantId: string, requestId: string): string => idFromEvent('imp', `${tenantId}:${requestId}:equipment`);

/**
 * postsale.EquipmentReturnChanged → the impediments registry (seed 001 step 14: "devolución de
 * equipo" is a reason a new sale is refused). PENDING marks EQUIPMENT_PENDING_RETURN for the request
 * (R-CUS-EL1: when one is already active it already blocks, so nothing is added); RETURNED clears
 * the one this request marked. Eligibility and customers.EligibilityChanged follow in the same write.
 */
export function equipmentReturnReactions(customers: CustomerRepository, eligibility: EligibilityRepository, logger: Logger): Handlers {
  const changed: EventHandler<'postsale.EquipmentReturnChanged'> = async (e) => {
    const d = e.data;
    if (!(await customers.find(e.tenantId, d.customerId))) {
      logger.warn({ eventId: e.id, customerId: d.customerId, tenantId: e.tenantId }, 'equipment return of a customer this tenant does not have; ignored');
      return;
    }
    const who = { tenantId: e.tenantId, actor: SYSTEM_ACTOR };
    const id = equipmentImpedimentId(e.tenantId, d.requestId);
    const at = new Date(e.time);
    const items = d.items.join(', ').slice(0, 400);
    await changeEligibility(eligibility, who, d.customerId, (state) => {
      const event = (impedimentId: string, change: 'MARKED' | 'CLEARED', reason: string, detail: string | null) =>
        newEnvelope('customers', who, {
          type: 'customers.ImpedimentChanged',
          subject: d.customerId,
          data: { customerId: d.customerId, impedimentId, kind: 'EQUIPMENT_PENDING_RETURN', change, reason, detail },
        });
      if (d.change === 'PENDING') {
        if (state.impediments.some((i) => i.id === id || (i.kind === 'EQUIPMENT_PENDING_RETURN' && !i.clearedAt))) return null;
        const marked = decideMark(state.impediments, { kind: 'EQUIPMENT_PENDING_RETURN', reason: `Equipment not returned at withdrawal (request ${d.requestId})`, detail: `missing: ${items}` }, id, SYSTEM_ACTOR.userId, at);
        return { next: { impediments: [...state.impediments, marked], standings: state.standings }, events: () => [event(id, 'MARKED', marked.reason, marked.detail)] };
      }
      if (!state.impediments.some((i) => i.id === id && !i.clearedAt)) return null;
      const reason = `Equipment returned (request ${d.requestId}): ${items}`.slice(0, 500);
      const impediments = decideClear(state.impediments, id, reason, SYSTEM_ACTOR.userId, at);
      return { next: { impediments, standings: state.standings }, events: () => [event(id, 'CLEARED', reason, null)] };
    });
  };
  return { 'postsale.EquipmentReturnChanged': changed };
}
