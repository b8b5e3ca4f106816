import { daysBetween, localDay, parseYearMonth } from '@vinculo/common';

/** A billing period: one calendar month `YYYY-MM` in the tenant's time zone. */
export interface Period {
  year: number;
  month: number; // 1..12
}

/** A billing period as entered (YYYY-MM, the kit's month validation), else BAD_USER_INPUT on `period`. */
export function parsePeriod(text: string): Period {
  const m = parseYearMonth(text, 'period');
  return { year: Number(m.slice(0, 4)), month: Number(m.slice(5, 7)) };
}

export const periodKey = (p: Period): string => `${p.year}-${String(p.month).padStart(2, '0')}`;

/** Actual number of days of the month (28..31): the proration denominator. */
export function daysInMonth(p: Period): number {
  return new Date(Date.UTC(p.year, p.month, 0)).getUTCDate();
}

export const dayOf = (p: Period, day: number): string => `${periodKey(p)}-${String(day).padStart(2, '0')}`;

/** The first day of the month after the period: the invoice's issue date and due date (payable on receipt). */
export function dueDateOf(p: Period): string {
  const next = p.month === 12 ? { year: p.year + 1, month: 1 } : { year: p.year, month: p.month + 1 };
  return dayOf(next, 1);
}

/** R-COL-BILL1 a period is billed once it has ended: from the first day of the next month (tenant calendar date `today`). */
export function periodEnded(p: Period, today: string): boolean {
  return today >= dueDateOf(p);
}

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function calendarDate(at: Date, timeZone: string): string {
  return localDay(at, timeZone);
}

/** Whole days from date a to date b (YYYY-MM-DD), b − a. */
export { daysBetween };
