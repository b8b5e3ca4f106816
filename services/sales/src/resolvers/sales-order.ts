import { authorize, businessNow, byIdLoader, childConnection, DomainError, findOneById, isDuplicateKey, loadAtVersion, newEnvelope, newId, paginate, type Principal, type RequestContext, updateVersioned } from '@vinculo/common';
import type { MutationResolvers, QueryResolvers, SalesOrderResolvers } from '../__generated__/resolvers-types';
import type { PricedLine } from '../domain/catalog';
import type { FeasibilityRecord } from '../domain/feasibility';
import { checkCompletionCall, decideOrder, executeOrder, validEnteredLines, type EnteredLine, type OrderCommand, type OrderOrigin, type SalesOrderState } from '../domain/sales-order';
import { orderEvents, placedData } from '../events/integration-events';
import type { SalesOrderDoc } from '../store/sales-order.model';
import { policy, type SalesAction } from '../policy';
import type { ResolverDeps } from './deps';
import { minor, out } from './money';
import { priceItems } from './catalog';
import { localDay } from '../domain/text';
import { checkQualityCaller } from '../domain/team';
import { portfolioOwner } from './sale-project';
import { installedAtOf } from '../domain/work-queues';
import { businessNumberInput, createNumbered } from '@vinculo/common';

/** A sales order of the caller's tenant by id, batched per request. */
export const loadSalesOrder = ({ orders }: ResolverDeps, ctx: RequestContext, id: string) => byIdLoader(orders, 'salesOrderById')(ctx, id);

// installedAt: the completion-call queue's order (issue #15), kept with every state write.
const stateOf = (s: SalesOrderState): SalesOrderState => ({
  status: s.status,
  currency: s.currency,
  installationAddress: s.installationAddress,
  acceptedLines: s.acceptedLines,
  enteredLines: s.enteredLines,
  requirementDocuments: s.requirementDocuments,
  entryChecks: s.entryChecks,
  workOrders: s.workOrders,
  serviceNumber: s.serviceNumber,
  qualityCall: s.qualityCall,
  history: s.history,
});

/** Lines typed by the clerk, money parsed in the order's currency. */
export const enteredLines = (lines: readonly { planCode: string; promotionCode?: string | null; monthlyFee: string; installationCost: string }[], currency: string): EnteredLine[] =>
  validEnteredLines(
    lines.map((l) => ({ planCode: l.planCode, promotionCode: l.promotionCode ?? null, monthlyFeeMinor: minor(l.monthlyFee, currency, 'monthlyFee'), installationCostMinor: minor(l.installationCost, currency, 'installationCost') })),
  );

/**
 * Create the order of an accepted offer or a digital request, ENTERED, with a deterministic id (one
 * order per project / request: a second entry hits the unique _id). A retry after a crash that left
 * the order written but its project not yet updated finds the order and goes on (`resumed`).
 */
