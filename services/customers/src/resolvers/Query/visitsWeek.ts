import { authorize, badInput } from '@vinculo/common';
import type { QueryResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { addDays, startOfDay } from '../../domain/calendar';

export const visitsWeek =
  ({ tenants, employees, visits }: ResolverDeps): Required<QueryResolvers>['visitsWeek'] =>
  async (_parent, { executiveId, teamLeadId, weekStart, includeCancelled }, ctx) => {
    authorize(policy, 'readVisits', ctx.principal);
    const tenantId = ctx.principal.tenantId;
    if (!executiveId === !teamLeadId) throw badInput('give either executiveId or teamLeadId', 'executiveId');
    const { timeZone } = await tenants.current(ctx);
    const whose = await employees.get(tenantId, (executiveId ?? teamLeadId)!);
    const executiveIds = executiveId ? [whose.employeeId] : [whose.employeeId, ...(await employees.memberIds(tenantId, whose.employeeId))];
    const from = startOfDay(weekStart, timeZone);
    const to = startOfDay(addDays(weekStart, 7), timeZone);
    return {
      weekStart,
      weekEnd: addDays(weekStart, 6),
      timeZone,
      visits: await visits.between(tenantId, executiveIds, from, to, includeCancelled ?? false),
    };
  };
