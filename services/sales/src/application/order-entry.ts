import {
  businessNow,
  businessTimeOf,
  DomainError,
  type EventEnvelope,
  type EventOf,
  loadAtVersion,
  localDay,
  localMonth,
  type Principal,
  type Role,
  SYSTEM_RETRY,
} from '@vinculo/common';
import type { EnterDigitalSaleOrderInput, EnterSalesOrderInput } from '../__generated__/resolvers-types';
import { changeDigitalSale, type DigitalSaleCommand } from '../domain/digital-sale';
import { checkFeasibilityVerified, execute as decideProject } from '../domain/sale-project';
import type { DigitalSaleDoc } from '../store/digital-sale.model';
import type { SaleProjectDoc } from '../store/sale-project.model';
import type { SalesOrderDoc } from '../store/sales-order.model';
import { priceItems } from './catalog';
import type { SalesDeps } from './deps';
import { runOnRequest, digitalChange } from './digital-sale';
import type { Actor } from './events';
import { requireDocumentFiles } from './requirement-files';
import { checkMayActOn, feasibilityAt, projectChange, runOnProject } from './sale-project';
import { createEnteredOrder, enteredLines } from './sales-order';

/*
 * Entering an order is two writes: the order (deterministic id: one per project / request), then its
 * project / request. Everything that can refuse is decided BEFORE the first write — the project's or
 * request's own state machine is run as a dry run — so a refusal writes nothing; a crash between the
 * two writes is finished by the order's own ENTERED event (`finishOrderEntry`) or by a retry, which
 * finds the order already there (`createEnteredOrder`).
 */

/** The project or request written after its order, at the version the entry read (moved on → CONFLICT). */
const writeAfterOrder = <T extends SaleProjectDoc | DigitalSaleDoc>(run: Promise<{ doc: T }>, done: () => Promise<T | null>): Promise<T> =>
  run.then(
    (r) => r.doc,
    async (err: unknown) => {
      // The order's own event got there first (finishOrderEntry): the entry is done.
      const now = await done();
      if (now) return now;
      throw err;
    },
  );

/**
 * A6: the clerk re-checks feasibility (R-SAL-2) and the requirement documents, enters the order of
 * the accepted offer (ENTERED, waiting for entry quality control) and closes the project ORDER_ENTERED.
 */
export async function enterSalesOrder(
  deps: SalesDeps,
  principal: Principal,
  input: EnterSalesOrderInput,
): Promise<{ saleProject: SaleProjectDoc; salesOrder: SalesOrderDoc }> {
  const p = await loadAtVersion(deps.projects.model, 'SaleProject', principal.tenantId, input.projectId, input.expectedVersion);
  await checkMayActOn(deps, principal, 'enterSalesOrder', p);
  const { timeZone } = await deps.tenantPolicy.policyFor(principal.tenantId);
  const now = businessNow(principal.tenantId);
  const orderId = `so-${p._id}`;
  const orderEntered = { kind: 'orderEntered', orderId, month: localMonth(now, timeZone) } as const;
  decideProject(p, orderEntered, { by: principal.userId, at: now, today: localDay(now, timeZone) }); // refuses unless ACCEPTED
  const offer = p.offers.at(-1)!;
  const recheck = await feasibilityAt(deps, principal.tenantId, offer.lines, p.location, { by: principal.userId, at: now });
  checkFeasibilityVerified({ feasibility: recheck });
  const customer = await deps.directory.require(principal.tenantId, p.customerId);
  // A document counts only when it points at the customer's uploaded file (issue #16): names alone refuse.
  const files = (input.requirementAttachments ?? []).map((a) => ({ document: a.document, attachmentId: a.attachmentId }));
  const requirementAttachments = await requireDocumentFiles(
    deps,
    { tenantId: principal.tenantId, customerId: p.customerId, customerKind: customer.kind },
    files,
    input.requirementDocuments ?? [],
  );
  const order = await createEnteredOrder(deps, principal, {
    requirementAttachments,
    id: orderId,
    origin: 'SALE_PROJECT',
    customerId: p.customerId,
    currency: p.currency,
    installationAddress: p.installationAddress,
    acceptedLines: offer.lines,
    enteredLines: enteredLines(input.lines, p.currency),
    requirementDocuments: requirementAttachments.map((a) => a.document),
    feasibility: recheck,
    location: p.location,
    saleProjectId: p._id,
    digitalSaleRequestId: null,
    executiveId: p.executiveId,
  });
  // The project as loaded, the same instant: one month stamped (moved on meanwhile → CONFLICT).
  const saleProject = await writeAfterOrder(
    runOnProject(deps, principal.tenantId, p._id, { expectedVersion: p.version }, (current) => projectChange(principal, current, orderEntered, now, timeZone)),
    async () => {
      const again = await deps.projects.find(principal.tenantId, p._id);
      return again?.status === 'ORDER_ENTERED' && again.orderId === order._id ? again : null;
    },
  );
  return { saleProject, salesOrder: order };
}

