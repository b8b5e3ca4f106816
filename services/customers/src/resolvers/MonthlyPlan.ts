import type { MonthlyPlanResolvers } from '../__generated__/resolvers-types';
import type { CustomerDoc } from '../store/customer.model';
import type { ResolverDeps } from './deps';

export const MonthlyPlan = ({ employees, customers }: ResolverDeps): MonthlyPlanResolvers => ({
  id: (p) => p._id,
  executive: (p, _args, ctx) => employees.load(ctx, p.executiveId),
  portfolioCustomers: async (p, _args, ctx) =>
    (await Promise.all(p.portfolioCustomerIds.map((id) => customers.load(ctx, id)))).filter((c): c is CustomerDoc => !!c),
  revision: (p) => p.version,
});
