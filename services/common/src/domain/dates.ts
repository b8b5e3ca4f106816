/**
 * Calendar arithmetic in a tenant's time zone (DOMAIN.md: "Tenant policy … time zone"): the one
 * implementation every subgraph uses, so "a request at 23:30 local is still that day" holds
 * everywhere. Days are `YYYY-MM-DD` strings, months `YYYY-MM`; instants are `Date`s.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();
function wallClockFormatter(timeZone: string): Intl.DateTimeFormat {
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

/** The wall-clock reading of `instant` in the zone. */
export function wallClock(instant: Date, timeZone: string): { y: number; mo: number; d: number; h: number; mi: number; s: number } {
  const p = Object.fromEntries(
    wallClockFormatter(timeZone)
      .formatToParts(instant)
      .map((x) => [x.type, x.value]),
  );
  return { y: Number(p.year), mo: Number(p.month), d: Number(p.day), h: Number(p.hour), mi: Number(p.minute), s: Number(p.second) };
}

/** Offset of the zone from UTC at `instant`, in ms (La Paz: −4 h). */
export function zoneOffsetMs(instant: Date, timeZone: string): number {
  const w = wallClock(instant, timeZone);
  return Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s) - Math.floor(instant.getTime() / 1000) * 1000;
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

/** `day` plus `n` calendar days (n may be negative). */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** Whole calendar days from `a` to `b` (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** The instant a local wall-clock time happens in the zone (DST gaps resolve forward). */
export function zonedInstant(day: string, timeZone: string, h = 0, mi = 0, s = 0, ms = 0): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const naive = Date.UTC(y, m - 1, d, h, mi, s, ms);
  const first = naive - zoneOffsetMs(new Date(naive), timeZone);
  // A second pass corrects for an offset that differs at the true instant (around DST changes).
  return new Date(naive - zoneOffsetMs(new Date(first), timeZone));
}

/** The first instant of a local day in the zone. */
export function startOfLocalDay(day: string, timeZone: string): Date {
  return zonedInstant(day, timeZone);
}

/** The last millisecond of a local day in the zone. */
export function endOfLocalDay(day: string, timeZone: string): Date {
  return zonedInstant(day, timeZone, 23, 59, 59, 999);
}
