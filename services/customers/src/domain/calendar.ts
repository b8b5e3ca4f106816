import { addDays as addCalendarDays, localDay, localMonth, parseLocalDate, parseYearMonth, startOfLocalDay } from '@vinculo/common';

/**
 * Calendar arithmetic in a tenant's IANA time zone, with nothing but Intl: days, weeks and months
 * are the tenant's, never UTC's (a 19:00 visit in La Paz is 23:00 UTC the same local day). The
 * arithmetic and validation are the kit's calendar module; what is here names the field customers'
 * inputs use.
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

/** The instant a calendar day starts (local midnight) in the zone; BAD_USER_INPUT for a malformed day. */
export const startOfDay = (day: string, timeZone: string): Date => startOfLocalDay(parseLocalDate(day, 'date'), timeZone);

/** `day` plus `n` calendar days; BAD_USER_INPUT for a malformed day. */
export const addDays = (day: string, n: number): string => addCalendarDays(parseLocalDate(day, 'date'), n);

/** A month as YYYY-MM; BAD_USER_INPUT otherwise. */
export const validMonth = (month: string): string => parseYearMonth(month, 'month');
