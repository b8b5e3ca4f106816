import { addDays, badInput } from '@vinculo/common';

/**
 * Calendar dates (YYYY-MM-DD) post-sale needs beyond the kit's calendar module. The tenant-time-zone
 * part (the local day or month of an instant, day arithmetic) is the kit's `localDay` / `localMonth` /
 * `addDays`, so a request received at 23:30 local time is that local day everywhere; what is here is
 * plain date arithmetic the other subgraphs do not use: input validation, months (permanence,
 * suspension length) and business days (PQR deadlines).
 */
export type LocalDate = string;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date YYYY-MM-DD, else BAD_USER_INPUT on `field`. */
export function assertDate(value: string, field: string): LocalDate {
  if (!DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
    throw badInput(`${field} must be a date YYYY-MM-DD`, field);
  }
  return value;
}

/** The same day `months` later, clamped to the end of a shorter month (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(d: LocalDate, months: number): LocalDate {
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(day, last)).padStart(2, '0')}`;
}

export const daysInMonth = (d: LocalDate): number => {
  const [y, m] = d.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
};

/** Monday to Friday. */
export const isBusinessDay = (d: LocalDate): boolean => {
  const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
  return wd !== 0 && wd !== 6;
};

/** The business day `n` business days after `d` (n ≥ 1). */
export function addBusinessDays(d: LocalDate, n: number): LocalDate {
  let day = d;
  let left = n;
  while (left > 0) {
    day = addDays(day, 1);
    if (isBusinessDay(day)) left--;
  }
  return day;
}

/** Business days after `from` up to and including `to` (0 when to ≤ from). */
export function businessDaysBetween(from: LocalDate, to: LocalDate): number {
  let n = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (isBusinessDay(day)) n++;
  return n;
}
