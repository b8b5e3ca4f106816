import { EFFECTIVE, type Resolution } from './request';

/**
 * R-PS-KPI (monthly): efficacy = requests attended effectively / requests × 100, ACCEPTED above the
 * tenant threshold (default 98); timeliness = requests attended within policy.kpi.postSaleTimelinessHours
 * (default 24) of being ready (requirements complete) / requests × 100, ACCEPTED above the threshold
 * (default 95); else OBSERVED. The population is the month's requests whose requirements were complete:
 * a request still waiting for the customer's documents is not the team's to attend yet.
 */
export interface KpiRequest {
  type: string;
  team: string;
  readyAt: Date | null;
  /** When the clerk entered it (or closed it without entry, e.g. retained). */
  attendedAt: Date | null;
  resolution: Resolution | null;
}

export interface KpiThresholdsView {
  efficacyAcceptedAbove: number;
  timelinessAcceptedAbove: number;
  timelinessHours: number;
}

export type KpiStatus = 'ACCEPTED' | 'OBSERVED';

export interface KpiValue {
  requests: number;
  effective: number;
  timely: number;
  /** Percent with two decimals; null when there were no requests. */
  efficacyPercent: number | null;
  timelinessPercent: number | null;
  efficacyStatus: KpiStatus | null;
  timelinessStatus: KpiStatus | null;
}

const percent = (part: number, whole: number) => (whole === 0 ? null : Math.round((part * 10000) / whole) / 100);
const statusOf = (value: number | null, above: number): KpiStatus | null => (value === null ? null : value > above ? 'ACCEPTED' : 'OBSERVED');

export const isTimely = (r: KpiRequest, hours: number): boolean =>
  r.readyAt !== null && r.attendedAt !== null && r.attendedAt.getTime() - r.readyAt.getTime() < hours * 3_600_000;

export const isEffective = (r: KpiRequest): boolean => r.resolution !== null && EFFECTIVE.includes(r.resolution);

export function postSaleKpi(requests: readonly KpiRequest[], t: KpiThresholdsView): KpiValue {
  const counted = requests.filter((r) => r.readyAt !== null);
  return kpiValueOf(
    { requests: counted.length, effective: counted.filter(isEffective).length, timely: counted.filter((r) => isTimely(r, t.timelinessHours)).length },
    t,
  );
}

/** The KPI from its three counts (from the requests, or from a month's maintained counts: domain/kpi-months.ts). */
export function kpiValueOf({ requests, effective, timely }: Pick<KpiValue, 'requests' | 'effective' | 'timely'>, t: KpiThresholdsView): KpiValue {
  const efficacyPercent = percent(effective, requests);
  const timelinessPercent = percent(timely, requests);
  return {
    requests,
    effective,
    timely,
    efficacyPercent,
    timelinessPercent,
    efficacyStatus: statusOf(efficacyPercent, t.efficacyAcceptedAbove),
    timelinessStatus: statusOf(timelinessPercent, t.timelinessAcceptedAbove),
  };
}

/** The KPI per group (team or request type), groups sorted by key. */
export function postSaleKpiBy(requests: readonly KpiRequest[], key: (r: KpiRequest) => string, t: KpiThresholdsView): { key: string; value: KpiValue }[] {
  const groups = new Map<string, KpiRequest[]>();
  for (const r of requests) groups.set(key(r), [...(groups.get(key(r)) ?? []), r]);
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, list]) => ({ key: k, value: postSaleKpi(list, t) }));
}
