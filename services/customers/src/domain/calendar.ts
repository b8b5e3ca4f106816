import { badInput, localDay, localMonth, startOfLocalDay } from '@vinculo/common';

/**
 * Calendar arithmetic in a tenant's IANA time zone, with nothing but Intl: days, weeks and months
 * are the tenant's, never UTC's (a 19:00 visit in La Paz is 23:00 UTC the same local day).
 */

/** Local day and month of an instant: the kit's one implementation. */
export { localDay, localMonth };

/** The canonical IANA name of a time zone, or null when the runtime does not know it. */
export function canonicalTimeZone(name: string): string | null {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function ymd(day: string): [number, number, number] {
  const m = DAY.exec(day);
  if (!m) throw badInput(`${day} is not a date (YYYY-MM-DD)`, 'date');
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** The instant a calendar day starts (local midnight) in the zone; BAD_USER_INPUT for a malformed day. */
export function startOfDay(day: string, timeZone: string): Date {
  ymd(day);
  return startOfLocalDay(day, timeZone);
}

/** `day` plus `n` calendar days. */
export function addDays(day: string, n: number): string {
  const [y, m, d] = ymd(day);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** A month as YYYY-MM; BAD_USER_INPUT otherwise. */
export function validMonth(month: string): string {
  const m = month.trim();
  if (!MONTH.test(m)) throw badInput('month must be YYYY-MM', 'month');
  return m;
}
