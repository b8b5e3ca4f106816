import { authorize } from '@vinculo/common';
import type { EmployeeResolvers } from '../__generated__/resolvers-types';
import type { ResolverDeps } from './deps';
import { policy } from '../policy';

export const Employee = ({ employees, customers }: ResolverDeps): EmployeeResolvers => ({
  // A reference from another subgraph (SaleProject.executive, …) must not bypass the staff read policy.
  __resolveReference: (ref, ctx) => {
    authorize(policy, 'readStaff', ctx.principal);
    return employees.load(ctx, ref.id);
  },
  id: (e) => e.employeeId,
  teamLead: (e, _args, ctx) => (e.teamLeadId ? employees.load(ctx, e.teamLeadId) : null),
  team: (e, _args, ctx) => employees.team(ctx, e.employeeId),
  portfolio: (e, { filter, first, after }, ctx) => customers.portfolioPage(ctx, e.employeeId, filter ?? {}, { first, after }),
});
