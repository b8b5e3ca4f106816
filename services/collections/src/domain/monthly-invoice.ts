import { calendarDate, dueDateOf, periodKey, type Period } from './period';
import { billSubscriptionMonth, type SubscriptionChange } from './subscription-billing';
import { invoiceIdFor, invoiceNumberFor, totalOf, type InvoiceLine, type InvoiceLineKind } from './invoice';
import { billedMonthly, type Settlement } from './receivable-invoice';

/**
 * One account's monthly invoice, decided in pure code from what the billing run read for a whole batch
 * of accounts at once (their subscriptions and pending charges): the run reads by batch, this decides
 * per account, the run writes by batch.
 */
export interface BillableAccount {
  _id: string;
  customerId: string;
  accountNumber: string;
  currency: string;
}

export interface BillableSubscription {
  _id: string;
  installedProductId: string;
  changes: SubscriptionChange[];
}

export interface PendingCharge {
  _id: string;
  kind: InvoiceLineKind;
  description: string;
  installedProductId: string | null;
  amountMinor: number;
  currency: string;
  requestedAt: Date;
  invoiceId: string | null;
  settlement?: Settlement | null;
}

export interface MonthlyInvoiceDraft {
  _id: string;
  kind: 'MONTHLY';
  billingAccountId: string;
  customerId: string;
  number: string;
  period: string;
  currency: string;
  dueDate: string;
  lines: InvoiceLine[];
  totalMinor: number;
}

export interface MonthlyBillingPolicy {
  timeZone: string;
  multiBasicTelephonyAmountMinor: number;
}

const byId = (a: { _id: string }, b: { _id: string }) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0);
const byRequest = (a: PendingCharge, b: PendingCharge) => a.requestedAt.getTime() - b.requestedAt.getTime() || byId(a, b);

/**
 * The lines of an account's month: plan fees of its subscriptions (in subscription id order) and its
 * pending charges of the account's currency requested before the month ended (oldest first). A charge
 * settled by a receivable invoice of its own (R-PS-H4 factura CxC) is never a monthly line.
 */
export function monthlyLines(
  account: BillableAccount,
  subscriptions: readonly BillableSubscription[],
  charges: readonly PendingCharge[],
  period: Period,
  policy: MonthlyBillingPolicy,
): InvoiceLine[] {
  const lines: InvoiceLine[] = [];
  for (const s of [...subscriptions].sort(byId)) {
    for (const l of billSubscriptionMonth(s.installedProductId, s.changes, period, policy.multiBasicTelephonyAmountMinor)) {
      lines.push({
        kind: l.kind,
        description: l.description,
        installedProductId: l.installedProductId,
        chargeId: null,
        days: l.days,
        amountMinor: l.amountMinor,
      });
    }
  }
  const end = dueDateOf(period);
  for (const c of [...charges].sort(byRequest)) {
    if (c.invoiceId !== null || c.currency !== account.currency || !billedMonthly(c)) continue;
    if (calendarDate(c.requestedAt, policy.timeZone) >= end) continue;
    lines.push({ kind: c.kind, description: c.description, installedProductId: c.installedProductId, chargeId: c._id, days: null, amountMinor: c.amountMinor });
  }
  return lines;
}

/** R-COL-BILL1 the account's invoice of the period (deterministic id and number), or null with nothing to bill. */
export function decideMonthlyInvoice(
  tenantId: string,
  account: BillableAccount,
  subscriptions: readonly BillableSubscription[],
  charges: readonly PendingCharge[],
  period: Period,
  policy: MonthlyBillingPolicy,
): MonthlyInvoiceDraft | null {
  const lines = monthlyLines(account, subscriptions, charges, period, policy);
  if (lines.length === 0) return null;
  const key = periodKey(period);
  return {
    _id: invoiceIdFor(tenantId, account._id, key),
    kind: 'MONTHLY',
    billingAccountId: account._id,
    customerId: account.customerId,
    number: invoiceNumberFor(account.accountNumber, key),
    period: key,
    currency: account.currency,
    dueDate: dueDateOf(period),
    lines,
    totalMinor: totalOf(lines),
  };
}

/**
 * The charges an issued invoice billed that are still marked pending (a run that died between storing
 * the invoice and marking them): the invoice as stored decides, not what is pending now.
 */
export function chargesToMark(
  invoice: { _id: string; lines: readonly InvoiceLine[] },
  pending: readonly { _id: string; invoiceId: string | null }[],
): string[] {
  const billed = new Set(invoice.lines.map((l) => l.chargeId).filter((c): c is string => c !== null));
  return pending.filter((c) => c.invoiceId === null && billed.has(c._id)).map((c) => c._id);
}
