import { failedPrecondition, type DocumentSpec, type FileStore, type GeneratedDocuments, type GeneratedDocumentView, type Principal } from '@vinculo/common';
import { offerLetterSpec, orderFormSpec } from '../domain/documents';
import type { SaleProjectDoc } from '../store/sale-project.model';
import type { SalesOrderDoc } from '../store/sales-order.model';
import type { SalesDeps } from './deps';

/** What sales needs to generate its documents (wired in subgraph.ts). */
export interface SalesDocumentDeps {
  files: FileStore;
  documents: GeneratedDocuments;
  renderPdf: (spec: DocumentSpec) => Promise<Buffer>;
}

/*
 * SaleProject.offerLetter and SalesOrder.orderForm: generated from sales' own data when first asked
 * for, stored with the entity version (kit generatedDocuments), the same document afterwards.
 */

/** The offer letter of the project's latest commercial offer (none yet → FAILED_PRECONDITION). */
export async function offerLetter(
  deps: Pick<SalesDeps, 'customers' | 'tenantPolicy'>,
  docs: SalesDocumentDeps,
  principal: Principal,
  p: SaleProjectDoc,
): Promise<GeneratedDocumentView> {
  const offer = p.offers[p.offers.length - 1];
  if (!offer) throw failedPrecondition(`sale project ${p._id} is ${p.status}: no commercial offer was made yet (makeCommercialOffer)`, 'offerLetter');
  const tenantId = principal.tenantId;
  return docs.documents.viewFor({
    tenantId,
    documentType: 'OFFER_LETTER',
    entity: { type: 'SaleProject', id: p._id, version: p.version },
    name: `oferta-comercial-${offer.number}-${p._id}.pdf`,
    createdBy: principal.userId,
    render: async () =>
      docs.renderPdf(
        offerLetterSpec(await deps.tenantPolicy.letterheadOf(tenantId), {
          customerName: await deps.customers.nameOf(tenantId, p.customerId),
          offerNumber: offer.number,
          needs: p.needs,
          installationAddress: p.installationAddress,
          currency: p.currency,
          lines: offer.lines.map((l) => ({
            planCode: l.planCode,
            family: l.family,
            promotionCode: l.promotionCode,
            listMonthlyFeeMinor: l.listMonthlyFeeMinor,
            monthlyFeeMinor: l.monthlyFeeMinor,
            installationCostMinor: l.installationCostMinor,
          })),
          monthlyTotalMinor: offer.totals.monthlyTotalMinor,
          installationTotalMinor: offer.totals.installationTotalMinor,
          validUntil: offer.validUntil,
          sentAt: new Date(offer.sentAt),
          executiveName: p.executiveId,
        }),
      ),
  });
}

/** The order form: what the clerk entered when entered; the accepted lines before (the form printed to be signed). */
export async function orderForm(
  deps: Pick<SalesDeps, 'customers' | 'tenantPolicy'>,
  docs: SalesDocumentDeps,
  principal: Principal,
  o: SalesOrderDoc,
): Promise<GeneratedDocumentView> {
  const tenantId = principal.tenantId;
  const lines = (o.enteredLines?.length ? o.enteredLines : (o.acceptedLines ?? [])).map((l) => ({
    planCode: l.planCode,
    promotionCode: l.promotionCode ?? null,
    monthlyFeeMinor: l.monthlyFeeMinor,
    installationCostMinor: l.installationCostMinor,
  }));
  return docs.documents.viewFor({
    tenantId,
    documentType: 'ORDER_FORM',
    entity: { type: 'SalesOrder', id: o._id, version: o.version },
    name: `solicitud-pedido-${o._id}.pdf`,
    createdBy: principal.userId,
    render: async () =>
      docs.renderPdf(
        orderFormSpec(await deps.tenantPolicy.letterheadOf(tenantId), {
          // What the customer reads: the business number (SO-…, issue #15); the id only for older orders.
          orderId: o.number ?? o._id,
          customerName: await deps.customers.nameOf(tenantId, o.customerId),
          installationAddress: o.installationAddress,
          currency: o.currency,
          lines,
          requirementDocuments: o.requirementDocuments ?? [],
          placedAt: new Date(o.placedAt),
          status: o.status,
        }),
      ),
  });
}
