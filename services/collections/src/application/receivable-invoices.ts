import { businessNow, type CustomerDirectory, findOneById, SYSTEM_ACTOR, type TenantPolicyReadModel } from '@vinculo/common';
import type { BillingAccountModel } from '../store/billing-account.model';
import type { ChargeDoc, ChargeModel } from '../store/charge.model';
import type { InvoiceDoc, InvoiceModel } from '../store/invoice.model';
import { calendarDate } from '../domain/period';
import { decideReceivableInvoice } from '../domain/receivable-invoice';
import { postInvoice, segmentOf, storeInvoiceOnce } from './billing-run';

export interface ReceivableStores {
  accounts: BillingAccountModel;
  charges: ChargeModel;
  invoices: InvoiceModel;
  directory: CustomerDirectory;
  tenantPolicy: TenantPolicyReadModel;
}

/**
 * R-PS-H4 factura CxC: issue the receivable invoice of every charge of this customer settled by
 * RECEIVABLE_INVOICE that has an account and no invoice yet. Called after a charge is stored and after
 * every write that gives charges an account, so the order of events does not matter. Idempotent and
 * crash-safe: the invoice id is derived from the charge (stored once), the ledger takes it once (and
 * InvoiceIssued with it), and only then the charge is marked invoiced — a redelivery completes what a
 * crash left half-way. Returns the invoices posted now.
 */
export async function issuePendingReceivables(
  stores: ReceivableStores,
  tenantId: string,
  customerId: string,
  now = businessNow(tenantId),
): Promise<InvoiceDoc[]> {
  const pending = await stores.charges
    .find({ tenantId, customerId, settlement: 'RECEIVABLE_INVOICE', invoiceId: null, billingAccountId: { $ne: null } })
    .sort({ requestedAt: 1, _id: 1 })
    .lean<ChargeDoc[]>();
  if (pending.length === 0) return [];
  const snapshot = await stores.tenantPolicy.policyFor(tenantId);
  const who = { tenantId, actor: SYSTEM_ACTOR };
  const posted: InvoiceDoc[] = [];
  for (const charge of pending) {
    const account = charge.billingAccountId ? await findOneById(stores.accounts, tenantId, charge.billingAccountId) : null;
    const decision = decideReceivableInvoice(tenantId, charge, account, now, snapshot.timeZone);
    if (!decision.issue || !account) continue;
    const { invoice } = decision;
    const stored = await storeInvoiceOnce(stores.invoices, {
      ...invoice,
      tenantId,
      customerId: account.customerId,
      currency: account.currency,
      issuedAt: now,
      segment: await segmentOf(stores.directory, account),
    });
    if (await postInvoice(stores.accounts, who, stored, calendarDate(now, snapshot.timeZone), snapshot.policy.overdueAfterDays, now)) posted.push(stored);
    // The account it was issued on is where the charge stays (it no longer follows its product).
    await stores.charges.updateOne(
      { _id: charge._id, tenantId, invoiceId: null },
      { $set: { invoiceId: stored._id, billingAccountId: stored.billingAccountId } },
    );
  }
  return posted;
}
