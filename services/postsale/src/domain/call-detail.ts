import { badInput, isYearMonth, ruleViolated } from '@vinculo/common';

/** §3 G Outgoing-call detail. */
export type Carrier = 'OWN' | 'PARTNER';
export type DeliveryChannel = 'EMAIL' | 'WHATSAPP' | 'IN_PERSON';

export interface CallDetailPrice {
  months: string[];
  chargeableMonths: string[];
  amountMinor: number;
}

/**
 * R-PS-G1: the partner carrier's (Boliviatel) detail is free; the own detail of the current month is
 * free and each previous month costs the tenant's fee (default 12 Bs), charged on the line's invoice.
 * Months after the current one cannot be requested.
 */
export function priceCallDetail(months: readonly string[], carrier: Carrier, currentMonth: string, feePerPreviousMonthMinor: number): CallDetailPrice {
  if (months.length === 0 || months.length > 24) throw badInput('request 1 to 24 months', 'months');
  const unique = [...new Set(months)].sort();
  if (unique.length !== months.length) throw badInput('a month is requested twice', 'months');
  for (const m of unique) {
    if (!isYearMonth(m)) throw badInput('months must be YYYY-MM', 'months');
    if (m > currentMonth) throw ruleViolated('R-PS-G1', `${m} has not happened yet: the detail covers the current month (${currentMonth}) or earlier ones`);
  }
  const chargeableMonths = carrier === 'PARTNER' ? [] : unique.filter((m) => m < currentMonth);
  return { months: unique, chargeableMonths, amountMinor: chargeableMonths.length * feePerPreviousMonthMinor };
}
