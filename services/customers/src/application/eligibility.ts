import { businessNow, idFromEvent, newEnvelope, newId, runCommand, SYSTEM_ACTOR, type EventData, type EventEnvelope, type Principal } from '@vinculo/common';
import {
  applyStanding,
  decideClear,
  decideMark,
  impedimentCheck,
  sameEligibility,
  type AccountStanding,
  type Impediment,
  type MarkInput,
} from '../domain/eligibility';
import { EMPTY_ELIGIBILITY, type EligibilityRepository, type EligibilityState } from '../store/eligibility.repository';
import type { EligibilityDoc } from '../store/eligibility.model';
import type { CustomerDoc } from '../store/customer.model';
import type { CustomerRepository } from '../store/customer.repository';
import { systemActor, type Actor } from './actor';

export interface EligibilityInputs {
  impediments: Impediment[];
  standings: AccountStanding[];
}

/** A change of the inputs (null: nothing to change), with the events that say what changed. */
export type InputsChange = (state: EligibilityInputs) => { next: EligibilityInputs; events: EventEnvelope[] } | null;

/**
 * A change of impediments or standings is re-decided on a concurrent write, whoever acts: marking,
 * clearing and a newer standing apply to the registry as it is now (the acts commute), and the
 * domain refuses what no longer applies (a second active impediment of a kind, a cleared one).
 */
const ATTEMPTS = 5;

/** The next state and its events: the inputs after the change, R-DIG-1 eligibility recomputed, EligibilityChanged when it moved. */
function decideEligibility(
  who: Actor,
  customerId: string,
  state: EligibilityState,
  change: InputsChange,
): { next: EligibilityState; events: EventEnvelope[] } | null {
  const decided = change({ impediments: state.impediments ?? [], standings: state.standings ?? [] });
  if (!decided) return null;
  const result = impedimentCheck(decided.next.impediments, decided.next.standings);
  const events = [...decided.events];
  if (!sameEligibility(result, { eligible: state.eligible, reasons: state.reasons ?? [] })) {
    events.push(
      newEnvelope('customers', who, {
        type: 'customers.EligibilityChanged',
        subject: customerId,
        data: { customerId, eligible: result.eligible, reasons: result.reasons.map((r) => ({ ...r, since: r.since.toISOString() })) },
      }),
    );
  }
  return { next: { ...decided.next, ...result }, events };
}

/**
 * Apply a change to a customer's impediments or standings and recompute R-DIG-1 eligibility; when
 * the result differs, customers.EligibilityChanged (read by sales for R-DIG-1 and by postsale for
 * R-PS-D1) goes into the same document write. The first change creates the document (a concurrent
 * first write loses on its `_id` and is re-decided as a change); later ones go through runCommand.
 */
export async function changeEligibility(repo: EligibilityRepository, who: Actor, customerId: string, change: InputsChange): Promise<EligibilityDoc | null> {
  const current = await repo.find(who.tenantId, customerId);
  if (!current) {
    const first = decideEligibility(who, customerId, EMPTY_ELIGIBILITY, change);
    if (!first) return null;
    const created = await repo.createFirst(who.tenantId, customerId, first.next, first.events);
    if (created) return created;
  }
  const { doc } = await runCommand({
    model: repo.model,
    what: 'Eligibility',
    tenantId: who.tenantId,
    id: customerId,
    concurrency: { retry: ATTEMPTS },
    published: repo.published,
    decide: (state) => {
      const decided = decideEligibility(who, customerId, state, change);
      return decided ? { update: { $set: decided.next }, events: decided.events } : null;
    },
  });
  return doc;
}

const impedimentEvent = (who: Actor, customerId: string, i: Pick<Impediment, 'id' | 'kind' | 'detail'>, change: 'MARKED' | 'CLEARED', reason: string) =>
  newEnvelope('customers', who, {
    type: 'customers.ImpedimentChanged',
    subject: customerId,
    data: { customerId, impedimentId: i.id, kind: i.kind, change, reason, detail: i.detail },
  });

/** Mark an impediment of the registry (R-CUS-EL1: one active per kind). */
export async function markImpediment(
  s: { customers: CustomerRepository; eligibility: EligibilityRepository },
  principal: Principal,
  input: MarkInput & { customerId: string },
): Promise<CustomerDoc> {
  const customer = await s.customers.get(principal.tenantId, input.customerId);
  const id = newId('imp');
  await changeEligibility(s.eligibility, principal, customer._id, (state) => {
    const marked = decideMark(state.impediments, input, id, principal.userId, businessNow(principal.tenantId));
    return {
      next: { impediments: [...state.impediments, marked], standings: state.standings },
      events: [impedimentEvent(principal, customer._id, marked, 'MARKED', marked.reason)],
    };
  });
  return customer;
}

