import { authorize, loader } from '@vinculo/common';
import type { EmployeeResolvers } from '../__generated__/resolvers-types';
import { executiveReports, type ExecutiveReport } from '../application/reports';
import { checkReadsOwnFigures } from '../domain/team';
import { validMonth } from '../domain/text';
import { policy } from '../policy';
import type { ResolverDeps } from './deps';

export const Employee = (deps: ResolverDeps): EmployeeResolvers => ({
  saleProjects: (employee, args, ctx) => {
    authorize(policy, 'readPipeline', ctx.principal);
    return deps.projects.ofExecutive(ctx, employee.id, args);
  },
  newNeeds: (employee, args, ctx) => {
    authorize(policy, 'readPipeline', ctx.principal);
    return deps.needs.ofExecutive(ctx, employee.id, args);
  },
  /** Batched per request and month: N employees cost one executiveReports (three queries). */
  salesAttainment: async (employee, { month }, ctx) => {
    authorize(policy, 'readReports', ctx.principal);
    checkReadsOwnFigures(ctx.principal, employee.id);
    const m = validMonth(month);
    return (
      (await loader<string, ExecutiveReport>(ctx, `salesAttainment:${m}`, (ids) => executiveReports(deps, ctx.principal.tenantId, ids, m)).load(employee.id)) ??
      null
    );
  },
});
