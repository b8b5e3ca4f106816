import { badInput, conflict } from '@vinculo/common';
import { daysBetween } from './period';

/** One invoice as the account's ledger keeps it: what it asks and what has been paid on it. */
export interface LedgerInvoice {
  invoiceId: string;
  period: string;
  dueDate: string;
  totalMinor: number;
  paidMinor: number;
}

export interface Ledger {
  invoices: LedgerInvoice[];
  /** Paid beyond the debt (saldo a favor): applied to the next invoices, never a negative invoice. */
  creditMinor: number;
}

export interface Allocation {
  invoiceId: string;
  amountMinor: number;
}

export const outstandingOf = (i: LedgerInvoice): number => i.totalMinor - i.paidMinor;
/** Oldest first: by due date, then period, then id (stable). */
const oldestFirst = (a: LedgerInvoice, b: LedgerInvoice) =>
  a.dueDate.localeCompare(b.dueDate) || a.period.localeCompare(b.period) || a.invoiceId.localeCompare(b.invoiceId);

/** Spread an amount over the open invoices, oldest first; what is left becomes credit. */
function spread(ledger: Ledger, amountMinor: number): { ledger: Ledger; allocations: Allocation[]; leftMinor: number } {
  let left = amountMinor;
  const allocations: Allocation[] = [];
  const paid = new Map<string, number>();
  for (const inv of [...ledger.invoices].sort(oldestFirst)) {
    if (left === 0) break;
    const take = Math.min(left, outstandingOf(inv));
    if (take <= 0) continue;
    allocations.push({ invoiceId: inv.invoiceId, amountMinor: take });
    paid.set(inv.invoiceId, take);
    left -= take;
  }
  const invoices = ledger.invoices.map((i) => (paid.has(i.invoiceId) ? { ...i, paidMinor: i.paidMinor + (paid.get(i.invoiceId) ?? 0) } : i));
  return { ledger: { ...ledger, invoices }, allocations, leftMinor: left };
}

/** A payment: allocated to the oldest open invoices first; the excess is a credit balance. */
export function applyPayment(ledger: Ledger, amountMinor: number): { ledger: Ledger; allocations: Allocation[]; creditAddedMinor: number } {
  if (!Number.isInteger(amountMinor) || amountMinor <= 0) throw badInput('a payment amount must be positive', 'amount');
  const r = spread(ledger, amountMinor);
  return { ledger: { ...r.ledger, creditMinor: r.ledger.creditMinor + r.leftMinor }, allocations: r.allocations, creditAddedMinor: r.leftMinor };
}

/** A new invoice enters the ledger; an existing credit balance pays it (never below zero). */
export function addInvoice(ledger: Ledger, invoice: Omit<LedgerInvoice, 'paidMinor'>): { ledger: Ledger; creditUsedMinor: number } {
  if (ledger.invoices.some((i) => i.invoiceId === invoice.invoiceId)) throw conflict(`invoice ${invoice.invoiceId} is already in the ledger`);
  const creditUsedMinor = Math.min(ledger.creditMinor, invoice.totalMinor);
  return {
    ledger: { invoices: [...ledger.invoices, { ...invoice, paidMinor: creditUsedMinor }], creditMinor: ledger.creditMinor - creditUsedMinor },
    creditUsedMinor,
  };
}

/** A credit adjustment (an accepted billing claim): pays open invoices oldest first, the rest is credit. */
export const applyCredit = applyPayment;

export type Standing = 'UP_TO_DATE' | 'OVERDUE';

export interface StandingView {
  standing: Standing;
  overdueMinor: number;
  /** The oldest overdue invoice's due date (null when up to date). */
  overdueSinceDate: string | null;
}

/**
 * R-COL-STANDING: an account is OVERDUE (en mora) when an invoice is still unpaid more than
 * `overdueAfterDays` (tenant policy) after its due date, as of `today` (tenant calendar date).
 */
export function standingOf(ledger: Ledger, today: string, overdueAfterDays: number): StandingView {
  const overdue = ledger.invoices.filter((i) => outstandingOf(i) > 0 && daysBetween(i.dueDate, today) > overdueAfterDays).sort(oldestFirst);
  if (overdue.length === 0) return { standing: 'UP_TO_DATE', overdueMinor: 0, overdueSinceDate: null };
  return { standing: 'OVERDUE', overdueMinor: overdue.reduce((s, i) => s + outstandingOf(i), 0), overdueSinceDate: overdue[0]?.dueDate ?? null };
}

export const balanceOf = (ledger: Ledger): number => ledger.invoices.reduce((s, i) => s + outstandingOf(i), 0);

/** An allocation as the graph shows it: with its payment's currency. */
export type AllocationView = Allocation & { currency: string };
