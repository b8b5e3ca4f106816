import { authorize, businessNow, failedPrecondition, localDay, type RequestContext } from '@vinculo/common';
import type { BillingAccountResolvers, InvoiceResolvers } from '../__generated__/resolvers-types';
import type { ResolverDeps } from './deps';
import type { InvoiceDoc } from '../store/invoice.model';
import type { BillingAccountDoc } from '../store/billing-account.model';
import { policy } from '../policy';
import { overdueLetterSpec, proformaInvoiceSpec } from '../domain/documents';

/**
 * Invoice.document and BillingAccount.overdueLetter: generated from collections' own data when first
 * asked for, stored with the entity version (kit generatedDocuments), the same document afterwards.
 */
export const invoiceDocument = (deps: ResolverDeps): Pick<InvoiceResolvers, 'document'> => ({
  document: async (i: InvoiceDoc, _a, ctx: RequestContext) => {
    authorize(policy, 'readCollections', ctx.principal);
    const tenantId = ctx.principal.tenantId;
    return deps.documents.viewFor({
      tenantId,
      documentType: 'PROFORMA_INVOICE',
      // An invoice is immutable once issued: its first version is its only one.
      entity: { type: 'Invoice', id: i._id, version: 1 },
      name: `factura-proforma-${i.number}.pdf`,
      createdBy: ctx.principal.userId,
      render: async () => {
        const account = await deps.reads.account(ctx, i.billingAccountId);
        return deps.renderPdf(
          proformaInvoiceSpec(await deps.tenantPolicy.letterheadOf(tenantId), {
            number: i.number,
            period: i.period,
            issuedAt: i.issuedAt,
            dueDate: i.dueDate,
            currency: i.currency,
            customerName: await deps.reads.customerName(tenantId, i.customerId),
            accountNumber: account?.accountNumber ?? i.billingAccountId,
            lines: i.lines,
            totalMinor: i.totalMinor,
          }),
        );
      },
    });
  },
});

export const accountDocuments = (deps: ResolverDeps): Pick<BillingAccountResolvers, 'overdueLetter'> => ({
  overdueLetter: async (a: BillingAccountDoc, _a, ctx: RequestContext) => {
    authorize(policy, 'readCollections', ctx.principal);
    if (a.standing !== 'OVERDUE')
      throw failedPrecondition(`account ${a.accountNumber} is ${a.standing}: an overdue letter is written only for an OVERDUE account`, 'overdueLetter');
    const tenantId = ctx.principal.tenantId;
    return deps.documents.viewFor({
      tenantId,
      documentType: 'OVERDUE_LETTER',
      entity: { type: 'BillingAccount', id: a._id, version: a.version },
      name: `carta-mora-${a.accountNumber}-v${a.version}.pdf`,
      createdBy: ctx.principal.userId,
      render: async () => {
        const tenant = await deps.tenantPolicy.letterheadOf(tenantId);
        const now = businessNow(tenantId);
        const day = localDay(now, tenant.timeZone);
        const owed = a.invoices.filter((l) => l.paidMinor < l.totalMinor && l.dueDate < day);
        const docs = await deps.reads.invoicesByIds(
          tenantId,
          owed.map((l) => l.invoiceId),
        );
        const numberOf = new Map(docs.map((d) => [d._id, d.number]));
        return deps.renderPdf(
          overdueLetterSpec(tenant, {
            customerName: await deps.reads.customerName(tenantId, a.customerId),
            accountNumber: a.accountNumber,
            currency: a.currency,
            day,
            at: now,
            invoices: owed.map((l) => ({
              number: numberOf.get(l.invoiceId) ?? l.invoiceId,
              period: l.period,
              dueDate: l.dueDate,
              outstandingMinor: l.totalMinor - l.paidMinor,
            })),
            overdueMinor: owed.reduce((s, l) => s + l.totalMinor - l.paidMinor, 0),
          }),
        );
      },
    });
  },
});