export async function createEnteredOrder(
  deps: ResolverDeps,
  principal: Principal,
  o: {
    id: string;
    origin: OrderOrigin;
    customerId: string;
    currency: string;
    installationAddress: string;
    acceptedLines: PricedLine[];
    enteredLines: EnteredLine[];
    requirementDocuments: string[];
    feasibility: FeasibilityRecord;
    location: { latitude: number; longitude: number } | null;
    saleProjectId: string | null;
    digitalSaleRequestId: string | null;
    /** The executive who sold it (the project's), who makes the quality-control call. */
    executiveId: string | null;
    /** Requirement documents presented as the customer's files (checked to exist by the caller). */
    requirementAttachments?: { document: string; attachmentId: string }[];
  },
): Promise<SalesOrderDoc> {
  const now = businessNow(principal.tenantId);
  const state: SalesOrderState = {
    status: 'ENTERED',
    currency: o.currency,
    installationAddress: o.installationAddress,
    acceptedLines: o.acceptedLines,
    enteredLines: o.enteredLines,
    requirementDocuments: o.requirementDocuments,
    entryChecks: [],
    workOrders: [],
    serviceNumber: null,
    qualityCall: null,
    history: [{ from: null, to: 'ENTERED', by: principal.userId, at: now, note: null }],
  };
  const doc = {
    _id: o.id,
    tenantId: principal.tenantId,
    customerId: o.customerId,
    origin: o.origin,
    saleProjectId: o.saleProjectId,
    digitalSaleRequestId: o.digitalSaleRequestId,
    executiveId: o.executiveId,
    planCode: o.acceptedLines[0]?.planCode ?? o.enteredLines[0]!.planCode,
    technology: o.feasibility.technology,
    nodeId: o.feasibility.nodeId,
    location: o.location,
    placedBy: principal.userId,
    placedAt: now,
    requirementAttachments: o.requirementAttachments ?? [],
    ...state,
  };
  try {
    // The order's business number (SO-…) is assigned here, once; its events carry it.
    const created = await createNumbered(
      'SO',
      (number) => deps.orders.create({ ...doc, number, outbox: orderEvents({ ...doc, number, history: [], version: 0, outbox: [] }, state, principal, now) }),
      async () => !(await deps.orders.exists({ _id: o.id, tenantId: principal.tenantId })),
    );
    deps.published();
    return created.toObject();
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    const existing = await findOneById(deps.orders, principal.tenantId, o.id);
    if (!existing) throw err;
    return existing;
  }
}

/** Run one command on an order (versioned; stale → CONFLICT). */
async function changeOrder(deps: ResolverDeps, ctx: RequestContext, action: SalesAction, input: { orderId: string; expectedVersion: number }, command: (doc: SalesOrderDoc) => OrderCommand) {
  const { principal } = ctx;
  authorize(policy, action, principal);
  const current = await loadAtVersion(deps.orders, 'SalesOrder', principal.tenantId, input.orderId, input.expectedVersion);
  if (action === 'recordQualityCall') {
    // R-DIG-3: a digital sale's order is the agent's to complete (satisfaction call), not an executive's.
    checkCompletionCall(current.origin, 'QUALITY_CALL');
    // R-SAL-QC1 (A8): the executive who sold it, or who holds the customer in portfolio, calls; when
    // nobody is known, a registered, active account executive of the tenant (customers' staff).
    const owners = [current.executiveId, await portfolioOwner(deps, principal.tenantId, current.customerId)];
    const employee = owners.some(Boolean) ? null : await deps.staff.employee(principal.tenantId, principal.userId);
    checkQualityCaller(principal, owners, employee);
  }
  const now = businessNow(principal.tenantId);
  return { salesOrder: await writeOrderChange(deps, principal, current, command(current), now) };
}

/** Apply `cmd` to the order as loaded and write it with its events in one versioned update (moved on → CONFLICT). */
export async function writeOrderChange(deps: Pick<ResolverDeps, 'orders' | 'published'>, who: Pick<Principal, 'tenantId' | 'userId' | 'roles'>, current: SalesOrderDoc, cmd: OrderCommand, now: Date): Promise<SalesOrderDoc> {
  const { state } = executeOrder(current, cmd, { by: who.userId, at: now });
  const envelopes = orderEvents(current, state, who, now);
  const updated = await updateVersioned(deps.orders, { _id: current._id, tenantId: who.tenantId }, current.version, { $set: { ...stateOf(state), installedAt: installedAtOf(state) } }, envelopes);
  if (envelopes.length) deps.published();
  return updated;
}

