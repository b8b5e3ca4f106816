import { sumCounters } from '@vinculo/common';
import { balanceOf, outstandingOf, type LedgerInvoice } from './ledger';
import { ageing, percent, type AgeingBucket } from './indicators';

/**
 * The collections indicators from maintained totals instead of a scan of every account (issue #18).
 * An account contributes to its tenant's totals what today's answer would count for it; every ledger
 * write carries the difference it makes (after − before) as a delta, and the deltas are added to the
 * tenant's totals document once (idempotent by the delta's key, account id @ version).
 *
 * Totals are flat paths → numbers, the shape of a `$inc`:
 *   `cur.<currency>.accounts`         accounts with at least one invoice (the currency is shown)
 *   `cur.<currency>.outstanding`      their unpaid debt
 *   `cur.<currency>.overdueAccounts`  those OVERDUE (the currency is shown under overdue)
 *   `cur.<currency>.overdue`          their overdue amount
 *   `cur.<currency>.due.<YYYY-MM-DD>` unpaid debt by due date (ageing is bucketed at read time, as of today)
 *   `bill.<YYYY-MM>.<segment>~<currency>.invoices|totalMinor` billing per segment of a period
 */
export type Totals = Record<string, number>;

export interface ContributingAccount {
  currency: string;
  invoices: readonly LedgerInvoice[];
  standing: string;
  overdueMinor: number;
}

/** Field names must not carry `.` or `$`; segments and currencies never do, this keeps it so. */
const safe = (s: string): string => s.replace(/[.$]/g, '_');

/** What one account counts for in its tenant's totals (nothing while it has no invoice, as today's scan). */
export function contributionOf(a: ContributingAccount): Totals {
  const invoices = a.invoices ?? [];
  if (invoices.length === 0) return {};
  const c = `cur.${safe(a.currency)}`;
  const t: Totals = { [`${c}.accounts`]: 1, [`${c}.outstanding`]: balanceOf({ invoices: [...invoices], creditMinor: 0 }) };
  if (a.standing === 'OVERDUE') {
    t[`${c}.overdueAccounts`] = 1;
    t[`${c}.overdue`] = a.overdueMinor ?? 0;
  }
  for (const i of invoices) {
    const open = outstandingOf(i);
    if (open > 0) t[`${c}.due.${i.dueDate}`] = (t[`${c}.due.${i.dueDate}`] ?? 0) + open;
  }
  return t;
}

/** An invoice counted as billing of its period (monthly and imported; a receivable invoice is not billing). */
export function billingOf(invoice: { period: string; segment: string | null; currency: string; totalMinor: number; kind: string }): Totals {
  if (invoice.kind === 'RECEIVABLE') return {};
  const k = `bill.${safe(invoice.period)}.${safe(invoice.segment ?? 'UNKNOWN')}~${safe(invoice.currency)}`;
  return { [`${k}.invoices`]: 1, [`${k}.totalMinor`]: invoice.totalMinor };
}

/** a + b (paths absent count as 0), zeros left out. */
export const addTotals = (...parts: Totals[]): Totals => sumTotals(parts);

/** The sum of any number of totals (an array: a tenant's accounts are too many for function arguments).(the kit's `sumCounters`). */
export const sumTotals: (parts: readonly Totals[]) => Totals = sumCounters;

/** after − before, zeros left out: what a write adds to the totals. */
export const deltaOf = (before: Totals, after: Totals): Totals => addTotals(after, Object.fromEntries(Object.entries(before).map(([k, v]) => [k, -v])));

export interface TotalsView {
  billingBySegment: { segment: string; currency: string; invoices: number; totalMinor: number }[];
  outstanding: { currency: string; amountMinor: number }[];
  overdue: { currency: string; amountMinor: number }[];
  overdueRatioPercent: number | null;
  ageing: { bucket: AgeingBucket; amountMinor: number }[];
}

/** The account-based indicators of a period from the totals, as of `today` (tenant calendar), ageing in the tenant's currency. */
export function indicatorsFromTotals(totals: Totals, period: string, tenantCurrency: string, today: string): TotalsView {
  const currencies = new Map<string, Totals>();
  const billing = new Map<string, { segment: string; currency: string; invoices: number; totalMinor: number }>();
  for (const [path, v] of Object.entries(totals)) {
    const [root, a, b, ...rest] = path.split('.');
    if (root === 'cur' && a && b) {
      const cur = currencies.get(a) ?? {};
      cur[[b, ...rest].join('.')] = v;
      currencies.set(a, cur);
    } else if (root === 'bill' && a === safe(period) && b && rest[0]) {
      const [segment, currency] = b.split('~') as [string, string];
      const e = billing.get(b) ?? { segment, currency, invoices: 0, totalMinor: 0 };
      if (rest[0] === 'invoices') e.invoices = v;
      if (rest[0] === 'totalMinor') e.totalMinor = v;
      billing.set(b, e);
    }
  }
  const sorted = [...currencies.entries()].sort(([a], [b]) => a.localeCompare(b));
  const outstanding = sorted.filter(([, t]) => (t.accounts ?? 0) > 0).map(([currency, t]) => ({ currency, amountMinor: t.outstanding ?? 0 }));
  const overdue = sorted.filter(([, t]) => (t.overdueAccounts ?? 0) > 0).map(([currency, t]) => ({ currency, amountMinor: t.overdue ?? 0 }));
  const dueDates = Object.entries(currencies.get(safe(tenantCurrency)) ?? {})
    .filter(([k, v]) => k.startsWith('due.') && v > 0)
    .map(([k, v]) => ({ invoiceId: k, period: '', dueDate: k.slice(4), totalMinor: v, paidMinor: 0 }));
  return {
    billingBySegment: [...billing.values()]
      .filter((e) => e.invoices > 0)
      .sort((a, b) => a.segment.localeCompare(b.segment) || a.currency.localeCompare(b.currency)),
    outstanding,
    overdue,
    overdueRatioPercent: percent(
      overdue.reduce((s, o) => s + o.amountMinor, 0),
      outstanding.reduce((s, o) => s + o.amountMinor, 0),
    ),
    ageing: ageing(dueDates, today),
  };
}
