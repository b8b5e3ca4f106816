import { authorize, DomainError, notFound, ruleViolated, type RequestContext } from '@vinculo/common';
import type { MutationResolvers } from '../__generated__/resolvers-types';
import { checkRequirements } from '../domain/sales-order';
import { checkFeasibilityVerified } from '../domain/sale-project';
import { checkCapacityFound, checkNoImpediment } from '../domain/digital-sale';
import { localDay } from '../domain/text';
import type { SaleProjectDoc } from '../store/sale-project.model';
import type { DigitalSaleDoc } from '../store/digital-sale.model';
import { policy } from '../policy';
import { priceItems } from './catalog';
import type { ResolverDeps } from './deps';
import { changeProject, feasibilityAt } from './sale-project';
import { changeDigital } from './digital-sale';
import { createEnteredOrder, enteredLines } from './sales-order';

/** The version check before the order is written (the project / request write re-checks it atomically). */
function atVersion(doc: { _id: string; version: number } | null, what: string, id: string, expected: number) {
  if (!doc) throw notFound(what, id);
  if (doc.version !== expected) throw new DomainError('stale_version', `${what} ${id} is at version ${doc.version}, not ${expected}; reload and retry`);
}

export const enterOrderMutations = (deps: ResolverDeps): Pick<MutationResolvers, 'enterSalesOrder' | 'enterDigitalSaleOrder'> => ({
  /**
   * A6: the clerk re-checks feasibility (R-SAL-2) and the requirement documents, enters the order of
   * the accepted offer (ENTERED, waiting for entry quality control) and closes the project ORDER_ENTERED.
   */
  enterSalesOrder: async (_p, { input }, ctx: RequestContext) => {
    const { principal } = ctx;
    authorize(policy, 'enterSalesOrder', principal);
    const project = await deps.projects.findOne({ _id: input.projectId, tenantId: principal.tenantId }).lean<SaleProjectDoc>();
    atVersion(project, 'SaleProject', input.projectId, input.expectedVersion);
    const p = project!;
    if (p.status !== 'ACCEPTED') throw new DomainError('illegal_transition', `A sale project in ${p.status} cannot have an order entered`, { status: p.status });
    const offer = p.offers.at(-1)!;
    const now = new Date();
    const recheck = await feasibilityAt(deps, principal.tenantId, offer.lines, p.location, { by: principal.userId, at: now });
    checkFeasibilityVerified({ feasibility: recheck });
    const customer = await deps.directory.require(principal.tenantId, p.customerId);
    const documents = checkRequirements('R-SAL-2', customer.kind, input.requirementDocuments);
    const order = await createEnteredOrder(deps, principal, {
      id: `so-${p._id}`,
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
    });
    const { timeZone } = await deps.tenantPolicy.policyFor(principal.tenantId);
    const saleProject = await changeProject(deps, ctx, 'enterSalesOrder', input, () => ({ kind: 'orderEntered', orderId: order._id, month: localDay(now, timeZone).slice(0, 7) }));
    return { saleProject, salesOrder: order };
  },
  /** §2 step 5: the order of a digital request (as A6), R-DIG-1 re-checked; the customer is told the ETA (tenant policy). */
  enterDigitalSaleOrder: async (_p, { input }, ctx: RequestContext) => {
    const { principal } = ctx;
    authorize(policy, 'enterDigitalSaleOrder', principal);
    const request = await deps.digital.findOne({ _id: input.requestId, tenantId: principal.tenantId }).lean<DigitalSaleDoc>();
    atVersion(request, 'DigitalSaleRequest', input.requestId, input.expectedVersion);
    const r = request!;
    if (r.status !== 'REQUIREMENTS_RECEIVED') {
      // The same refusals the state machine gives (R-DIG-1 / R-DIG-2 when a check was skipped, else CONFLICT).
      if (r.status === 'RECEIVED') throw ruleViolated('R-DIG-1', 'The impediment check must be done first');
      if (r.status === 'CLEARED') checkCapacityFound(r.feasibility);
      throw new DomainError('illegal_transition', `A digital sale request in ${r.status} cannot have its order entered`, { status: r.status });
    }
    const tenant = await deps.tenantPolicy.policyFor(principal.tenantId);
    const now = new Date();
    const eligibility = await deps.eligibility.of(principal.tenantId, r.customerId!);
    const customer = await deps.directory.require(principal.tenantId, r.customerId!);
    const documents = checkRequirements('R-SAL-2', customer.kind, r.attachments.map((a) => a.document));
    const accepted = await priceItems(deps, principal.tenantId, [{ planCode: r.planCode, promotionCode: null }], localDay(now, tenant.timeZone));
    // R-DIG-1 again at entry: an impediment that appeared since the check stops the order before it is written.
    checkNoImpediment(eligibility);
    const order = await createEnteredOrder(deps, principal, {
      id: `so-${r._id}`,
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
    });
    const digitalSaleRequest = await changeDigital(deps, ctx, 'enterDigitalSaleOrder', input, () => ({
      kind: 'enterOrder',
      orderId: order._id,
      eligibility,
      etaMinDays: tenant.policy.digitalSaleEtaMinDays,
      etaMaxDays: tenant.policy.digitalSaleEtaMaxDays,
    }));
    return { digitalSaleRequest, salesOrder: order };
  },
});
