import { badInput } from '@vinculo/common';

/**
 * Calendar arithmetic in a tenant's IANA time zone, with nothing but Intl: days, weeks and months
 * are the tenant's, never UTC's (a 19:00 visit in La Paz is 23:00 UTC the same local day).
 */

const formatters = new Map<string, Intl.DateTimeFormat>();
function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The canonical IANA name of a time zone, or null when the runtime does not know it. */
export function canonicalTimeZone(name: string): string | null {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

function wallClock(instant: Date, timeZone: string): { y: number; mo: number; d: number; h: number; mi: number; s: number } {
  const p = Object.fromEntries(partsFormatter(timeZone).formatToParts(instant).map((x) => [x.type, x.value]));
  return { y: Number(p.year), mo: Number(p.month), d: Number(p.day), h: Number(p.hour), mi: Number(p.minute), s: Number(p.second) };
}

/** Offset of the zone from UTC at `instant`, in ms (La Paz: −4 h). */
function offsetMs(instant: Date, timeZone: string): number {
  const w = wallClock(instant, timeZone);
  const asUtc = Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

const pad = (n: number, len = 2) => String(n).padStart(len, '0');

/** The calendar day (YYYY-MM-DD) of `instant` in the zone. */
export function localDay(instant: Date, timeZone: string): string {
  const w = wallClock(instant, timeZone);
  return `${pad(w.y, 4)}-${pad(w.mo)}-${pad(w.d)}`;
}

/** The month (YYYY-MM) of `instant` in the zone. */
export function localMonth(instant: Date, timeZone: string): string {
  return localDay(instant, timeZone).slice(0, 7);
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function ymd(day: string): [number, number, number] {
  const m = DAY.exec(day);
  if (!m) throw badInput(`${day} is not a date (YYYY-MM-DD)`, 'date');
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** The instant a calendar day starts (local midnight) in the zone. */
export function startOfDay(day: string, timeZone: string): Date {
  const [y, m, d] = ymd(day);
  const guess = Date.UTC(y, m - 1, d);
  const first = guess - offsetMs(new Date(guess), timeZone);
  // Across a DST change the offset at local midnight differs from the one at UTC midnight.
  const second = guess - offsetMs(new Date(first), timeZone);
  return new Date(second);
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
