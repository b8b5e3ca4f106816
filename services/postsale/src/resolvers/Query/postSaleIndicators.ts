import { authorize, badInput } from '@vinculo/common';
import type { QueryResolvers } from '../../__generated__/resolvers-types';
import type { PostSaleRequestDoc } from '../../store/request.model';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { postSaleKpi, postSaleKpiBy, type KpiRequest } from '../../domain/indicators';

/** R-PS-KPI of a month (requests received that local month), overall, per team and per request type. */
export const postSaleIndicators =
  ({ requests, tenantPolicy }: ResolverDeps): QueryResolvers['postSaleIndicators'] =>
  async (_parent, { month }, ctx) => {
    authorize(policy, 'readPostSaleIndicators', ctx.principal);
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw badInput('month must be YYYY-MM', 'month');
    const { policy: p } = await tenantPolicy.policyFor(ctx.principal.tenantId);
    const t = { efficacyAcceptedAbove: p.kpi.postSaleEfficacyAcceptedAbove, timelinessAcceptedAbove: p.kpi.postSaleTimelinessAcceptedAbove, timelinessHours: p.kpi.postSaleTimelinessHours };
    const rows = await requests
      .find({ tenantId: ctx.principal.tenantId, month }, { type: 1, team: 1, readyAt: 1, attendedAt: 1, resolution: 1 })
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
  };