/** §2 step 5: the order of a digital request (as A6), R-DIG-1 re-checked; the customer is told the ETA (tenant policy). */
export async function enterDigitalSaleOrder(
  deps: SalesDeps,
  principal: Principal,
  input: EnterDigitalSaleOrderInput,
): Promise<{ digitalSaleRequest: DigitalSaleDoc; salesOrder: SalesOrderDoc }> {
  const r = await loadAtVersion(deps.digital.model, 'DigitalSaleRequest', principal.tenantId, input.requestId, input.expectedVersion);
  const tenant = await deps.tenantPolicy.policyFor(principal.tenantId);
  const now = businessNow(principal.tenantId);
  const today = localDay(now, tenant.timeZone);
  const orderId = `so-${r._id}`;
  // R-DIG-1 again at entry: an impediment that appeared since the check stops the order before it is written.
  // Unknown (null) refuses: R-DIG-1 fails closed. No customer yet means the check was skipped, which the state machine refuses first.
  const eligibility = r.customerId ? await deps.eligibility.of(principal.tenantId, r.customerId) : null;
  const enterOrder = {
    kind: 'enterOrder',
    orderId,
    eligibility,
    etaMinDays: tenant.policy.digitalSaleEtaMinDays,
    etaMaxDays: tenant.policy.digitalSaleEtaMaxDays,
  } as const;
  // The skipped checks (R-DIG-1 / R-DIG-2), an illegal status and an impediment refuse here.
  changeDigitalSale(r, enterOrder, { by: principal.userId, at: now, today });
  const customer = await deps.directory.require(principal.tenantId, r.customerId!);
  // The requirements received count only with their files, checked again here (issue #16).
  const files = r.attachments.flatMap((a) => (a.attachmentId ? [{ document: a.document, attachmentId: a.attachmentId }] : []));
  const requirementAttachments = await requireDocumentFiles(
    deps,
    { tenantId: principal.tenantId, customerId: r.customerId!, customerKind: customer.kind },
    files,
  );
  const accepted = await priceItems(deps, principal.tenantId, [{ planCode: r.planCode, promotionCode: null }], today);
  const order = await createEnteredOrder(deps, principal, {
    id: orderId,
    requirementAttachments,
    origin: 'DIGITAL_SALE',
    customerId: r.customerId!,
    currency: tenant.currency,
    installationAddress: r.installationAddress!,
    acceptedLines: accepted,
    enteredLines: enteredLines(input.lines, tenant.currency),
    requirementDocuments: requirementAttachments.map((a) => a.document),
    feasibility: r.feasibility!,
    location: r.location,
    saleProjectId: null,
    digitalSaleRequestId: r._id,
    executiveId: null,
  });
  const digitalSaleRequest = await writeAfterOrder(
    runOnRequest(deps, principal.tenantId, r._id, { expectedVersion: r.version }, (current) =>
      digitalChange(principal, current, enterOrder, now, tenant.timeZone),
    ),
    async () => {
      const again = await deps.digital.find(principal.tenantId, r._id);
      return again?.orderId === order._id ? again : null;
    },
  );
  return { digitalSaleRequest, salesOrder: order };
}

