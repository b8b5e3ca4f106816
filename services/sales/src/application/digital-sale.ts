import {
  actOnSeen,
  businessNow,
  type Concurrency,
  type Decision,
  localDay,
  loadAtVersion,
  newId,
  notKnownYet,
  type Principal,
  requireScope,
  runCommand,
  type Scope,
} from '@vinculo/common';
import type {
  CheckDigitalSaleCapacityInput,
  ReceiveDigitalSaleRequestInput,
  ReceiveDigitalSaleRequirementsInput,
  RecordDigitalSatisfactionCallInput,
} from '../__generated__/resolvers-types';
import { changeDigitalSale, receiveRequest, type DigitalSaleCommand, type DigitalSaleState } from '../domain/digital-sale';
import { validLocation } from '../domain/feasibility';
import { checkCompletionCall } from '../domain/sales-order';
import type { DigitalSaleDoc } from '../store/digital-sale.model';
import { knownItems, priceItems } from './catalog';
import type { SalesDeps } from './deps';
import { actorId, digitalEvents, type Actor } from './events';
import { receivedFiles } from './requirement-files';
import { runOnOrder, orderChange } from './sales-order';
import { feasibilityAt } from './sale-project';

/** The bot/IVR's grant (issue #14); typed loosely until the scope list of the kit names it. */
const DIGITAL_REQUESTS_SCOPE = 'digital-requests:write' as Scope;

const stateOf = (s: DigitalSaleState): DigitalSaleState => ({
  status: s.status,
  channel: s.channel,
  identityCard: s.identityCard,
  customerId: s.customerId,
  planCode: s.planCode,
  installationAddress: s.installationAddress,
  location: s.location,
  impediments: s.impediments,
  feasibility: s.feasibility,
  attachments: s.attachments,
  orderId: s.orderId,
  eta: s.eta,
  followUps: s.followUps,
  satisfaction: s.satisfaction,
  notFeasibleReason: s.notFeasibleReason,
  history: s.history,
});

/** The request after `cmd` with its events, as one write (the decide step of runCommand). */
export function digitalChange(who: Actor, current: DigitalSaleDoc, cmd: DigitalSaleCommand, now: Date, timeZone: string): Decision<DigitalSaleDoc> {
  const state = changeDigitalSale(current, cmd, { by: actorId(who), at: now, today: localDay(now, timeZone) });
  return { update: { $set: stateOf(state) }, events: digitalEvents(current, state, who, now) };
}

/** Run one decided change on a request (a person's version, or the system's retries). */
export const runOnRequest = (
  deps: Pick<SalesDeps, 'digital' | 'published'>,
  tenantId: string,
  id: string,
  concurrency: Concurrency,
  decide: (current: DigitalSaleDoc) => Decision<DigitalSaleDoc> | null,
) => runCommand({ model: deps.digital.model, what: 'DigitalSaleRequest', tenantId, id, concurrency, decide, published: deps.published });

/** A command prepared from the request as the agent saw it (identity, catalog, coverage, files). */
type Prepared = (doc: DigitalSaleDoc, today: string, now: Date) => Promise<DigitalSaleCommand>;

/** The agent's act on a request at the version they saw (moved on → CONFLICT). */
async function changeDigital(
  deps: SalesDeps,
  principal: Principal,
  input: { requestId: string; expectedVersion: number },
  command: DigitalSaleCommand | Prepared,
): Promise<DigitalSaleDoc> {
  const { timeZone } = await deps.tenantPolicy.policyFor(principal.tenantId);
  const now = businessNow(principal.tenantId);
  if (typeof command !== 'function') {
    return (
      await runOnRequest(deps, principal.tenantId, input.requestId, { expectedVersion: input.expectedVersion }, (current) =>
        digitalChange(principal, current, command, now, timeZone),
      )
    ).doc;
  }
  const { doc } = await actOnSeen({
    model: deps.digital.model,
    what: 'DigitalSaleRequest',
    tenantId: principal.tenantId,
    id: input.requestId,
    published: deps.published,
    expectedVersion: input.expectedVersion,
    prepare: (seen) => command(seen, localDay(now, timeZone), now),
    decide: (current, cmd) => digitalChange(principal, current, cmd, now, timeZone),
  });
  return doc;
}

/** §2 step 1: a request arrives from a digital channel (the agent, or a bot/IVR within its key's grant). */
export async function receiveDigitalSaleRequest(deps: SalesDeps, principal: Principal, input: ReceiveDigitalSaleRequestInput): Promise<DigitalSaleDoc> {
  // A machine principal acts only within its key's grant (issue #14); the agent's token needs none.
  if (!principal.roles.includes('DIGITAL_SALES_AGENT')) requireScope(principal, DIGITAL_REQUESTS_SCOPE);
  const { timeZone } = await deps.tenantPolicy.policyFor(principal.tenantId);
  const now = businessNow(principal.tenantId);
  const today = localDay(now, timeZone);
  const [item] = await knownItems(deps, principal.tenantId, [{ planCode: input.planCode }], today);
  const state = receiveRequest({ ...input, planCode: item!.planCode }, { by: principal.userId, at: now });
  return deps.digital.create({ _id: newId('dsr'), tenantId: principal.tenantId, receivedAt: now, receivedDay: today, ...state, version: 0, outbox: [] });
}