/** techsupport.WorkOrderClosed (INSTALLATION with salesOrderId) → INSTALLED, or technical follow-up. Idempotent by event id. */
export async function applyWorkOrderClosed(
  deps: Pick<ResolverDeps, 'orders' | 'published'>,
  e: { id: string; tenantId: string; data: { workOrderId: string; type: string; outcome: 'CLOSED_RESOLVED' | 'CLOSED_UNFOUNDED' | 'CLOSED_UNRESOLVED'; salesOrderId?: string | null; serviceNumber?: string; closedAt: string } },
  system: { tenantId: string; actor: { userId: 'system'; role: 'SYSTEM' } },
): Promise<void> {
  if (e.data.type !== 'INSTALLATION' || !e.data.salesOrderId) return;
  const key = { _id: e.data.salesOrderId, tenantId: e.tenantId };
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await deps.orders.findOne(key).lean<SalesOrderDoc>();
    if (!current) return; // an order of another origin (or never ours): nothing to follow
    let result;
    try {
      result = executeOrder(current, { kind: 'workOrderClosed', workOrderId: e.data.workOrderId, outcome: e.data.outcome, serviceNumber: e.data.serviceNumber ?? null, eventId: e.id }, { by: 'system', at: new Date(e.data.closedAt) });
    } catch (err) {
      if (err instanceof DomainError && err.kind === 'illegal_transition') return; // already installed / completed
      throw err;
    }
    if (!result.events.length) return;
    const now = businessNow(e.tenantId);
    const envelopes = orderEvents(current, result.state, system, now);
    try {
      await updateVersioned(deps.orders, key, current.version, { $set: { ...stateOf(result.state), installedAt: installedAtOf(result.state) } }, envelopes);
      deps.published();
      return;
    } catch (err) {
      if (err instanceof DomainError && err.kind === 'stale_version') continue;
      throw err;
    }
  }
  throw new Error(`SalesOrder ${key._id} kept changing while applying WorkOrderClosed ${e.id}`);
}

export const salesOrderQueries = (deps: ResolverDeps): Pick<QueryResolvers, 'salesOrder' | 'salesOrdersToCheck' | 'salesOrderByNumber'> => ({
  salesOrder: (_p, { id }, ctx) => {
    authorize(policy, 'readSales', ctx.principal);
    return loadSalesOrder(deps, ctx, id).then((o) => o ?? null);
  },
  // By business number (SO-…, issue #15), as the customer quotes it; null when unknown in the tenant.
  salesOrderByNumber: (_p, { number }, ctx) => {
    authorize(policy, 'readSales', ctx.principal);
    return deps.orders.findOne({ number: businessNumberInput('SO', number), tenantId: ctx.principal.tenantId }).lean<SalesOrderDoc>().exec();
  },
  salesOrdersToCheck: (_p, args, ctx) => {
    authorize(policy, 'readEntryQueue', ctx.principal);
    return paginate<SalesOrderDoc>(deps.orders, { tenantId: ctx.principal.tenantId, status: { $in: ['ENTERED', 'RETURNED'] } }, args, ctx.principal, { field: 'placedAt', descending: false });
  },
});

