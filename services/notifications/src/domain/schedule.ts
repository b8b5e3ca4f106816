import { addDays } from '@vinculo/common';
import { isoWeekday } from './reports';

/**
 * The schedule of the scheduled reports (issue #19), per tenant as data over these defaults. A report's
 * frequency is part of what it reports (a monthly report covers a month), so an ADMIN changes when it
 * goes — the local hour, the weekday of a weekly one, the day of the month of a monthly one — and
 * whether it goes at all, never how often. Read on the tenant's business clock, in its time zone.
 */
export const REPORT_KEYS = ['EXECUTIVE_MONTHLY', 'TEAM_MONTHLY', 'LOYALTY_DAILY', 'PREVENTIVE_DAILY', 'COLLECTIONS_WORKLIST', 'PROPOSALS_WEEKLY'] as const;
export type ReportKey = (typeof REPORT_KEYS)[number];
export type Frequency = 'DAILY' | 'WEEKLY' | 'MONTHLY';

export interface ReportSchedule {
  report: ReportKey;
  frequency: Frequency;
  /** Local hour (0–23) from which the period's report is due. */
  hour: number;
  /** ISO weekday (1 = Monday) of a weekly report; null otherwise. */
  weekday: number | null;
  /** Day of the month (1–28: every month has it) of a monthly report; null otherwise. */
  dayOfMonth: number | null;
  enabled: boolean;
}

const FREQUENCY: Record<ReportKey, Frequency> = {
  EXECUTIVE_MONTHLY: 'MONTHLY',
  TEAM_MONTHLY: 'MONTHLY',
  LOYALTY_DAILY: 'DAILY',
  PREVENTIVE_DAILY: 'DAILY',
  COLLECTIONS_WORKLIST: 'DAILY',
  PROPOSALS_WEEKLY: 'WEEKLY',
};

/**
 * Defaults, each with its seed step: the executive's report on the first of the month (000 A15) and the
 * lead's the day after, once the lead has gone over the executives' (000 A16–A17); the loyalty-call and
 * preventive-review reports at the end of the working day (002 J 10, K 10); the collections worklist
 * at the start of it (002 I); the proposals follow-up on Monday morning (004 conferencia semanal).
 */
export const DEFAULT_SCHEDULES: readonly ReportSchedule[] = [
  { report: 'EXECUTIVE_MONTHLY', frequency: 'MONTHLY', hour: 9, weekday: null, dayOfMonth: 1, enabled: true },
  { report: 'TEAM_MONTHLY', frequency: 'MONTHLY', hour: 9, weekday: null, dayOfMonth: 2, enabled: true },
  { report: 'LOYALTY_DAILY', frequency: 'DAILY', hour: 18, weekday: null, dayOfMonth: null, enabled: true },
  { report: 'PREVENTIVE_DAILY', frequency: 'DAILY', hour: 18, weekday: null, dayOfMonth: null, enabled: true },
  { report: 'COLLECTIONS_WORKLIST', frequency: 'DAILY', hour: 8, weekday: null, dayOfMonth: null, enabled: true },
  { report: 'PROPOSALS_WEEKLY', frequency: 'WEEKLY', hour: 8, weekday: 1, dayOfMonth: null, enabled: true },
];

/** The tenant's schedules: its own entries over the defaults (one per report). */
export function effectiveSchedules(own: readonly ReportSchedule[]): ReportSchedule[] {
  return DEFAULT_SCHEDULES.map((d) => own.find((s) => s.report === d.report) ?? d);
}

export interface ScheduleChange {
  report: string;
  hour?: number | null;
  weekday?: number | null;
  dayOfMonth?: number | null;
  enabled?: boolean | null;
}

/** A change an ADMIN asks for, checked: every problem named (nothing is stored when there is one). */
export function applyScheduleChange(
  current: readonly ReportSchedule[],
  change: ScheduleChange,
): { schedule: ReportSchedule; problems: string[] } | { schedule: null; problems: string[] } {
  if (!(REPORT_KEYS as readonly string[]).includes(change.report))
    return { schedule: null, problems: [`report: unknown report ${change.report} (one of ${REPORT_KEYS.join(', ')})`] };
  const report = change.report as ReportKey;
  const base = effectiveSchedules(current).find((s) => s.report === report)!;
  const frequency = FREQUENCY[report];
  const problems: string[] = [];
  const whole = (v: unknown, min: number, max: number) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
  if (change.hour != null && !whole(change.hour, 0, 23)) problems.push('hour: a whole local hour from 0 to 23');
  if (change.weekday != null) {
    if (frequency !== 'WEEKLY') problems.push(`weekday: ${report} is ${frequency.toLowerCase()}, it has no weekday`);
    else if (!whole(change.weekday, 1, 7)) problems.push('weekday: an ISO weekday from 1 (Monday) to 7 (Sunday)');
  }
  if (change.dayOfMonth != null) {
    if (frequency !== 'MONTHLY') problems.push(`dayOfMonth: ${report} is ${frequency.toLowerCase()}, it has no day of the month`);
    else if (!whole(change.dayOfMonth, 1, 28)) problems.push('dayOfMonth: a day from 1 to 28 (every month has it)');
  }
  if (problems.length) return { schedule: null, problems };
  return {
    schedule: {
      ...base,
      hour: change.hour ?? base.hour,
      weekday: frequency === 'WEEKLY' ? (change.weekday ?? base.weekday) : null,
      dayOfMonth: frequency === 'MONTHLY' ? (change.dayOfMonth ?? base.dayOfMonth) : null,
      enabled: change.enabled ?? base.enabled,
    },
    problems: [],
  };
}

/**
 * The period whose report is due at this local moment, once the period's scheduled moment has passed;
 * null before it (or when the report is off). `period` names the sending period (the day, the week's
 * Monday, the month `2026-12`); `covers` what the report is about — the same day or week, or, for a
 * monthly report, the month before the one it is sent in.
 */
export function duePeriod(s: ReportSchedule, localDay: string, localHour: number): { period: string; covers: string } | null {
  if (!s.enabled) return null;
  if (s.frequency === 'DAILY') return localHour >= s.hour ? { period: localDay, covers: localDay } : null;
  if (s.frequency === 'WEEKLY') {
    const weekday = isoWeekday(localDay);
    const target = s.weekday ?? 1;
    if (weekday < target || (weekday === target && localHour < s.hour)) return null;
    const monday = addDays(localDay, 1 - weekday);
    return { period: monday, covers: monday };
  }
  const day = Number(localDay.slice(8, 10));
  const target = s.dayOfMonth ?? 1;
  if (day < target || (day === target && localHour < s.hour)) return null;
  return { period: localDay.slice(0, 7), covers: previousMonth(localDay.slice(0, 7)) };
}

/** `2026-01` → `2025-12`. */
export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/**
 * Whether this report (for this subject: an executive, a lead, an analyst, or the tenant) still has to
 * go now: due, and not already sent for this period. `lastPeriod` is the last period it went for.
 */
export function reportDecision(
  s: ReportSchedule,
  localDay: string,
  localHour: number,
  lastPeriod: string | null,
): { send: true; period: string; covers: string } | { send: false; reason: 'OFF' | 'NOT_YET' | 'ALREADY_SENT' } {
  if (!s.enabled) return { send: false, reason: 'OFF' };
  const due = duePeriod(s, localDay, localHour);
  if (!due) return { send: false, reason: 'NOT_YET' };
  // Periods are ISO strings of one kind per report: a later one sorts after.
  if (lastPeriod !== null && lastPeriod >= due.period) return { send: false, reason: 'ALREADY_SENT' };
  return { send: true, ...due };
}
