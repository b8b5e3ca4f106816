import { idFromEvent } from '@vinculo/common';

/** Deterministic invoice id per tenant, account and period: re-running a period hits the same id. */
export function invoiceIdFor(tenantId: string, billingAccountId: string, period: string): string {
  return idFromEvent('inv', `${tenantId}|${billingAccountId}|${period}`);
}

/** Invoice number: the account number and the period, e.g. `BA-0000ABCD-202603` (one invoice per account and period). */
export const invoiceNumberFor = (accountNumber: string, period: string): string => `${accountNumber}-${period.replace('-', '')}`;

export type InvoiceLineKind = 'PLAN_FEE' | 'FINAL_BILL' | 'FEE' | 'PENALTY' | 'EXCESS_CABLE' | 'RECEIVABLE' | 'CALL_DETAIL';

export interface InvoiceLine {
  kind: InvoiceLineKind;
  description: string;
  installedProductId: string | null;
  chargeId: string | null;
  days: number | null;
  amountMinor: number;
}

export const totalOf = (lines: readonly InvoiceLine[]): number => lines.reduce((s, l) => s + l.amountMinor, 0);

/** A line as the graph shows it: with its invoice's currency. */
export type InvoiceLineView = InvoiceLine & { currency: string };
