import { sumCounters } from '@vinculo/common';
import { NO_SEGMENT, type Disaffiliation } from './churn';

/*
 * The churn analysis from maintained counts instead of a scan of every churned customer (issue #18).
 * A customer counts, for each move to CHURNED in its history, one disaffiliation under its reason and
 * its current segment (what the analysis shows). Counts are kept per UTC day and quarter of an hour:
 * every time zone in use today is offset from UTC by whole quarters, so a quarter lies in one local
 * day and month of any tenant — a tenant that changes its time zone reads the same counts, and a
 * period of local days is a whole number of quarters. A reactivated customer keeps its past churn (its
 * history does), as the scan does.
 *
 * A count's place is (day, path): the day document `YYYY-MM-DD` and the path `c.<quarter>.<reason>~<segment>`
 * in it, the shape of a `$inc` (reason and segment escaped: no `.`, `$` or `~`).
 */
export const QUARTER_MS = 15 * 60_000;
const DAY_MS = 86_400_000;

/** A change to the counts: place `day|path` → how many to add. */
export type ChurnCounts = Record<string, number>;

const escape = (s: string): string => s.replace(/[%.$~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
const unescape = (s: string): string => s.replace(/%([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));

/** Where one disaffiliation at `at` is counted. */
export function placeOf(at: Date, reason: string, segment: string | null): string {
  const day = at.toISOString().slice(0, 10);
  const quarter = Math.floor((at.getTime() - Date.parse(`${day}T00:00:00.000Z`)) / QUARTER_MS);
  return `${day}|c.${quarter}.${escape(reason)}~${escape(segment ?? NO_SEGMENT)}`;
}

export interface ChurningCustomer {
  segment?: string | null;
  history?: readonly { to: string; at: Date; note?: string | null }[] | null;
}

/** What one customer counts for (the churn analysis' rows of it, whatever the period). */
export function churnContribution(c: ChurningCustomer): ChurnCounts {
  const out: ChurnCounts = {};
  for (const h of c.history ?? []) {
    if (h.to !== 'CHURNED') continue;
    const p = placeOf(new Date(h.at), h.note ?? 'UNKNOWN', c.segment ?? null);
    out[p] = (out[p] ?? 0) + 1;
  }
  return out;
}

/** The sum of counts, zeros left out.(the kit's `sumCounters`). */
export const sumCounts: (parts: readonly ChurnCounts[]) => ChurnCounts = sumCounters;

/** after − before: what a write changes in the counts. */
export const churnDelta = (before: ChurningCustomer, after: ChurningCustomer): ChurnCounts =>
  sumCounts([churnContribution(after), Object.fromEntries(Object.entries(churnContribution(before)).map(([k, v]) => [k, -v]))]);

/** Counts split by day document: day → (path → n). */
export function byDay(counts: ChurnCounts): Map<string, Record<string, number>> {
  const out = new Map<string, Record<string, number>>();
  for (const [place, n] of Object.entries(counts)) {
    const [day, path] = place.split('|') as [string, string];
    const d = out.get(day) ?? {};
    d[path] = (d[path] ?? 0) + n;
    out.set(day, d);
  }
  return out;
}

/** The UTC days whose quarters cover [start, end). */
export function daysCovering(start: Date, end: Date): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${start.toISOString().slice(0, 10)}T00:00:00.000Z`); t < end.getTime(); t += DAY_MS)
    days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

/**
 * The disaffiliations of [start, end) from day documents' counts (`c` as stored: quarter → key → n),
 * each group dated at the start of its quarter, for analyseChurn.
 */
export function rowsFromDays(days: readonly { day: string; c?: Record<string, Record<string, number>> | null }[], start: Date, end: Date): Disaffiliation[] {
  const rows: Disaffiliation[] = [];
  for (const d of days) {
    const base = Date.parse(`${d.day}T00:00:00.000Z`);
    for (const [quarter, keys] of Object.entries(d.c ?? {})) {
      const at = new Date(base + Number(quarter) * QUARTER_MS);
      if (at < start || at >= end) continue;
      for (const [key, count] of Object.entries(keys ?? {})) {
        if (!count) continue;
        const [reason, segment] = key.split('~').map(unescape) as [string, string];
        rows.push({ at, reason, segment: segment === NO_SEGMENT ? null : segment, count });
      }
    }
  }
  return rows;
}
