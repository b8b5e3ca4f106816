import type { VisitResolvers } from '../__generated__/resolvers-types';
import type { ResolverDeps } from './deps';

export const Visit = ({ visits, employees, customers }: ResolverDeps): VisitResolvers => ({
  __resolveReference: (ref, ctx) => visits.load(ctx, ref.id),
  id: (v) => v._id,
  executive: (v, _args, ctx) => employees.load(ctx, v.executiveId),
  customer: (v, _args, ctx) => (v.customerId ? customers.load(ctx, v.customerId) : null),
});
