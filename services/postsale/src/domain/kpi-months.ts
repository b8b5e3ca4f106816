import { sumCounters } from '@vinculo/common';
import { isEffective, kpiValueOf, type KpiRequest, type KpiThresholdsView, type KpiValue } from './indicators';

/**
 * R-PS-KPI from maintained per-(tenant, month) counts instead of a read of every request of the month
 * (issue #18). A request contributes to its month's counts what the scan would count for it, in three
 * groups: the whole month, its team and its type. Flat paths → numbers, the shape of a `$inc`:
 *   `<scope>.<key>.n`      requests (every one: a group shows even while none of its requests is ready)
 *   `<scope>.<key>.ready`  requests whose requirements were complete (the KPI's population)
 *   `<scope>.<key>.eff`    of those, attended effectively
 *   `<scope>.<key>.h<b>`   of those, attended b whole hours after being ready (b clamped to 0…720)
 * with scope `all` (key `k`), `team` or `type` (key = the team or type, encoded for a field name).
 *
 * Why buckets of whole hours and not a timely count: the tenant's timeliness threshold is read at read
 * time and may change (an Int of 1…720 hours, customers' tenant policy). "Attended within H hours" is
 * `elapsed < H h`, which for a whole H is exactly `floor(elapsed / 1 h) < H`: summing the buckets below H
 * answers any threshold, past or future, without rebuilding the counts when the policy changes.
 * Elapsed times below 0 count in bucket 0 and those of 720 h or more in 720: both answer every H of 1…720
 * as the unclamped value would.
 */
export type Counts = Record<string, number>;

/** What of a request the KPI reads (its month fixed at receipt). */
export type KpiFacts = KpiRequest & { month: string };

const HOUR = 3_600_000;
export const MAX_TIMELINESS_HOURS = 720;

/** A team or type as a field name: never empty, no `.`, no leading `$` (reversible, unlike collections' `safe`). */
export const fieldKey = (s: string): string => `k${s.replace(/%/g, '%25').replace(/\./g, '%2E').replace(/\$/g, '%24')}`;
export const keyOfField = (f: string): string => f.slice(1).replace(/%2E/g, '.').replace(/%24/g, '$').replace(/%25/g, '%');

/** The hour bucket of an attended request (null while not attended). */
export function hourBucket(r: Pick<KpiRequest, 'readyAt' | 'attendedAt'>): number | null {
  if (!r.readyAt || !r.attendedAt) return null;
  const hours = Math.floor((r.attendedAt.getTime() - r.readyAt.getTime()) / HOUR);
  return Math.min(MAX_TIMELINESS_HOURS, Math.max(0, hours));
}

/** What one request counts for in its month, by month (one month: a request never changes month). */
export function contributionOf(r: KpiFacts): Record<string, Counts> {
  const t: Counts = {};
  const bucket = hourBucket(r);
  for (const g of ['all.k', `team.${fieldKey(r.team)}`, `type.${fieldKey(r.type)}`]) {
    t[`${g}.n`] = 1;
    if (r.readyAt === null) continue;
    t[`${g}.ready`] = 1;
    if (isEffective(r)) t[`${g}.eff`] = 1;
    if (bucket !== null) t[`${g}.h${bucket}`] = 1;
  }
  return { [r.month]: t };
}

/** The sum of counts, zeros left out.(the kit's `sumCounters`). */
export const sumCounts: (parts: readonly Counts[]) => Counts = sumCounters;

/** after − before per month (months without a change left out): what a write adds to the months' counts. */
export function deltasOf(before: KpiFacts | null, after: KpiFacts | null): Record<string, Counts> {
  const b = before ? contributionOf(before) : {};
  const a = after ? contributionOf(after) : {};
  const out: Record<string, Counts> = {};
  for (const month of new Set([...Object.keys(b), ...Object.keys(a)])) {
    const minus = Object.fromEntries(Object.entries(b[month] ?? {}).map(([k, v]) => [k, -v]));
    const d = sumCounts([a[month] ?? {}, minus]);
    if (Object.keys(d).length) out[month] = d;
  }
  return out;
}

/** The KPI of one group's counts under the thresholds read now. */
function valueOf(c: Counts, t: KpiThresholdsView): KpiValue {
  let timely = 0;
  for (const [k, v] of Object.entries(c)) if (k.startsWith('h') && Number(k.slice(1)) < t.timelinessHours) timely += v;
  return kpiValueOf({ requests: c.ready ?? 0, effective: c.eff ?? 0, timely }, t);
}

/** The month's KPI overall, per team and per type (groups sorted by key), as `postSaleKpi` / `postSaleKpiBy` answer on its requests. */
export function kpiFromCounts(counts: Counts, t: KpiThresholdsView) {
  const groups = { all: new Map<string, Counts>(), team: new Map<string, Counts>(), type: new Map<string, Counts>() };
  for (const [path, v] of Object.entries(counts)) {
    const [scope, key, metric] = path.split('.') as [keyof typeof groups, string, string];
    const g = groups[scope]?.get(key) ?? {};
    g[metric] = v;
    groups[scope]?.set(key, g);
  }
  const by = (m: Map<string, Counts>) =>
    [...m.entries()]
      .filter(([, c]) => (c.n ?? 0) > 0)
      .map(([k, c]) => ({ key: keyOfField(k), value: valueOf(c, t) }))
      .sort((a, b) => a.key.localeCompare(b.key));
  return { overall: valueOf(groups.all.get('k') ?? {}, t), byTeam: by(groups.team), byType: by(groups.type) };
}
