import { authorize, businessNow, byIdLoader, childConnection, findOneById, loadAtVersion, newId, notKnownYet, type Principal, type RequestContext, requireScope, type Scope, updateVersioned } from '@vinculo/common';
import type { DigitalSaleRequestResolvers, MutationResolvers, QueryResolvers } from '../__generated__/resolvers-types';
import { changeDigitalSale, receiveRequest, type DigitalSaleCommand, type DigitalSaleState } from '../domain/digital-sale';
import { validLocation } from '../domain/feasibility';
import { localDay } from '../domain/text';
import { digitalEvents } from '../events/integration-events';
import type { DigitalSaleDoc } from '../store/digital-sale.model';
import { checkCompletionCall } from '../domain/sales-order';
import { writeOrderChange } from './sales-order';
import { policy, type SalesAction } from '../policy';
import { knownItems, priceItems } from './catalog';
import type { ResolverDeps } from './deps';
import { feasibilityAt } from './sale-project';
import { receivedFiles } from './requirement-files';

/** The bot/IVR's grant (issue #14); typed loosely until the scope list of the kit names it. */
const DIGITAL_REQUESTS_SCOPE = 'digital-requests:write' as Scope;

export const loadDigital = ({ digital }: ResolverDeps, ctx: RequestContext, id: string) => byIdLoader(digital, 'digitalSaleById')(ctx, id);

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

/** Run one command on a digital sale request (versioned; stale → CONFLICT). */
export async function changeDigital(
  deps: ResolverDeps,
  ctx: RequestContext,
  action: SalesAction,
  input: { requestId: string; expectedVersion: number },
  command: (doc: DigitalSaleDoc, today: string, now: Date) => Promise<DigitalSaleCommand> | DigitalSaleCommand,
): Promise<DigitalSaleDoc> {
  const { principal } = ctx;
  authorize(policy, action, principal);
  const current = await loadAtVersion(deps.digital, 'DigitalSaleRequest', principal.tenantId, input.requestId, input.expectedVersion);
  const { timeZone } = await deps.tenantPolicy.policyFor(principal.tenantId);
  const now = businessNow(principal.tenantId);
  const cmd = await command(current, localDay(now, timeZone), now);
  return writeDigitalChange(deps, principal, current, cmd, now, timeZone);
}

/** Apply `cmd` to the request as loaded and write it with its events in one versioned update (moved on → CONFLICT). */
export async function writeDigitalChange(
  deps: Pick<ResolverDeps, 'digital' | 'published'>,
  who: Pick<Principal, 'tenantId' | 'userId' | 'roles'>,
  current: DigitalSaleDoc,
  cmd: DigitalSaleCommand,
  now: Date,
  timeZone: string,
): Promise<DigitalSaleDoc> {
  const state = changeDigitalSale(current, cmd, { by: who.userId, at: now, today: localDay(now, timeZone) });
  const envelopes = digitalEvents(current, state, who, now);
  const updated = await updateVersioned(deps.digital, { _id: current._id, tenantId: who.tenantId }, current.version, { $set: stateOf(state) }, envelopes);
  if (envelopes.length) deps.published();
  return updated;
}

const payload = (p: Promise<DigitalSaleDoc>) => p.then((digitalSaleRequest) => ({ digitalSaleRequest }));

export const digitalQueries = (deps: ResolverDeps): Pick<QueryResolvers, 'digitalSaleRequest'> => ({
  digitalSaleRequest: (_p, { id }, ctx) => {
    authorize(policy, 'readSales', ctx.principal);
    return loadDigital(deps, ctx, id).then((d) => d ?? null);
  },
});

export const digitalMutations = (
  deps: ResolverDeps,
): Pick<
  MutationResolvers,
  | 'receiveDigitalSaleRequest'
  | 'recordDigitalSaleCallback'
  | 'checkDigitalSaleImpediments'
  | 'checkDigitalSaleCapacity'
  | 'receiveDigitalSaleRequirements'
  | 'followUpDigitalSale'
  | 'recordDigitalSatisfactionCall'
  | 'closeDigitalSaleNotFeasible'