export const salesOrderMutations = (deps: ResolverDeps): Pick<MutationResolvers, 'placeSalesOrder' | 'checkSalesOrderEntry' | 'correctSalesOrderEntry' | 'recordSalesQualityCall'> => ({
  placeSalesOrder: async (_parent, { input }, { principal }) => {
    authorize(policy, 'placeSalesOrder', principal);
    const order = decideOrder(input);
    await deps.directory.require(principal.tenantId, input.customerId);
    const tenant = await deps.tenantPolicy.policyFor(principal.tenantId);
    const id = newId('so');
    const now = businessNow(principal.tenantId);
    // A plan known to the catalog is priced into the order (activation then carries its fee); others keep the code only.
    const lines = await priceItems(deps, principal.tenantId, [{ planCode: order.planCode, promotionCode: null }], localDay(now, tenant.timeZone)).catch((err: unknown) => {
      if (err instanceof DomainError && err.kind === 'invalid_input') return [];
      throw err;
    });
    const event = (number: string) => newEnvelope('sales', principal, {
      type: 'sales.SalesOrderPlaced',
      subject: id,
      data: placedData({ _id: id, number, customerId: input.customerId, planCode: order.planCode, technology: null, location: null, nodeId: null }, { installationAddress: order.installationAddress, acceptedLines: [] }),
    });
    const created = await createNumbered('SO', (number) => deps.orders.create({
      _id: id,
      number,
      tenantId: principal.tenantId,
      customerId: input.customerId,
      origin: 'DIRECT',
      saleProjectId: null,
      digitalSaleRequestId: null,
      executiveId: null,
      planCode: order.planCode,
      installationAddress: order.installationAddress,
      currency: tenant.currency,
      technology: null,
      nodeId: null,
      location: null,
      status: order.status,
      acceptedLines: lines,
      enteredLines: lines.map((l) => ({ planCode: l.planCode, promotionCode: null, monthlyFeeMinor: l.monthlyFeeMinor, installationCostMinor: l.installationCostMinor })),
      requirementDocuments: [],
      entryChecks: [],
      workOrders: [],
      serviceNumber: null,
      qualityCall: null,
      placedBy: principal.userId,
      placedAt: now,
      history: [{ from: null, to: order.status, by: principal.userId, at: now, note: null }],
      outbox: [event(number)],
    }), async () => true);
    deps.published();
    return { salesOrder: created.toObject() };
  },
  checkSalesOrderEntry: (_p, { input }, ctx) => changeOrder(deps, ctx, 'enterSalesOrder', input, () => ({ kind: 'checkEntry' })),
  correctSalesOrderEntry: (_p, { input }, ctx) =>
    changeOrder(deps, ctx, 'enterSalesOrder', input, (doc) => ({ kind: 'correctEntry', lines: enteredLines(input.lines, doc.currency), installationAddress: doc.installationAddress })),
  recordSalesQualityCall: (_p, { input }, ctx) => changeOrder(deps, ctx, 'recordQualityCall', input, () => ({ kind: 'qualityCall', outcome: input.outcome, note: input.note })),
});

const lineOut = (l: { planCode: string; promotionCode: string | null; monthlyFeeMinor: number; installationCostMinor: number }, currency: string) => ({
  planCode: l.planCode,
  promotionCode: l.promotionCode,
  monthlyFee: out(l.monthlyFeeMinor, currency),
  installationCost: out(l.installationCostMinor, currency),
});

export const SalesOrder = (deps: ResolverDeps, loaders: { project: (ctx: RequestContext, id: string) => Promise<unknown>; digital: (ctx: RequestContext, id: string) => Promise<unknown> }): SalesOrderResolvers => ({
  __resolveReference: (ref, ctx) => loadSalesOrder(deps, ctx, ref.id),
  id: (o) => o._id,
  customer: (o) => ({ id: o.customerId }),
  origin: (o) => o.origin ?? 'DIRECT',
  acceptedLines: (o) => (o.acceptedLines ?? []).map((l) => lineOut(l, o.currency)),
  enteredLines: (o) => (o.enteredLines ?? []).map((l) => lineOut(l, o.currency)),
  requirementDocuments: (o) => o.requirementDocuments ?? [],
  requirementAttachments: (o) => o.requirementAttachments ?? [],
  entryChecks: (o) => o.entryChecks ?? [],
  qualityCall: (o) => o.qualityCall ?? null,
  serviceNumber: (o) => o.serviceNumber ?? null,
  saleProject: (o, _a, ctx) => (o.saleProjectId ? (loaders.project(ctx, o.saleProjectId) as never) : null),
  digitalSaleRequest: (o, _a, ctx) => (o.digitalSaleRequestId ? (loaders.digital(ctx, o.digitalSaleRequestId) as never) : null),
  version: (o) => o.version ?? 0,
});

export const customerOrders = (deps: ResolverDeps) => (customer: { id: string }, args: { first?: number | null; after?: string | null }, ctx: RequestContext) => {
  authorize(policy, 'readSales', ctx.principal);
  return childConnection<SalesOrderDoc>(ctx, { name: 'Customer.salesOrders', model: deps.orders, parentField: 'customerId', sortField: 'placedAt' }, customer.id, args);
};
