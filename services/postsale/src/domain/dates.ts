import { badInput } from '@vinculo/common';

/**
 * Calendar dates (YYYY-MM-DD) of the tenant's time zone: every post-sale date (suspension start and
 * end, effective dates, PQR deadlines, the KPI month) is a local day, so a request received at 23:30
 * local time belongs to that local day even when it is already tomorrow in UTC.
 */
export type LocalDate = string;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The local calendar day of an instant in a time zone. */
export function localDate(at: Date, timeZone: string): LocalDate {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** The local month (YYYY-MM) of an instant. */
export const localMonth = (at: Date, timeZone: string): string => localDate(at, timeZone).slice(0, 7);

export function assertDate(value: string, field: string): LocalDate {
  if (!DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
    throw badInput(`${field} must be a date YYYY-MM-DD`, field);
  }
  return value;
}

const toUtc = (d: LocalDate) => new Date(`${d}T00:00:00Z`);
const fromUtc = (d: Date): LocalDate => d.toISOString().slice(0, 10);

export function addDays(d: LocalDate, days: number): LocalDate {
  const t = toUtc(d);
  t.setUTCDate(t.getUTCDate() + days);
  return fromUtc(t);
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
  const wd = toUtc(d).getUTCDay();
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