> => ({
  receiveDigitalSaleRequest: async (_p, { input }, { principal }) => {
    authorize(policy, 'receiveDigitalRequest', principal);
    // A machine principal acts only within its key's grant (issue #14); the agent's token needs none.
    if (!principal.roles.includes('DIGITAL_SALES_AGENT')) requireScope(principal, DIGITAL_REQUESTS_SCOPE);
    const { timeZone } = await deps.tenantPolicy.policyFor(principal.tenantId);
    const now = businessNow(principal.tenantId);
    const today = localDay(now, timeZone);
    const [item] = await knownItems(deps, principal.tenantId, [{ planCode: input.planCode }], today);
    const state = receiveRequest({ ...input, planCode: item!.planCode }, { by: principal.userId, at: now });
    const created = await deps.digital.create({ _id: newId('dsr'), tenantId: principal.tenantId, receivedAt: now, receivedDay: today, ...state, outbox: [] });
    return { digitalSaleRequest: created.toObject() };
  },
  recordDigitalSaleCallback: (_p, { input }, ctx) => payload(changeDigital(deps, ctx, 'digitalSale', input, () => ({ kind: 'callBack' }))),
  checkDigitalSaleImpediments: (_p, { input }, ctx) =>
    payload(
      changeDigital(deps, ctx, 'digitalSale', input, async (doc) => {
        const who = await deps.identities.find(ctx.principal.tenantId, doc.identityCard);
        // Sales learns identity cards from customers' events: right after a registration it may not know it yet.
        if (!who) throw notKnownYet('Customer with identity card', doc.identityCard, { field: 'identityCard' });
        return { kind: 'checkImpediments', customerId: who.customerId, eligibility: await deps.eligibility.of(ctx.principal.tenantId, who.customerId) };
      }),
    ),
  checkDigitalSaleCapacity: (_p, { input }, ctx) =>
    payload(
      changeDigital(deps, ctx, 'digitalSale', input, async (doc, today, now) => {
        const location = validLocation(input.location);
        const lines = await priceItems(deps, ctx.principal.tenantId, [{ planCode: doc.planCode, promotionCode: null }], today);
        const result = await feasibilityAt(deps, ctx.principal.tenantId, lines, location, { by: ctx.principal.userId, at: now });
        return { kind: 'checkCapacity', installationAddress: input.installationAddress, location, result };
      }),
    ),
  receiveDigitalSaleRequirements: (_p, { input }, ctx) =>
    payload(
      changeDigital(deps, ctx, 'digitalSale', input, async (doc) => ({
        kind: 'receiveRequirements',
        // Each requirement points at the customer's uploaded file (issue #16); its metadata is the file's.
        attachments: await receivedFiles(deps, ctx.principal.tenantId, doc, input.attachments),
      })),
    ),
  followUpDigitalSale: (_p, { input }, ctx) => payload(changeDigital(deps, ctx, 'digitalSale', input, () => ({ kind: 'followUp', note: input.note }))),
  /**
   * §2 step 6 (seed 001 step 13), R-DIG-3: the agent's satisfaction call completes the digital sale's
   * order as the executive's quality-control call completes a business one — SATISFIED → COMPLETED
   * (sales.SalesOrderActivated: subscriptions, billing, the customer ACTIVE) and the request CLOSED;
   * NOT_SATISFIED → the order back to technical follow-up, the request open for the next call. Two
   * writes, decided before the first: the order, then the request. A crash between is finished by the
   * order's own SalesOrderActivated (events/order-completed.ts) or by the agent's retry, which finds
   * the order COMPLETED and closes the request only.
   */
  recordDigitalSatisfactionCall: async (_p, { input }, { principal }) => {
    authorize(policy, 'digitalSale', principal);
    const r = await loadAtVersion(deps.digital, 'DigitalSaleRequest', principal.tenantId, input.requestId, input.expectedVersion);
    const { timeZone } = await deps.tenantPolicy.policyFor(principal.tenantId);
    const now = businessNow(principal.tenantId);
    const order = r.orderId ? await findOneById(deps.orders, principal.tenantId, r.orderId) : null;
    const cmd = { kind: 'satisfactionCall', outcome: input.outcome, note: input.note, orderStatus: order?.status ?? null } as const;
    // Dry run: an illegal status (CONFLICT) or an order not installed (R-DIG-3) refuses before anything is written.
    changeDigitalSale(r, cmd, { by: principal.userId, at: now, today: localDay(now, timeZone) });
    if (order && order.status === 'INSTALLED') {
      checkCompletionCall(order.origin, 'SATISFACTION_CALL');
      await writeOrderChange(deps, principal, order, { kind: 'qualityCall', outcome: input.outcome === 'SATISFIED' ? 'OK' : 'NOT_OK', note: input.note ?? `satisfaction call: ${input.outcome}` }, now);
    }
    const digitalSaleRequest = await writeDigitalChange(deps, principal, r, cmd, now, timeZone).catch(async (err: unknown) => {
      // The order's own activation event closed the request first: the call is done.
      const again = await findOneById(deps.digital, principal.tenantId, r._id);
      if (input.outcome === 'SATISFIED' && again?.status === 'CLOSED') return again;
      throw err;
    });
    return { digitalSaleRequest };
  },
  closeDigitalSaleNotFeasible: (_p, { input }, ctx) => payload(changeDigital(deps, ctx, 'digitalSale', input, () => ({ kind: 'closeNotFeasible', reason: input.reason }))),
});

export const DigitalSaleRequest = (deps: ResolverDeps, loadOrder: (ctx: RequestContext, id: string) => Promise<unknown>): DigitalSaleRequestResolvers => ({
  __resolveReference: (ref, ctx) => loadDigital(deps, ctx, ref.id),
  id: (d) => d._id,
  customer: (d) => (d.customerId ? { id: d.customerId } : null),
  feasibility: (d) => d.feasibility,
  salesOrder: (d, _a, ctx) => (d.orderId ? (loadOrder(ctx, d.orderId) as never) : null),
  satisfaction: (d) => d.satisfaction?.outcome ?? null,
});

export const customerDigitalRequests = (deps: ResolverDeps) => (customer: { id: string }, args: { first?: number | null; after?: string | null }, ctx: RequestContext) => {
  authorize(policy, 'readSales', ctx.principal);
  return childConnection<DigitalSaleDoc>(ctx, { name: 'Customer.digitalSaleRequests', model: deps.digital, parentField: 'customerId', sortField: 'receivedAt' }, customer.id, args);
};
