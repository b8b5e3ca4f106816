import { badInput } from '@vinculo/common';
import type { PostSaleRequestDoc } from '../store/request.model';
import { postSaleKpi, postSaleKpiBy, type KpiRequest } from '../domain/indicators';
import type { PostSaleDeps } from './deps';

/** R-PS-KPI of a month (requests received that local month), overall, per team and per request type. */
export async function monthIndicators({ requests, tenantPolicy }: Pick<PostSaleDeps, 'requests' | 'tenantPolicy'>, tenantId: string, month: string) {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw badInput('month must be YYYY-MM', 'month');
  const { policy: p } = await tenantPolicy.policyFor(tenantId);
  const t = {
    efficacyAcceptedAbove: p.kpi.postSaleEfficacyAcceptedAbove,
    timelinessAcceptedAbove: p.kpi.postSaleTimelinessAcceptedAbove,
    timelinessHours: p.kpi.postSaleTimelinessHours,
  };
  const rows = await requests
    .find({ tenantId, month }, { type: 1, team: 1, readyAt: 1, attendedAt: 1, resolution: 1 })
    .lean<Pick<PostSaleRequestDoc, 'type' | 'team' | 'readyAt' | 'attendedAt' | 'resolution'>[]>();
  const list: KpiRequest[] = rows.map((r) => ({ type: r.type, team: r.team, readyAt: r.readyAt, attendedAt: r.attendedAt, resolution: r.resolution }));
  return {
    month,
    timelinessHours: t.timelinessHours,
    efficacyAcceptedAbove: t.efficacyAcceptedAbove,
    timelinessAcceptedAbove: t.timelinessAcceptedAbove,
    overall: postSaleKpi(list, t),
    byTeam: postSaleKpiBy(list, (r) => r.team, t),
    byType: postSaleKpiBy(list, (r) => r.type, t),
  };
}
