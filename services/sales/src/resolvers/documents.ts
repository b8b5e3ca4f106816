import { authorize, failedPrecondition, generatedDocumentView, type DocumentSpec, type FileStore, type GeneratedDocuments, type RequestContext } from '@vinculo/common';
import type { SaleProjectResolvers, SalesOrderResolvers } from '../__generated__/resolvers-types';
import type { ResolverDeps } from './deps';
import type { SaleProjectDoc } from '../store/sale-project.model';
import type { SalesOrderDoc } from '../store/sales-order.model';
import { policy } from '../policy';
import { offerLetterSpec, orderFormSpec } from '../domain/documents';

/** What sales needs to generate its documents (wired in subgraph.ts). */
export interface SalesDocumentDeps {
  files: FileStore;
  documents: GeneratedDocuments;
  renderPdf: (spec: DocumentSpec) => Promise<Buffer>;
}

const customerName = async (deps: ResolverDeps, customerId: string) => (await deps.directory.model.findOne({ _id: customerId }).lean())?.name ?? customerId;

/**
 * SaleProject.offerLetter and SalesOrder.orderForm: generated from sales' own data when first asked
 * for, stored with the entity version (kit generatedDocuments), the same document afterwards.
 */
export const saleProjectDocuments = (deps: ResolverDeps, docs: SalesDocumentDeps): Pick<SaleProjectResolvers, 'offerLetter'> => ({
  offerLetter: async (p: SaleProjectDoc, _a, ctx: RequestContext) => {
    authorize(policy, 'readPipeline', ctx.principal);
    const offer = p.offers[p.offers.length - 1];
    if (!offer) throw failedPrecondition(`sale project ${p._id} is ${p.status}: no commercial offer was made yet (makeCommercialOffer)`, 'offerLetter');
    const tenantId = ctx.principal.tenantId;
    const file = await docs.documents.documentFor({
      tenantId,
      documentType: 'OFFER_LETTER',
      entity: { type: 'SaleProject', id: p._id, version: p.version },
      name: `oferta-comercial-${offer.number}-${p._id}.pdf`,
      createdBy: ctx.principal.userId,
      render: async () =>
        docs.renderPdf(
          offerLetterSpec(await deps.tenantPolicy.letterheadOf(tenantId), {
            customerName: await customerName(deps, p.customerId),
            offerNumber: offer.number,
            needs: p.needs,
            installationAddress: p.installationAddress,
            currency: p.currency,
            lines: offer.lines.map((l) => ({ planCode: l.planCode, family: l.family, promotionCode: l.promotionCode, listMonthlyFeeMinor: l.listMonthlyFeeMinor, monthlyFeeMinor: l.monthlyFeeMinor, installationCostMinor: l.installationCostMinor })),
            monthlyTotalMinor: offer.totals.monthlyTotalMinor,
            installationTotalMinor: offer.totals.installationTotalMinor,
            validUntil: offer.validUntil,
            sentAt: new Date(offer.sentAt),
            executiveName: p.executiveId,
          }),
        ),
    });
    return generatedDocumentView(file);
  },
});

export const salesOrderDocuments = (deps: ResolverDeps, docs: SalesDocumentDeps): Pick<SalesOrderResolvers, 'orderForm'> => ({
  orderForm: async (o: SalesOrderDoc, _a, ctx: RequestContext) => {
    authorize(policy, 'readPipeline', ctx.principal);
    const tenantId = ctx.principal.tenantId;
    // What the clerk entered when entered; the accepted lines before (the form printed to be signed).
    const lines = (o.enteredLines?.length ? o.enteredLines : o.acceptedLines ?? []).map((l) => ({
      planCode: l.planCode, promotionCode: l.promotionCode ?? null, monthlyFeeMinor: l.monthlyFeeMinor, installationCostMinor: l.installationCostMinor,
    }));
    const file = await docs.documents.documentFor({
      tenantId,
      documentType: 'ORDER_FORM',
      entity: { type: 'SalesOrder', id: o._id, version: o.version },
      name: `solicitud-pedido-${o._id}.pdf`,
      createdBy: ctx.principal.userId,
      render: async () =>
        docs.renderPdf(
          orderFormSpec(await deps.tenantPolicy.letterheadOf(tenantId), {
            // What the customer reads: the business number (SO-…, issue #15); the id only for older orders.
            orderId: o.number ?? o._id,
            customerName: await customerName(deps, o.customerId),
            installationAddress: o.installationAddress,
            currency: o.currency,
            lines,
            requirementDocuments: o.requirementDocuments ?? [],
            placedAt: new Date(o.placedAt),
            status: o.status,
          }),
        ),
    });
    return generatedDocumentView(file);
  },
});
