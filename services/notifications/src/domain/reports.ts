import { addDays } from '@vinculo/common';

/**
 * Scheduled reports by e-mail (issue #19): each is due once per period, at a local hour of the
 * tenant's day, on the tenant's business clock. Built so far: the weekly proposals follow-up (004),
 * every Monday from 08:00 local, with the open opportunities as a CSV attachment.
 */
export interface WeeklySchedule {
  /** ISO weekday, 1 = Monday. */
  weekday: number;
  hour: number;
}

export const PROPOSALS_WEEKLY: WeeklySchedule = { weekday: 1, hour: 8 };

/** The local day's ISO weekday (1 = Monday … 7 = Sunday). */
export function isoWeekday(day: string): number {
  const w = new Date(`${day}T00:00:00Z`).getUTCDay();
  return w === 0 ? 7 : w;
}

/**
 * The period a weekly report is due for at this local moment — the Monday of the week it belongs to
 * (`2026-12-07`) — once the scheduled weekday and hour have passed that week; null before.
 */
export function weeklyReportDue(s: WeeklySchedule, localDay: string, localHour: number): string | null {
  const weekday = isoWeekday(localDay);
  const monday = addDays(localDay, 1 - weekday);
  if (weekday < s.weekday || (weekday === s.weekday && localHour < s.hour)) return null;
  return monday;
}

/** CSV (RFC 4180, `;`-free comma separation, quoted when needed) with a BOM so spreadsheet tools read UTF-8. */
export function toCsv(header: string[], rows: (string | number | null)[][]): string {
  const cell = (v: string | number | null) => {
    const s = v === null ? '' : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `\uFEFF${[header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}

/** Whole days from `from` to `to` (ISO instants), floored: an opportunity's age in the report. */
export const ageDays = (from: Date, to: Date): number => Math.max(0, Math.floor((to.getTime() - from.getTime()) / 86_400_000));
