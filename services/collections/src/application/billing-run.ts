import { badInput, businessNow, type CustomerDirectory, findOneById, insertOnce, newEnvelope, ruleViolated, type TenantPolicyReadModel } from '@vinculo/common';
import type { BillingAccountDoc, BillingAccountModel } from '../store/billing-account.model';
import type { SubscriptionModel } from '../store/subscription.model';
import type { ChargeModel } from '../store/charge.model';
import type { InvoiceDoc, InvoiceModel } from '../store/invoice.model';
import { calendarDate, dueDateOf, parsePeriod, periodEnded, periodKey, type Period } from '../domain/period';
import { billSubscriptionMonth } from '../domain/subscription-billing';
import { invoiceIdFor, invoiceNumberFor, totalOf, type InvoiceLine } from '../domain/invoice';
import { addInvoice } from '../domain/ledger';
import { billedMonthly, invoiceKindOf } from '../domain/receivable-invoice';
import { changeAccountLedger, ledgerOf, type Actor } from './account-ledger';

export interface BillingStores {
  accounts: BillingAccountModel;
  subscriptions: SubscriptionModel;
  charges: ChargeModel;
  invoices: InvoiceModel;
  directory: CustomerDirectory;
  tenantPolicy: TenantPolicyReadModel;
}

export interface BillingRunResult {
  period: string;
  issued: InvoiceDoc[];
  alreadyIssued: number;
  nothingToBill: number;
}

/**
 * R-COL-BILL1 a period is billed once it has ended (tenant calendar); one invoice per account and
 * period with a deterministic id, so a re-run (or a crash half-way) completes what is missing and
 * changes nothing that was done.
 */
export async function runBillingPeriod(stores: BillingStores, who: Actor, periodText: string, now = businessNow(who.tenantId), onlyAccountId?: string): Promise<BillingRunResult> {
  const period = parsePeriod(periodText);
  const snapshot = await stores.tenantPolicy.policyFor(who.tenantId);
  const today = calendarDate(now, snapshot.timeZone);
  if (!periodEnded(period, today)) throw ruleViolated('R-COL-BILL1', `period ${periodKey(period)} has not ended yet`);
  const filter = { tenantId: who.tenantId, ...(onlyAccountId ? { _id: onlyAccountId } : {}) };
  const accounts = await stores.accounts.find(filter).sort({ _id: 1 }).lean<BillingAccountDoc[]>();
  if (onlyAccountId && accounts.length === 0) throw badInput(`billing account ${onlyAccountId} not found`, 'billingAccountId');
  const result: BillingRunResult = { period: periodKey(period), issued: [], alreadyIssued: 0, nothingToBill: 0 };
  for (const account of accounts) {
    const outcome = await billAccount(stores, who, account, period, snapshot, today, now);
    if (outcome === 'nothing') result.nothingToBill++;
    else if (outcome.fresh) result.issued.push(outcome.invoice);
    else result.alreadyIssued++;
  }
  return result;
}

type Snapshot = Awaited<ReturnType<TenantPolicyReadModel['policyFor']>>;

async function billAccount(
  stores: BillingStores,
  who: Actor,
  account: BillingAccountDoc,
  period: Period,
  snapshot: Snapshot,
  today: string,
  now: Date,
): Promise<'nothing' | { invoice: InvoiceDoc; fresh: boolean }> {
  const key = periodKey(period);
  const id = invoiceIdFor(who.tenantId, account._id, key);
  let invoice = await findOneById(stores.invoices, who.tenantId, id);
  if (!invoice) {
    const lines = await linesFor(stores, who.tenantId, account, period, snapshot);
    if (lines.length === 0) return 'nothing';
    const draft: InvoiceDoc = {
      _id: id,
      kind: 'MONTHLY',
      tenantId: who.tenantId,
      billingAccountId: account._id,
      customerId: account.customerId,
      number: invoiceNumberFor(account.accountNumber, key),
      period: key,
      currency: account.currency,
      issuedAt: now,
      dueDate: dueDateOf(period),
      lines,
      totalMinor: totalOf(lines),
      segment: await segmentOf(stores.directory, account),
    };
    invoice = await storeInvoiceOnce(stores.invoices, draft);
  }
  const issued = invoice;
  // Completing a run interrupted after the insert: the charges it billed are marked, the ledger gets it once.
  const chargeIds = issued.lines.map((l) => l.chargeId).filter((c): c is string => c !== null);
  if (chargeIds.length) await stores.charges.updateMany({ tenantId: who.tenantId, _id: { $in: chargeIds }, invoiceId: null }, { $set: { invoiceId: issued._id } });
  const changed = await postInvoice(stores.accounts, who, issued, today, snapshot.policy.overdueAfterDays, now);
  return { invoice: issued, fresh: changed };
}

