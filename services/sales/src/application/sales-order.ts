import {
  actOnSeen,
  businessNow,
  type Concurrency,
  createNumbered,
  type Decision,
  DomainError,
  isDuplicateKey,
  localDay,
  newId,
  type EventOf,
  type Principal,
  runCommand,
  SYSTEM_RETRY,
} from '@vinculo/common';
import type { CorrectSalesOrderEntryInput, OrderActInput, PlaceSalesOrderInput, RecordSalesQualityCallInput } from '../__generated__/resolvers-types';
import type { PricedLine } from '../domain/catalog';
import type { FeasibilityRecord } from '../domain/feasibility';
import {
  checkCompletionCall,
  decideOrder,
  executeOrder,
  validEnteredLines,
  type EnteredLine,
  type OrderCommand,
  type OrderOrigin,
  type SalesOrderState,
} from '../domain/sales-order';
import { checkQualityCaller } from '../domain/team';
import { installedAtOf } from '../domain/work-queues';
import type { SalesOrderDoc } from '../store/sales-order.model';
import type { SalesDeps } from './deps';
import { actorId, orderEvents, orderPlacedEvent, systemActor, type Actor } from './events';
import { minor } from './money';
import { priceItems } from './catalog';

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

/**
 * The order after `cmd` with its events, as one write (the decide step of runCommand): the domain decides
 * at `at` (the fact's time), the envelopes are stamped `now`.
 */
export function orderChange(who: Actor, current: SalesOrderDoc, cmd: OrderCommand, now: Date, at: Date = now): Decision<SalesOrderDoc> {
  return written(who, current, executeOrder(current, cmd, { by: actorId(who), at }).state, now);
}

const written = (who: Actor, current: SalesOrderDoc, state: SalesOrderState, now: Date): Decision<SalesOrderDoc> => ({
  update: { $set: { ...stateOf(state), installedAt: installedAtOf(state) } },
  events: orderEvents(current, state, who, now),
});

/** Run one decided change on an order (the caller's concurrency: a person's version, or the system's retries). */
export const runOnOrder = (
  deps: Pick<SalesDeps, 'orders' | 'published'>,
  tenantId: string,
  orderId: string,
  concurrency: Concurrency,
  decide: (current: SalesOrderDoc) => Decision<SalesOrderDoc> | null,
) => runCommand({ model: deps.orders.model, what: 'SalesOrder', tenantId, id: orderId, concurrency, decide, published: deps.published });

/** Lines typed by the clerk, money parsed in the order's currency. */
export const enteredLines = (
  lines: readonly { planCode: string; promotionCode?: string | null; monthlyFee: string; installationCost: string }[],
  currency: string,
): EnteredLine[] =>
  validEnteredLines(
    lines.map((l) => ({
      planCode: l.planCode,
      promotionCode: l.promotionCode ?? null,
      monthlyFeeMinor: minor(l.monthlyFee, currency, 'monthlyFee'),
      installationCostMinor: minor(l.installationCost, currency, 'installationCost'),
    })),
  );

/** What an entered order is made of (a project's accepted offer or a digital request). */
export interface EnteredOrder {
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
}

/**
 * Create the order of an accepted offer or a digital request, ENTERED, with a deterministic id (one
 * order per project / request: a second entry hits the unique _id). A retry after a crash that left
 * the order written but its project not yet updated finds the order and goes on.
 */
export async function createEnteredOrder(deps: Pick<SalesDeps, 'orders' | 'published'>, principal: Principal, o: EnteredOrder): Promise<SalesOrderDoc> {
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
  const doc: Omit<SalesOrderDoc, 'number' | 'outbox'> = {
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
    version: 0,
    ...state,
  };
  try {
    // The order's business number (SO-…) is assigned here, once; its events carry it.
    const created = await createNumbered(
      'SO',
      (number) => deps.orders.create({ ...doc, number, outbox: orderEvents({ ...doc, number, history: [], outbox: [] }, state, principal, now) }),
      async () => !(await deps.orders.exists(principal.tenantId, o.id)),
    );
    deps.published();
    return created;
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    const existing = await deps.orders.find(principal.tenantId, o.id);
    if (!existing) throw err;
    return existing;
  }
}

/** The direct path: a known customer, one plan, an address → PLACED at once (sales.SalesOrderPlaced). */
export async function placeSalesOrder(deps: SalesDeps, principal: Principal, input: PlaceSalesOrderInput): Promise<SalesOrderDoc> {
  const order = decideOrder(input);
  await deps.directory.require(principal.tenantId, input.customerId);
  const tenant = await deps.tenantPolicy.policyFor(principal.tenantId);
  const id = newId('so');
  const now = businessNow(principal.tenantId);
  // A plan known to the catalog is priced into the order (activation then carries its fee); others keep the code only.
  const lines = await priceItems(deps, principal.tenantId, [{ planCode: order.planCode, promotionCode: null }], localDay(now, tenant.timeZone)).catch(
    (err: unknown) => {
      if (err instanceof DomainError && err.kind === 'invalid_input') return [];
      throw err;
    },
  );
  const created = await createNumbered(
    'SO',
    (number) =>
      deps.orders.create({
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
        enteredLines: lines.map((l) => ({
          planCode: l.planCode,
          promotionCode: null,
          monthlyFeeMinor: l.monthlyFeeMinor,
          installationCostMinor: l.installationCostMinor,
        })),
        requirementDocuments: [],
        entryChecks: [],
        workOrders: [],
        serviceNumber: null,
        qualityCall: null,
        placedBy: principal.userId,
        placedAt: now,
        history: [{ from: null, to: order.status, by: principal.userId, at: now, note: null }],
        version: 0,
        outbox: [
          orderPlacedEvent(
            principal,
            { _id: id, number, customerId: input.customerId, planCode: order.planCode, technology: null, location: null, nodeId: null },
            { installationAddress: order.installationAddress, acceptedLines: [] },
          ),
        ],
      }),
    async () => true,
  );
  deps.published();
  return created;
}

