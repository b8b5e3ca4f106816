import { badInput, businessNow, conflict, type CustomerDirectory, findOneById, notFound, type Principal, type TenantPolicyReadModel } from '@vinculo/common';
import type { BillingAccountModel } from '../store/billing-account.model';
import type { InvoiceDoc, InvoiceModel } from '../store/invoice.model';
import { decideImportedInvoice, importedInvoiceIdFor, type ImportedInvoiceInput } from '../domain/invoice-import';
import { calendarDate } from '../domain/period';
import { postInvoice, segmentOf, storeInvoiceOnce } from './billing-run';

export interface ImportStores {
  accounts: BillingAccountModel;
  invoices: InvoiceModel;
  directory: CustomerDirectory;
  tenantPolicy: TenantPolicyReadModel;
}

/**
 * Import an invoice from an external billing system (integration partner, billing:write). Idempotent
 * by tenant + externalId: the id is derived from them, so a repeated import with the same content is
 * the same invoice (posted to the ledger and published once, also after a crash half-way), and the same
 * externalId with different content is a CONFLICT. Checked to the cent before anything is written.
 */
export async function importInvoice(
  stores: ImportStores,
  who: Principal,
  input: ImportedInvoiceInput & { billingAccountId: string; issuedAt?: Date | null },
  now = businessNow(who.tenantId),
): Promise<{ invoice: InvoiceDoc; created: boolean }> {
  const account = await findOneById(stores.accounts, who.tenantId, input.billingAccountId);
  if (!account) throw notFound('BillingAccount', input.billingAccountId);
  const decided = decideImportedInvoice(input, account._id, account.currency);
  const issuedAt = input.issuedAt ?? now;
  if (issuedAt.getTime() > now.getTime() + 60_000) throw badInput('issuedAt must not be in the future', 'issuedAt');
  const id = importedInvoiceIdFor(who.tenantId, decided.externalId);
  const draft: InvoiceDoc = {
    _id: id,
    kind: 'IMPORTED',
    tenantId: who.tenantId,
    billingAccountId: account._id,
    customerId: account.customerId,
    number: `${account.accountNumber}-X-${decided.externalId}`.slice(0, 140),
    period: decided.period,
    currency: account.currency,
    issuedAt,
    dueDate: decided.dueDate,
    lines: decided.lines,
    totalMinor: decided.totalMinor,
    segment: await segmentOf(stores.directory, account),
    externalId: decided.externalId,
    contentHash: decided.contentHash,
    importedBy: who.userId,
  };
  const stored = await storeInvoiceOnce(stores.invoices, draft);
  if (stored.contentHash !== decided.contentHash) {
    throw conflict(`external invoice ${decided.externalId} was already imported (as ${stored.number}) with different content`, { field: 'externalId' });
  }
  const snapshot = await stores.tenantPolicy.policyFor(who.tenantId);
  const created = await postInvoice(stores.accounts, who, stored, calendarDate(now, snapshot.timeZone), snapshot.policy.overdueAfterDays, now);
  return { invoice: stored, created };
}
