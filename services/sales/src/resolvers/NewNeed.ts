import type { NewNeedResolvers } from '../__generated__/resolvers-types';
import { projectIdForNeed } from '../store/new-need.model';
import type { ResolverDeps } from './deps';

export const NewNeed = (deps: ResolverDeps): NewNeedResolvers => ({
  id: (n) => n._id,
  customer: (n) => ({ id: n.customerId }),
  // TAKEN = the project derived from the need exists (both read through the batched project loader).
  status: async (n, _a, ctx) => ((await deps.projects.load(ctx, projectIdForNeed(n._id))) ? 'TAKEN' : 'OPEN'),
  saleProject: (n, _a, ctx) => deps.projects.load(ctx, projectIdForNeed(n._id)),
});