/** A7 / R-SAL-3: the clerk's entry quality control — PLACED when the entry matches the offer, RETURNED otherwise. */
export function checkSalesOrderEntry(deps: SalesDeps, principal: Principal, input: OrderActInput): Promise<SalesOrderDoc> {
  const now = businessNow(principal.tenantId);
  return runOnOrder(deps, principal.tenantId, input.orderId, { expectedVersion: input.expectedVersion }, (current) =>
    orderChange(principal, current, { kind: 'checkEntry' }, now),
  ).then((r) => r.doc);
}

/** The clerk corrects a RETURNED entry (back to ENTERED). */
export function correctSalesOrderEntry(deps: SalesDeps, principal: Principal, input: CorrectSalesOrderEntryInput): Promise<SalesOrderDoc> {
  const now = businessNow(principal.tenantId);
  return runOnOrder(deps, principal.tenantId, input.orderId, { expectedVersion: input.expectedVersion }, (current) =>
    orderChange(
      principal,
      current,
      { kind: 'correctEntry', lines: enteredLines(input.lines, current.currency), installationAddress: current.installationAddress },
      now,
    ),
  ).then((r) => r.doc);
}

/**
 * A8: the executive's quality-control call completes an installed order (COMPLETED → activation) or
 * sends it back to technical follow-up. Only the executive who sold it or holds the customer (R-SAL-QC1).
 */
export async function recordSalesQualityCall(deps: SalesDeps, principal: Principal, input: RecordSalesQualityCallInput): Promise<SalesOrderDoc> {
  const now = businessNow(principal.tenantId);
  const { doc } = await actOnSeen({
    model: deps.orders.model,
    what: 'SalesOrder',
    tenantId: principal.tenantId,
    id: input.orderId,
    expectedVersion: input.expectedVersion,
    published: deps.published,
    prepare: async (order) => {
      // R-DIG-3: a digital sale's order is the agent's to complete (satisfaction call), not an executive's.
      checkCompletionCall(order.origin, 'QUALITY_CALL');
      // R-SAL-QC1 (A8): the executive who sold it, or who holds the customer in portfolio, calls; when
      // nobody is known, a registered, active account executive of the tenant (customers' staff).
      const owners = [order.executiveId, await deps.customers.portfolioOwner(principal.tenantId, order.customerId)];
      const employee = owners.some(Boolean) ? null : await deps.staff.employee(principal.tenantId, principal.userId);
      checkQualityCaller(principal, owners, employee);
    },
    decide: (current) => orderChange(principal, current, { kind: 'qualityCall', outcome: input.outcome, note: input.note }, now),
  });
  return doc;
}

/** techsupport.WorkOrderClosed as sales reads it. */
/**
 * techsupport.WorkOrderClosed (INSTALLATION with salesOrderId) → INSTALLED, or technical follow-up; as
 * the system, on the order as it is now (re-decided when it moved meanwhile). Idempotent by event id:
 * a closure already applied, an order already installed / completed or not ours change nothing.
 */
export async function applyWorkOrderClosed(
  deps: Pick<SalesDeps, 'orders' | 'published'>,
  e: Pick<EventOf<'techsupport.WorkOrderClosed'>, 'id' | 'tenantId' | 'data'>,
): Promise<void> {
  const d = e.data;
  if (d.type !== 'INSTALLATION' || !d.salesOrderId) return;
  const who = systemActor(e.tenantId);
  const now = businessNow(e.tenantId);
  const cmd: OrderCommand = { kind: 'workOrderClosed', workOrderId: d.workOrderId, outcome: d.outcome, serviceNumber: d.serviceNumber ?? null, eventId: e.id };
  try {
    await runOnOrder(deps, e.tenantId, d.salesOrderId, SYSTEM_RETRY, (current) => {
      try {
        const { events, state } = executeOrder(current, cmd, { by: 'system', at: new Date(d.closedAt) });
        return events.length ? written(who, current, state, now) : null; // this closure was applied already
      } catch (err) {
        if (err instanceof DomainError && err.kind === 'illegal_transition') return null; // already installed / completed
        throw err;
      }
    });
  } catch (err) {
    if (err instanceof DomainError && err.kind === 'not_found') return; // an order of another origin (or never ours): nothing to follow
    throw err;
  }
}
