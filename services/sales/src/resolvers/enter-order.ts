import { authorize, businessNow, findOneById, loadAtVersion, type RequestContext } from '@vinculo/common';
import type { MutationResolvers } from '../__generated__/resolvers-types';
import { requireDocumentFiles } from './requirement-files';
import { checkFeasibilityVerified, execute as decideProject } from '../domain/sale-project';
import { changeDigitalSale } from '../domain/digital-sale';
import { localDay, localMonth } from '../domain/text';
import { policy } from '../policy';
import { priceItems } from './catalog';
import type { ResolverDeps } from './deps';
import { checkMayActOn, feasibilityAt, writeProjectChange } from './sale-project';
import { writeDigitalChange } from './digital-sale';
import { createEnteredOrder, enteredLines } from './sales-order';

/*
 * Entering an order is two writes: the order (deterministic id: one per project / request), then its
 * project / request. Everything that can refuse is decided BEFORE the first write — the project's or
 * request's own state machine is run as a dry run — so a refusal writes nothing; a crash between the
 * two writes is finished by the order's own ENTERED event (events/order-entered.ts) or by a retry,
 * which finds the order already there (`createEnteredOrder`).
 */
export const enterOrderMutations = (deps: ResolverDeps): Pick<MutationResolvers, 'enterSalesOrder' | 'enterDigitalSaleOrder'> => ({
  /**
   * A6: the clerk re-checks feasibility (R-SAL-2) and the requirement documents, enters the order of
   * the accepted offer (ENTERED, waiting for entry quality control) and closes the project ORDER_ENTERED.
   */
  enterSalesOrder: async (_p, { input }, ctx: RequestContext) => {
    const { principal } = ctx;
    authorize(policy, 'enterSalesOrder', principal);
    const p = await loadAtVersion(deps.projects, 'SaleProject', principal.tenantId, input.projectId, input.expectedVersion);
    await checkMayActOn(deps, principal, 'enterSalesOrder', p);
    const { timeZone } = await deps.tenantPolicy.policyFor(principal.tenantId);
    const now = businessNow(principal.tenantId);
    const orderId = `so-${p._id}`;
    const month = localMonth(now, timeZone);
    const orderEntered = { kind: 'orderEntered', orderId, month } as const;
    decideProject(p, orderEntered, { by: principal.userId, at: now, today: localDay(now, timeZone) }); // CONFLICT unless ACCEPTED
    const offer = p.offers.at(-1)!;
    const recheck = await feasibilityAt(deps, principal.tenantId, offer.lines, p.location, { by: principal.userId, at: now });
    checkFeasibilityVerified({ feasibility: recheck });
    const customer = await deps.directory.require(principal.tenantId, p.customerId);
    // A document counts only when it points at the customer's uploaded file (issue #16): names alone refuse.
    const files = (input.requirementAttachments ?? []).map((a) => ({ document: a.document, attachmentId: a.attachmentId }));
    const requirementAttachments = await requireDocumentFiles(deps, { tenantId: principal.tenantId, customerId: p.customerId, customerKind: customer.kind }, files, input.requirementDocuments ?? []);
    const documents = requirementAttachments.map((a) => a.document);
    const order = await createEnteredOrder(deps, principal, {
      requirementAttachments,
      id: orderId,
      origin: 'SALE_PROJECT',
      customerId: p.customerId,
      currency: p.currency,
      installationAddress: p.installationAddress,
      acceptedLines: offer.lines,
      enteredLines: enteredLines(input.lines, p.currency),
      requirementDocuments: documents,
      feasibility: recheck,
      location: p.location,
      saleProjectId: p._id,
      digitalSaleRequestId: null,
      executiveId: p.executiveId,
    });
    // The project as loaded, the same instant: one month stamped, no second read (moved on meanwhile → CONFLICT).
    const saleProject = await writeProjectChange(deps, principal, p, orderEntered, now, timeZone).catch(async (err: unknown) => {
      // The order's own event got there first (onOrderEntered): the entry is done.
      const now = await findOneById(deps.projects, principal.tenantId, p._id);
      if (now?.status === 'ORDER_ENTERED' && now.orderId === order._id) return now;
      throw err;
    });
    return { saleProject, salesOrder: order };
  },
  /** §2 step 5: the order of a digital request (as A6), R-DIG-1 re-checked; the customer is told the ETA (tenant policy). */
  enterDigitalSaleOrder: async (_p, { input }, ctx: RequestContext) => {
    const { principal } = ctx;
    authorize(policy, 'enterDigitalSaleOrder', principal);
    const r = await loadAtVersion(deps.digital, 'DigitalSaleRequest', principal.tenantId, input.requestId, input.expectedVersion);
    const tenant = await deps.tenantPolicy.policyFor(principal.tenantId);
    const now = businessNow(principal.tenantId);
    const today = localDay(now, tenant.timeZone);
    const orderId = `so-${r._id}`;
    // R-DIG-1 again at entry: an impediment that appeared since the check stops the order before it is written.
    // Unknown (null) refuses: R-DIG-1 fails closed. No customer yet means the check was skipped, which the state machine refuses first.
    const eligibility = r.customerId ? await deps.eligibility.of(principal.tenantId, r.customerId) : null;
    const enterOrder = { kind: 'enterOrder', orderId, eligibility, etaMinDays: tenant.policy.digitalSaleEtaMinDays, etaMaxDays: tenant.policy.digitalSaleEtaMaxDays } as const;
    // The skipped checks (R-DIG-1 / R-DIG-2), an illegal status (CONFLICT) and an impediment refuse here.
    changeDigitalSale(r, enterOrder, { by: principal.userId, at: now, today });
    const customer = await deps.directory.require(principal.tenantId, r.customerId!);
    // The requirements received count only with their files, checked again here (issue #16).
    const files = r.attachments.flatMap((a) => (a.attachmentId ? [{ document: a.document, attachmentId: a.attachmentId }] : []));
    const requirementAttachments = await requireDocumentFiles(deps, { tenantId: principal.tenantId, customerId: r.customerId!, customerKind: customer.kind }, files);
    const documents = requirementAttachments.map((a) => a.document);
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
      requirementDocuments: documents,
      feasibility: r.feasibility!,
      location: r.location,
      saleProjectId: null,
      digitalSaleRequestId: r._id,
      executiveId: null,
    });
    const digitalSaleRequest = await writeDigitalChange(deps, principal, r, enterOrder, now, tenant.timeZone).catch(async (err: unknown) => {
      // The order's own event got there first (onOrderEntered): the entry is done.
      const now = await findOneById(deps.digital, principal.tenantId, r._id);
      if (now?.orderId === order._id) return now;
      throw err;
    });
    return { digitalSaleRequest, salesOrder: order };
  },
});