/** The customer's segment (kind) an invoice is counted under in the billing indicators. */
export async function segmentOf(directory: CustomerDirectory, account: Pick<BillingAccountDoc, 'tenantId' | 'customerId'>): Promise<string | null> {
  const customer = await findOneById(directory.model, account.tenantId, account.customerId, { kind: 1 });
  return customer?.kind ?? null;
}

/**
 * Store an invoice under its deterministic id once and return what is stored: the draft, or the one a
 * previous (maybe interrupted) run or import stored first, which the caller then completes or compares.
 */
export async function storeInvoiceOnce(invoices: InvoiceModel, draft: InvoiceDoc): Promise<InvoiceDoc> {
  await insertOnce(invoices, draft);
  const stored = await findOneById(invoices, draft.tenantId, draft._id);
  if (!stored) throw new Error(`invoice ${draft._id} vanished`);
  return stored;
}

/**
 * Put an issued invoice on its account's ledger, once (an existing credit pays it), with
 * collections.InvoiceIssued in the same versioned write; the standing is recomputed. Returns false when
 * the ledger already had it (a re-run, a re-import, a completed crash): InvoiceIssued is published once.
 */
export async function postInvoice(accounts: BillingAccountModel, who: Actor, issued: InvoiceDoc, today: string, overdueAfterDays: number, now: Date): Promise<boolean> {
  const { changed } = await changeAccountLedger(accounts, who, issued.billingAccountId, today, overdueAfterDays, (acc) => {
    const ledger = ledgerOf(acc);
    if (ledger.invoices.some((i) => i.invoiceId === issued._id)) return null;
    const added = addInvoice(ledger, { invoiceId: issued._id, period: issued.period, dueDate: issued.dueDate, totalMinor: issued.totalMinor });
    return {
      ledger: added.ledger,
      events: [
        newEnvelope('collections', who, {
          type: 'collections.InvoiceIssued',
          subject: acc._id,
          data: {
            invoiceId: issued._id,
            number: issued.number,
            billingAccountId: acc._id,
            customerId: acc.customerId,
            period: issued.period,
            dueDate: issued.dueDate,
            totalAmount: issued.totalMinor,
            creditApplied: added.creditUsedMinor,
            currency: issued.currency,
            segment: issued.segment,
            lineCount: issued.lines.length,
            kind: invoiceKindOf(issued),
            ...(issued.externalId ? { externalId: issued.externalId } : {}),
          },
        }, now),
      ],
    };
  }, now);
  return changed;
}

async function linesFor(stores: BillingStores, tenantId: string, account: BillingAccountDoc, period: Period, snapshot: Snapshot): Promise<InvoiceLine[]> {
  const subs = await stores.subscriptions.find({ tenantId, billingAccountId: account._id }).sort({ _id: 1 }).lean();
  const lines: InvoiceLine[] = [];
  for (const s of subs) {
    for (const l of billSubscriptionMonth(s.installedProductId, s.changes, period, snapshot.policy.multiBasicTelephonyAmountMinor)) {
      lines.push({ kind: l.kind, description: l.description, installedProductId: l.installedProductId, chargeId: null, days: l.days, amountMinor: l.amountMinor });
    }
  }
  const end = dueDateOf(period);
  // A charge settled by a receivable invoice of its own (R-PS-H4 factura CxC) is never a monthly line.
  const pending = await stores.charges.find({ tenantId, billingAccountId: account._id, invoiceId: null, currency: account.currency, settlement: { $ne: 'RECEIVABLE_INVOICE' } }).sort({ requestedAt: 1, _id: 1 }).lean();
  for (const c of pending) {
    if (!billedMonthly(c) || calendarDate(c.requestedAt, snapshot.timeZone) >= end) continue;
    lines.push({ kind: c.kind, description: c.description, installedProductId: c.installedProductId, chargeId: c._id, days: null, amountMinor: c.amountMinor });
  }
  return lines;
}
