import { badInput } from '@vinculo/common';

/**
 * Business days in the tenant's time zone. Weekends (Saturday, Sunday) are not business days;
 * public holidays are not modelled (the tenant policy has no holiday calendar yet).
 */

/** Calendar days in the tenant's zone: the kit's one implementation. */
import { localDay } from '@vinculo/common';
export { localDay };

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
function utcDate(day: string): Date {
  const m = DAY.exec(day);
  if (!m) throw badInput(`${day} is not a date (YYYY-MM-DD)`, 'date');
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

/** `day` plus `n` calendar days. */
export function addDays(day: string, n: number): string {
  const d = utcDate(day);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: string): number {
  return ((utcDate(day).getUTCDay() + 6) % 7) + 1;
}

export const isBusinessDay = (day: string): boolean => isoWeekday(day) <= 5;

/** The last business day strictly before `day`. */
export function previousBusinessDay(day: string): string {
  let d = addDays(day, -1);
  while (!isBusinessDay(d)) d = addDays(d, -1);
  return d;
}

/** Whole calendar days from `from` to `to` (YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((utcDate(to).getTime() - utcDate(from).getTime()) / 86_400_000);
}

/** The Monday of the week containing `day`. */
export const weekStart = (day: string): string => addDays(day, 1 - isoWeekday(day));
