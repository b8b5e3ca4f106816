import { idFromEvent } from '@vinculo/common';
import { calendarDate } from './period';
import type { InvoiceLine, InvoiceLineKind } from './invoice';

/** How a requested charge is billed (ChargeRequested.settlement; absent = NEXT_INVOICE). */
export type Settlement = 'NEXT_INVOICE' | 'RECEIVABLE_INVOICE';

/** What an invoice is: the monthly run's, a separate receivable invoice of one charge, or imported from an external system. */
export type InvoiceKind = 'MONTHLY' | 'RECEIVABLE' | 'IMPORTED';

/** R-PS-H4: a charge is billed on the next monthly invoice (the "economic claim") unless it asks for a receivable invoice (factura CxC). */
export const settlementOf = (requested: string | null | undefined): Settlement => (requested === 'RECEIVABLE_INVOICE' ? 'RECEIVABLE_INVOICE' : 'NEXT_INVOICE');

/** Whether the monthly run may put a pending charge on an invoice: never a charge that has (or will have) its own receivable invoice. */
export const billedMonthly = (charge: { settlement?: Settlement | null }): boolean => settlementOf(charge.settlement) === 'NEXT_INVOICE';

/** The kind of a stored invoice (documents written before kinds existed: imported if they have an external id, else monthly). */
export const invoiceKindOf = (i: { kind?: InvoiceKind | null; externalId?: string | null }): InvoiceKind => i.kind ?? (i.externalId ? 'IMPORTED' : 'MONTHLY');

/** Deterministic id of a charge's receivable invoice: per tenant and (stored) charge id, so a redelivery hits the same invoice. */
export function receivableInvoiceIdFor(tenantId: string, chargeDocId: string): string {
  return idFromEvent('inv', `${tenantId}|receivable|${chargeDocId}`);
}

export interface ReceivableCharge {
  _id: string;
  kind: InvoiceLineKind;
  description: string;
  installedProductId: string | null;
  amountMinor: number;
  currency: string;
  billingAccountId: string | null;
  invoiceId: string | null;
  settlement?: Settlement | null;
}

export interface ReceivableAccount {
  _id: string;
  accountNumber: string;
  currency: string;
}

export interface ReceivableInvoiceDraft {
  _id: string;
  kind: 'RECEIVABLE';
  billingAccountId: string;
  number: string;
  /** The local month of issue (the invoice is counted in that month, not in a monthly run's period). */
  period: string;
  /** Payable on receipt, like the monthly invoices (due the day they are issued): the local day of issue. */
  dueDate: string;
  lines: InvoiceLine[];
  totalMinor: number;
}

export type ReceivableDecision =
  { issue: true; invoice: ReceivableInvoiceDraft } | { issue: false; reason: 'NOT_RECEIVABLE' | 'ALREADY_INVOICED' | 'NO_ACCOUNT_YET' | 'CURRENCY_MISMATCH' };

/**
 * R-PS-H4 factura CxC: a charge settled by RECEIVABLE_INVOICE gets an invoice of its own, at once, on
 * its account (a charge whose account is not known yet waits, like any charge). One line, the charge;
 * the id is derived from the charge; period = local month of issue; due on the local day of issue
 * (monthly invoices are due on the day they are issued, the tenant policy's overdueAfterDays then
 * applies to both alike). A charge in another currency than the account's is never billed (as in the
 * monthly run).
 */
export function decideReceivableInvoice(
  tenantId: string,
  charge: ReceivableCharge,
  account: ReceivableAccount | null,
  issuedAt: Date,
  timeZone: string,
): ReceivableDecision {
  if (settlementOf(charge.settlement) !== 'RECEIVABLE_INVOICE') return { issue: false, reason: 'NOT_RECEIVABLE' };
  if (charge.invoiceId) return { issue: false, reason: 'ALREADY_INVOICED' };
  if (!charge.billingAccountId || !account || account._id !== charge.billingAccountId) return { issue: false, reason: 'NO_ACCOUNT_YET' };
  if (charge.currency !== account.currency) return { issue: false, reason: 'CURRENCY_MISMATCH' };
  const id = receivableInvoiceIdFor(tenantId, charge._id);
  const day = calendarDate(issuedAt, timeZone);
  const line: InvoiceLine = {
    kind: charge.kind,
    description: charge.description,
    installedProductId: charge.installedProductId,
    chargeId: charge._id,
    days: null,
    amountMinor: charge.amountMinor,
  };
  return {
    issue: true,
    invoice: {
      _id: id,
      kind: 'RECEIVABLE',
      billingAccountId: account._id,
      number: `${account.accountNumber}-R-${id.slice(4, 14).toUpperCase()}`,
      period: day.slice(0, 7),
      dueDate: day,
      lines: [line],
      totalMinor: charge.amountMinor,
    },
  };
}
