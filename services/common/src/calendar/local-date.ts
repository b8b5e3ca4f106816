import { badInput } from '../errors/codes';

/**
 * The one validation of calendar values entered by clients: a real date (YYYY-MM-DD; 2026-02-31 is
 * refused, not rolled over to March) and a month (YYYY-MM). BAD_USER_INPUT names the field.
 */
export type LocalDate = string;
export type YearMonth = string;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Whether `value` is a real calendar date YYYY-MM-DD. */
export function isLocalDate(value: unknown): value is LocalDate {
  return (
    typeof value === 'string' &&
    DATE.test(value) &&
    !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
    new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value
  );
}

/** Whether `value` is a month YYYY-MM (01..12). */
export const isYearMonth = (value: unknown): value is YearMonth => typeof value === 'string' && MONTH.test(value);

/** A real calendar date YYYY-MM-DD, else BAD_USER_INPUT on `field`. */
export function parseLocalDate(value: string, field: string): LocalDate {
  if (!isLocalDate(value)) throw badInput(`${field} must be a date YYYY-MM-DD`, field);
  return value;
}

/** A month YYYY-MM (surrounding blanks ignored), else BAD_USER_INPUT on `field`. */
export function parseYearMonth(value: string, field = 'month'): YearMonth {
  const m = value.trim();
  if (!isYearMonth(m)) throw badInput(`${field} must be a month YYYY-MM`, field);
  return m;
}

/** The month before `month` (YYYY-MM). */
export function previousMonth(month: YearMonth): YearMonth {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** The same day `months` later, clamped to the end of a shorter month (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(day: LocalDate, months: number): LocalDate {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** Days of the month of `dayOrMonth` (YYYY-MM-DD or YYYY-MM): 28..31. */
export function daysInMonth(dayOrMonth: string): number {
  const [y, m] = dayOrMonth.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}
