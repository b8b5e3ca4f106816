import { authorize } from '@vinculo/common';
import type { QueryResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { addDays, startOfDay } from '../../domain/calendar';
import { analyseChurn, validPeriod, type Disaffiliation } from '../../domain/churn';

export const churnAnalysis =
  ({ tenants, customers }: ResolverDeps): Required<QueryResolvers>['churnAnalysis'] =>
  async (_parent, { from, to }, ctx) => {
    authorize(policy, 'readChurnAnalysis', ctx.principal);
    validPeriod(from, to);
    const { timeZone } = await tenants.current(ctx);
    const start = startOfDay(from, timeZone);
    const end = startOfDay(addDays(to, 1), timeZone);
    const churned = await customers.churnedBetween(ctx.principal.tenantId, start, end);
    const rows: Disaffiliation[] = churned.flatMap((c) =>
      (c.history ?? [])
        .filter((h) => h.to === 'CHURNED' && h.at >= start && h.at < end)
        .map((h) => ({ at: h.at, reason: h.note ?? 'UNKNOWN', segment: c.segment ?? null })),
    );
    return { from, to, timeZone, ...analyseChurn(rows, timeZone) };
  };
