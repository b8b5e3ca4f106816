import { badInput } from '@vinculo/common';
import { kpiFromCounts } from '../domain/kpi-months';
import { currentKpiMonth } from './kpi-months';
import type { PostSaleDeps } from './deps';

/**
 * R-PS-KPI of a month (requests received that local month), overall, per team and per request type:
 * from the month's maintained counts (application/kpi-months.ts), thresholds as the tenant's policy says now.
 */
export async function monthIndicators({ requests, tenantPolicy }: Pick<PostSaleDeps, 'requests' | 'tenantPolicy'>, tenantId: string, month: string) {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw badInput('month must be YYYY-MM', 'month');
  const { policy: p } = await tenantPolicy.policyFor(tenantId);
  const t = {
    efficacyAcceptedAbove: p.kpi.postSaleEfficacyAcceptedAbove,
    timelinessAcceptedAbove: p.kpi.postSaleTimelinessAcceptedAbove,
    timelinessHours: p.kpi.postSaleTimelinessHours,
  };
  return {
    month,
    timelinessHours: t.timelinessHours,
    efficacyAcceptedAbove: t.efficacyAcceptedAbove,
    timelinessAcceptedAbove: t.timelinessAcceptedAbove,
    ...kpiFromCounts(await currentKpiMonth(requests, tenantId, month), t),
  };
}
