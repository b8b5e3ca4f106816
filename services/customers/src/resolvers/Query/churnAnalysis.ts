import { authorize } from '@vinculo/common';
import type { QueryResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { addDays, startOfDay } from '../../domain/calendar';
import { analyseChurn, validPeriod } from '../../domain/churn';
import { churnRows } from '../../application/churn-totals';

export const churnAnalysis =
  ({ tenants, customers }: ResolverDeps): Required<QueryResolvers>['churnAnalysis'] =>
  async (_parent, { from, to }, ctx) => {
    authorize(policy, 'readChurnAnalysis', ctx.principal);
    validPeriod(from, to);
    const { timeZone } = await tenants.current(ctx);
    const start = startOfDay(from, timeZone);
    const end = startOfDay(addDays(to, 1), timeZone);
    // The maintained counts (application/churn-totals.ts): the period's days by id, whatever the tenant's size.
    const rows = await churnRows(customers.model, ctx.principal.tenantId, start, end);
    return { from, to, timeZone, ...analyseChurn(rows, timeZone) };
  };
