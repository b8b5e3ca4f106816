import type { EmployeeResolvers } from '../__generated__/resolvers-types';
import type { ResolverDeps } from './deps';

export const Employee = ({ employees, customers }: ResolverDeps): EmployeeResolvers => ({
  __resolveReference: (ref, ctx) => employees.load(ctx, ref.id),
  id: (e) => e.employeeId,
  teamLead: (e, _args, ctx) => (e.teamLeadId ? employees.load(ctx, e.teamLeadId) : null),
  team: (e, _args, ctx) => employees.team(ctx, e.employeeId),
  portfolio: (e, { filter, first, after }, ctx) =>
    customers.portfolioPage(ctx, e.employeeId, filter ?? {}, { first, after }),
});