/** The person an event of ours names: the system finishes their act as them. */
export const personOf = (e: Pick<EventEnvelope, 'tenantId' | 'actor'>): Actor => ({
  tenantId: e.tenantId,
  userId: e.actor.userId,
  roles: [e.actor.role as Role],
});

/** NOT_FOUND from a system act on an aggregate that is not there: nothing to finish. */
const unlessGone = async (act: Promise<unknown>): Promise<void> => {
  try {
    await act;
  } catch (err) {
    if (err instanceof DomainError && err.kind === 'not_found') return;
    throw err;
  }
};

/**
 * sales.SalesOrderStatusChanged, our own event, from nothing to ENTERED → the order's sale project (or
 * digital request) goes ORDER_ENTERED if the entry did not get that far. The order's event leaves in the
 * order's own write (outbox), so a process that died between the two writes is finished here, as the
 * clerk at the entry time, on the project / request as it is now. Idempotent: one that already moved on
 * is left alone.
 */
export async function finishOrderEntry(
  deps: Pick<SalesDeps, 'orders' | 'projects' | 'digital' | 'tenantPolicy' | 'published'>,
  e: EventOf<'sales.SalesOrderStatusChanged'>,
): Promise<void> {
  if (e.data.from !== null || e.data.to !== 'ENTERED') return;
  const tenantId = e.tenantId;
  const order = await deps.orders.find(tenantId, e.data.orderId);
  if (!order) return;
  const tenant = await deps.tenantPolicy.policyFor(tenantId);
  const who = personOf(e);
  const at = businessTimeOf(tenantId, e.time);
  if (order.saleProjectId) {
    const cmd = { kind: 'orderEntered', orderId: order._id, month: localMonth(at, tenant.timeZone) } as const;
    await unlessGone(
      runOnProject(deps, tenantId, order.saleProjectId, SYSTEM_RETRY, (p) =>
        p.status === 'ACCEPTED' ? projectChange(who, p, cmd, at, tenant.timeZone) : null,
      ),
    );
  } else if (order.digitalSaleRequestId) {
    // The impediment check (R-DIG-1) passed when the order was written: the entry is finished as it was decided.
    const cmd: DigitalSaleCommand = {
      kind: 'enterOrder',
      orderId: order._id,
      eligibility: { eligible: true, reasons: [] },
      etaMinDays: tenant.policy.digitalSaleEtaMinDays,
      etaMaxDays: tenant.policy.digitalSaleEtaMaxDays,
    };
    await unlessGone(
      runOnRequest(deps, tenantId, order.digitalSaleRequestId, SYSTEM_RETRY, (r) =>
        r.status === 'REQUIREMENTS_RECEIVED' ? digitalChange(who, r, cmd, at, tenant.timeZone) : null,
      ),
    );
  }
}

/**
 * sales.SalesOrderActivated, our own event, of a digital sale's order → its request CLOSED if the
 * satisfaction call did not get that far (R-DIG-3: the order, then the request). The activation leaves
 * in the order's own write (outbox), so a process that died between the two is finished here, as the
 * agent at the call's time. Idempotent: a request already closed is left alone.
 */
export async function finishSatisfactionCall(
  deps: Pick<SalesDeps, 'orders' | 'digital' | 'tenantPolicy' | 'published'>,
  e: EventOf<'sales.SalesOrderActivated'>,
): Promise<void> {
  const tenantId = e.tenantId;
  const order = await deps.orders.find(tenantId, e.data.orderId);
  if (!order?.digitalSaleRequestId || order.status !== 'COMPLETED') return;
  const { timeZone } = await deps.tenantPolicy.policyFor(tenantId);
  const who = personOf(e);
  const at = order.qualityCall?.at ?? new Date(e.time);
  const cmd: DigitalSaleCommand = { kind: 'satisfactionCall', outcome: 'SATISFIED', note: order.qualityCall?.note ?? null, orderStatus: 'COMPLETED' };
  await unlessGone(
    runOnRequest(deps, tenantId, order.digitalSaleRequestId, SYSTEM_RETRY, (r) =>
      r.status === 'ORDER_ENTERED' || r.status === 'FOLLOWED_UP' ? digitalChange(who, r, cmd, at, timeZone) : null,
    ),
  );
}