/** Clear an active impediment with its reason (R-CUS-EL1: a cleared one stays). */
export async function clearImpediment(
  s: { customers: CustomerRepository; eligibility: EligibilityRepository },
  principal: Principal,
  input: { customerId: string; impedimentId: string; reason: string },
): Promise<CustomerDoc> {
  const customer = await s.customers.get(principal.tenantId, input.customerId);
  await changeEligibility(s.eligibility, principal, customer._id, (state) => {
    const impediments = decideClear(state.impediments, input.impedimentId, input.reason, principal.userId, businessNow(principal.tenantId));
    const cleared = impediments.find((i) => i.id === input.impedimentId);
    if (!cleared) return null;
    return {
      next: { impediments, standings: state.standings },
      events: [impedimentEvent(principal, customer._id, cleared, 'CLEARED', cleared.clearReason ?? '')],
    };
  });
  return customer;
}

/**
 * collections.AccountStandingChanged: the account's standing replaces the known one (never with an
 * older one). Idempotent: re-applying a standing already known changes nothing. False when the tenant
 * has no such customer (nothing is written).
 */
export async function applyAccountStanding(
  s: { customers: CustomerRepository; eligibility: EligibilityRepository },
  tenantId: string,
  customerId: string,
  next: AccountStanding,
): Promise<boolean> {
  if (!(await s.customers.find(tenantId, customerId))) return false;
  await changeEligibility(s.eligibility, systemActor(tenantId), customerId, (state) => {
    const standings = applyStanding(state.standings, next);
    return standings ? { next: { impediments: state.impediments, standings }, events: [] } : null;
  });
  return true;
}

/** The impediment a request's missing equipment marks: one per request, so a redelivery marks nothing new. */
export const equipmentImpedimentId = (tenantId: string, requestId: string): string => idFromEvent('imp', `${tenantId}:${requestId}:equipment`);

/**
 * postsale.EquipmentReturnChanged → the impediments registry (seed 001 step 14: "devolución de
 * equipo" is a reason a new sale is refused). PENDING marks EQUIPMENT_PENDING_RETURN for the request
 * (R-CUS-EL1: when one is already active it already blocks, so nothing is added); RETURNED clears
 * the one this request marked. False when the tenant has no such customer (nothing is written).
 */
export async function equipmentReturnChanged(
  s: { customers: CustomerRepository; eligibility: EligibilityRepository },
  tenantId: string,
  d: EventData<'postsale.EquipmentReturnChanged'>,
  at: Date,
): Promise<boolean> {
  if (!(await s.customers.find(tenantId, d.customerId))) return false;
  const who = systemActor(tenantId);
  const id = equipmentImpedimentId(tenantId, d.requestId);
  const items = d.items.join(', ').slice(0, 400);
  await changeEligibility(s.eligibility, who, d.customerId, (state) => {
    if (d.change === 'PENDING') {
      if (state.impediments.some((i) => i.id === id || (i.kind === 'EQUIPMENT_PENDING_RETURN' && !i.clearedAt))) return null;
      const marked = decideMark(
        state.impediments,
        { kind: 'EQUIPMENT_PENDING_RETURN', reason: `Equipment not returned at withdrawal (request ${d.requestId})`, detail: `missing: ${items}` },
        id,
        SYSTEM_ACTOR.userId,
        at,
      );
      return {
        next: { impediments: [...state.impediments, marked], standings: state.standings },
        events: [impedimentEvent(who, d.customerId, marked, 'MARKED', marked.reason)],
      };
    }
    if (!state.impediments.some((i) => i.id === id && !i.clearedAt)) return null;
    const reason = `Equipment returned (request ${d.requestId}): ${items}`.slice(0, 500);
    const impediments = decideClear(state.impediments, id, reason, SYSTEM_ACTOR.userId, at);
    const cleared = impediments.find((i) => i.id === id);
    return cleared
      ? { next: { impediments, standings: state.standings }, events: [impedimentEvent(who, d.customerId, { ...cleared, detail: null }, 'CLEARED', reason)] }
      : null;
  });
  return true;
}
