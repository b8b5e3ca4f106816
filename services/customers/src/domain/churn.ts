import { badInput, daysBetween, isLocalDate } from '@vinculo/common';
import { localMonth } from './calendar';

/** One disaffiliation: a customer's move to CHURNED, with its reason and the customer's segment. */
export interface Disaffiliation {
  at: Date;
  reason: string;
  segment: string | null;
  /** How many disaffiliations this row stands for (maintained counts group them); 1 when absent. */
  count?: number;
}

export const NO_SEGMENT = 'NONE';
const MAX_DAYS = 732;

/** A period of whole days (YYYY-MM-DD, inclusive): `to` not before `from`, at most two years. */
export function validPeriod(from: string, to: string): void {
  if (!isLocalDate(from) || !isLocalDate(to)) throw badInput('from and to must be dates (YYYY-MM-DD)', isLocalDate(from) ? 'to' : 'from');
  const days = daysBetween(from, to);
  if (days < 0) throw badInput('to must not be before from', 'to');
  if (days > MAX_DAYS) throw badInput(`a churn analysis covers at most ${MAX_DAYS} days`, 'to');
}

const counts = (keyed: { key: string; n: number }[]) =>
  [...keyed.reduce((m, { key, n }) => m.set(key, (m.get(key) ?? 0) + n), new Map<string, number>())]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));

/**
 * Churn analysis (DOMAIN.md §4, analysis of disaffiliations for action plans): totals by reason and by
 * segment, and groups per month of the tenant's time zone, reason and segment.
 */
export function analyseChurn(rows: Disaffiliation[], timeZone: string) {
  const keyed = rows.map((r) => ({ month: localMonth(r.at, timeZone), reason: r.reason, segment: r.segment ?? NO_SEGMENT, n: r.count ?? 1 }));
  const groups = new Map<string, { month: string; reason: string; segment: string; count: number }>();
  for (const r of keyed) {
    const k = JSON.stringify([r.month, r.reason, r.segment]);
    const g = groups.get(k) ?? { month: r.month, reason: r.reason, segment: r.segment, count: 0 };
    g.count += r.n;
    groups.set(k, g);
  }
  return {
    total: keyed.reduce((s, r) => s + r.n, 0),
    byReason: counts(keyed.map((r) => ({ key: r.reason, n: r.n }))),
    bySegment: counts(keyed.map((r) => ({ key: r.segment, n: r.n }))),
    groups: [...groups.values()].sort(
      (a, b) => a.month.localeCompare(b.month) || b.count - a.count || a.reason.localeCompare(b.reason) || a.segment.localeCompare(b.segment),
    ),
  };
}