export const recordDigitalSaleCallback = (deps: SalesDeps, principal: Principal, input: { requestId: string; expectedVersion: number }) =>
  changeDigital(deps, principal, input, { kind: 'callBack' });

/** §2 step 2 (R-DIG-1): the customer identified by card, their impediments read from customers' eligibility. */
export const checkDigitalSaleImpediments = (deps: SalesDeps, principal: Principal, input: { requestId: string; expectedVersion: number }) =>
  changeDigital(deps, principal, input, async (doc) => {
    const who = await deps.identities.find(principal.tenantId, doc.identityCard);
    // Sales learns identity cards from customers' events: right after a registration it may not know it yet.
    if (!who) throw notKnownYet('Customer with identity card', doc.identityCard, { field: 'identityCard' });
    return { kind: 'checkImpediments', customerId: who.customerId, eligibility: await deps.eligibility.of(principal.tenantId, who.customerId) };
  });

/** §2 step 3 (R-DIG-2): capacity at the installation point for the requested plan. */
export const checkDigitalSaleCapacity = (deps: SalesDeps, principal: Principal, input: CheckDigitalSaleCapacityInput) =>
  changeDigital(deps, principal, input, async (doc, today, now) => {
    const location = validLocation(input.location);
    const lines = await priceItems(deps, principal.tenantId, [{ planCode: doc.planCode, promotionCode: null }], today);
    const result = await feasibilityAt(deps, principal.tenantId, lines, location, { by: principal.userId, at: now });
    return { kind: 'checkCapacity', installationAddress: input.installationAddress, location, result };
  });

/** §2 step 4: each requirement points at the customer's uploaded file (issue #16); its metadata is the file's. */
export const receiveDigitalSaleRequirements = (deps: SalesDeps, principal: Principal, input: ReceiveDigitalSaleRequirementsInput) =>
  changeDigital(deps, principal, input, async (doc) => ({
    kind: 'receiveRequirements',
    attachments: await receivedFiles(deps, principal.tenantId, doc, input.attachments),
  }));

export const followUpDigitalSale = (deps: SalesDeps, principal: Principal, input: { requestId: string; expectedVersion: number; note: string }) =>
  changeDigital(deps, principal, input, { kind: 'followUp', note: input.note });

export const closeDigitalSaleNotFeasible = (deps: SalesDeps, principal: Principal, input: { requestId: string; expectedVersion: number; reason: string }) =>
  changeDigital(deps, principal, input, { kind: 'closeNotFeasible', reason: input.reason });

/**
 * §2 step 6 (seed 001 step 13), R-DIG-3: the agent's satisfaction call completes the digital sale's
 * order as the executive's quality-control call completes a business one — SATISFIED → COMPLETED
 * (sales.SalesOrderActivated: subscriptions, billing, the customer ACTIVE) and the request CLOSED;
 * NOT_SATISFIED → the order back to technical follow-up, the request open for the next call. Two
 * writes, decided before the first: the order, then the request. A crash between is finished by the
 * order's own SalesOrderActivated (`finishSatisfactionCall`) or by the agent's retry, which finds
 * the order COMPLETED and closes the request only.
 */
export async function recordDigitalSatisfactionCall(deps: SalesDeps, principal: Principal, input: RecordDigitalSatisfactionCallInput): Promise<DigitalSaleDoc> {
  const r = await loadAtVersion(deps.digital.model, 'DigitalSaleRequest', principal.tenantId, input.requestId, input.expectedVersion);
  const { timeZone } = await deps.tenantPolicy.policyFor(principal.tenantId);
  const now = businessNow(principal.tenantId);
  const order = r.orderId ? await deps.orders.find(principal.tenantId, r.orderId) : null;
  const cmd = { kind: 'satisfactionCall', outcome: input.outcome, note: input.note, orderStatus: order?.status ?? null } as const;
  // Dry run: an illegal status or an order not installed (R-DIG-3) refuses before anything is written.
  changeDigitalSale(r, cmd, { by: principal.userId, at: now, today: localDay(now, timeZone) });
  if (order && order.status === 'INSTALLED') {
    checkCompletionCall(order.origin, 'SATISFACTION_CALL');
    const call = {
      kind: 'qualityCall',
      outcome: input.outcome === 'SATISFIED' ? 'OK' : 'NOT_OK',
      note: input.note ?? `satisfaction call: ${input.outcome}`,
    } as const;
    await runOnOrder(deps, principal.tenantId, order._id, { expectedVersion: order.version }, (current) => orderChange(principal, current, call, now));
  }
  try {
    return (
      await runOnRequest(deps, principal.tenantId, r._id, { expectedVersion: r.version }, (current) => digitalChange(principal, current, cmd, now, timeZone))
    ).doc;
  } catch (err) {
    // The order's own activation event closed the request first: the call is done.
    const again = await deps.digital.find(principal.tenantId, r._id);
    if (input.outcome === 'SATISFIED' && again?.status === 'CLOSED') return again;
    throw err;
  }
}
