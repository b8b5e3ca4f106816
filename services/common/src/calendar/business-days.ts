import { addDays } from '../domain/dates';
import { nationalHolidays, type HolidayCountry } from './holidays';

/**
 * Business days: Monday to Friday that are not a holiday of the tenant's calendar. Every deadline
 * counted in business days (PQR answers, R-PRO-5's one business day) goes through one of these, so a
 * national holiday is skipped the same way everywhere.
 */
export interface BusinessCalendar {
  /** The national calendar, or null for weekends only. */
  readonly country: HolidayCountry | null;
  isHoliday(day: string): boolean;
  isBusinessDay(day: string): boolean;
  /** The business day `n` business days after `day` (n ≥ 0; 0 is `day` itself). */
  addBusinessDays(day: string, n: number): string;
  /** Business days after `from` up to and including `to` (0 when to ≤ from). */
  businessDaysBetween(from: string, to: string): number;
  /** The last business day strictly before `day`. */
  previousBusinessDay(day: string): string;
}

/** 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: string): number {
  return ((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
}

/** The Monday of the ISO week containing `day`. */
export const weekStart = (day: string): string => addDays(day, 1 - isoWeekday(day));

/** A calendar of `country`'s national holidays plus the tenant's own `additional` days (YYYY-MM-DD). */
export function businessCalendar(country: HolidayCountry | null, additional: readonly string[] = []): BusinessCalendar {
  const years = new Map<number, Set<string>>();
  const extra = new Set(additional);
  const holidaysOf = (year: number): Set<string> => {
    let set = years.get(year);
    if (!set) {
      set = new Set(country ? nationalHolidays(country, year).map((h) => h.date) : []);
      years.set(year, set);
    }
    return set;
  };
  const isHoliday = (day: string) => extra.has(day) || holidaysOf(Number(day.slice(0, 4))).has(day);
  const isBusinessDay = (day: string) => isoWeekday(day) <= 5 && !isHoliday(day);
  return {
    country,
    isHoliday,
    isBusinessDay,
    addBusinessDays(day, n) {
      if (!Number.isInteger(n) || n < 0) throw new RangeError(`addBusinessDays: n must be a whole number ≥ 0, got ${n}`);
      let d = day;
      for (let left = n; left > 0;) {
        d = addDays(d, 1);
        if (isBusinessDay(d)) left--;
      }
      return d;
    },
    businessDaysBetween(from, to) {
      let n = 0;
      for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isBusinessDay(d)) n++;
      return n;
    },
    previousBusinessDay(day) {
      let d = addDays(day, -1);
      while (!isBusinessDay(d)) d = addDays(d, -1);
      return d;
    },
  };
}

/** Weekends only, no holidays: for tests and a tenant that chose no holiday calendar. */
export const WEEKDAYS_ONLY: BusinessCalendar = businessCalendar(null);
