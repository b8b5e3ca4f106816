import { authorize } from '@vinculo/common';
import type { VisitResolvers } from '../__generated__/resolvers-types';
import type { ResolverDeps } from './deps';
import { policy } from '../policy';

export const Visit = ({ visits, employees, customers }: ResolverDeps): VisitResolvers => ({
  // Visits are staff activity: a reference (SaleProject.visit, …) must not bypass the read policy.
  __resolveReference: (ref, ctx) => {
    authorize(policy, 'readVisits', ctx.principal);
    return visits.load(ctx, ref.id);
  },
  id: (v) => v._id,
  executive: (v, _args, ctx) => employees.load(ctx, v.executiveId),
  customer: (v, _args, ctx) => (v.customerId ? customers.load(ctx, v.customerId) : null),
});
