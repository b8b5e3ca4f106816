import {
  authorize,
  failedPrecondition,
  findOneById,
  type DocumentSpec,
  type FileStore,
  type GeneratedDocuments,
  type RequestContext,
  businessNow,
} from '@vinculo/common';
import type { InstalledProductResolvers, PostSaleRequestResolvers } from '../__generated__/resolvers-types';
import type { ResolverDeps } from './deps';
import type { PostSaleRequestDoc } from '../store/request.model';
import type { InstalledProductDoc } from '../store/installed-product.model';
import { policy } from '../policy';
import { callDetailReportSpec, contractSummarySpec, withdrawalSettlementSpec } from '../domain/documents';
import { loadInstalledProduct } from './Query/installedProduct';

/** What post-sale needs to generate its documents (wired in subgraph.ts). */
export interface PostsaleDocumentDeps {
  files: FileStore;
  documents: GeneratedDocuments;
  renderPdf: (spec: DocumentSpec) => Promise<Buffer>;
}

const customerName = async (deps: ResolverDeps, tenantId: string, customerId: string) =>
  (await findOneById(deps.directory.model, tenantId, customerId))?.name ?? customerId;
const productOf = async (deps: ResolverDeps, ctx: RequestContext, r: PostSaleRequestDoc): Promise<InstalledProductDoc | null> =>
  r.installedProductId ? (((await loadInstalledProduct(deps, ctx, r.installedProductId)) as InstalledProductDoc | null) ?? null) : null;

/**
 * PostSaleRequest.callDetailReport and .withdrawalSettlement: generated from post-sale's own data when
 * first asked for, stored with the request version; only for an entered request of that type.
 */
export const requestDocuments = (
  deps: ResolverDeps,
  docs: PostsaleDocumentDeps,
): Pick<PostSaleRequestResolvers, 'callDetailReport' | 'withdrawalSettlement'> => ({
  callDetailReport: async (r: PostSaleRequestDoc, _a, ctx: RequestContext) => {
    authorize(policy, 'readPostsale', ctx.principal);
    const detail = r.details.callDetail;
    if (r.type !== 'CALL_DETAIL' || !detail)
      throw failedPrecondition(`request ${r._id} is a ${r.type} request: a call-detail report exists only for CALL_DETAIL`, 'callDetailReport');
    if (!r.enteredAt)
      throw failedPrecondition(`request ${r._id} is ${r.status}: the call-detail report is produced once the request is entered`, 'callDetailReport');
    const tenantId = ctx.principal.tenantId;
    return docs.documents.viewFor({
      tenantId,
      documentType: 'CALL_DETAIL_REPORT',
      entity: { type: 'PostSaleRequest', id: r._id, version: r.version },
      name: `detalle-llamadas-${r._id}.pdf`,
      createdBy: ctx.principal.userId,
      render: async () =>
        docs.renderPdf(
          callDetailReportSpec(await deps.tenantPolicy.letterheadOf(tenantId), {
            requestId: r.number ?? r._id,
            customerName: await customerName(deps, tenantId, r.customerId),
            serviceNumber: (await productOf(deps, ctx, r))?.serviceNumber ?? null,
            currency: r.currency,
            months: detail.months,
            chargeableMonths: detail.chargeableMonths,
            carrier: detail.carrier,
            deliveryChannel: detail.deliveryChannel,
            amountMinor: detail.amountMinor,
            enteredAt: new Date(r.enteredAt!),
          }),
        ),
    });
  },

  withdrawalSettlement: async (r: PostSaleRequestDoc, _a, ctx: RequestContext) => {
    authorize(policy, 'readPostsale', ctx.principal);
    const w = r.details.withdrawal;
    if (r.type !== 'WITHDRAWAL' || !w)
      throw failedPrecondition(`request ${r._id} is a ${r.type} request: a withdrawal settlement exists only for WITHDRAWAL`, 'withdrawalSettlement');
    if (!r.enteredAt || !w.finalBilling || !w.effectiveDate)
      throw failedPrecondition(`request ${r._id} is ${r.status}: the settlement is produced once the withdrawal is entered`, 'withdrawalSettlement');
    const tenantId = ctx.principal.tenantId;
    const finalBilling = w.finalBilling;
    const effectiveDate = w.effectiveDate;
    return docs.documents.viewFor({
      tenantId,
      documentType: 'WITHDRAWAL_SETTLEMENT',
      entity: { type: 'PostSaleRequest', id: r._id, version: r.version },
      name: `liquidacion-retiro-${r._id}-v${r.version}.pdf`,
      createdBy: ctx.principal.userId,
      render: async () => {
        const product = await productOf(deps, ctx, r);
        return docs.renderPdf(
          withdrawalSettlementSpec(await deps.tenantPolicy.letterheadOf(tenantId), {
            requestId: r.number ?? r._id,
            customerName: await customerName(deps, tenantId, r.customerId),
            serviceNumber: product?.serviceNumber ?? null,
            planCode: product?.planCode ?? null,
            currency: r.currency,
            reason: w.reason,
            effectiveDate,
            finalBilling,
            penaltyMinor: w.penaltyMinor ?? 0,
            penaltyAccepted: w.penaltyAccepted,
            equipment: w.equipment.map((e) => {
              const settled = w.settlement?.find((x) => x.code === e.code);
              return {
                code: e.code,
                description: e.description,
                valueMinor: e.valueMinor,
                condition: settled?.condition ?? null,
                chargeMinor: settled ? settled.chargeMinor : null,
              };
            }),
            enteredAt: new Date(r.enteredAt!),
          }),
        );
      },
    });
  },
});

/** InstalledProduct.contractSummary: the service contract as it stands, stored with the product's version. */
export const productDocuments = (deps: ResolverDeps, docs: PostsaleDocumentDeps): Pick<InstalledProductResolvers, 'contractSummary'> => ({
  contractSummary: async (p: InstalledProductDoc, _a, ctx: RequestContext) => {
    authorize(policy, 'readPostsale', ctx.principal);
    const tenantId = ctx.principal.tenantId;
    return docs.documents.viewFor({
      tenantId,
      documentType: 'SERVICE_CONTRACT_SUMMARY',
      entity: { type: 'InstalledProduct', id: p._id, version: p.version },
      name: `resumen-contrato-${p.serviceNumber}-v${p.version}.pdf`,
      createdBy: ctx.principal.userId,
      render: async () =>
        docs.renderPdf(
          contractSummarySpec(await deps.tenantPolicy.letterheadOf(tenantId), {
            productId: p._id,
            customerName: await customerName(deps, tenantId, p.customerId),
            serviceNumber: p.serviceNumber,
            planCode: p.planCode,
            family: p.family,
            technology: p.technology,
            speedMbps: p.speedMbps,
            installationAddress: p.installationAddress,
            currency: p.currency,
            monthlyFeeMinor: p.monthlyFeeMinor,
            installationDate: p.installationDate,
            minimumPermanenceEnd: p.minimumPermanenceEnd,
            supplementaryServices: p.supplementaryServices ?? [],
            status: p.status,
            at: businessNow(tenantId),
          }),
        ),
    });
  },
});
