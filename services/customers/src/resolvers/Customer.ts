import type { CustomerResolvers } from '../__generated__/resolvers-types';
import type { ResolverDeps } from './deps';

export const Customer = ({ customers }: ResolverDeps): CustomerResolvers => ({
  __resolveReference: (ref, ctx) => customers.load(ctx, ref.id),
  id: (c) => c._id,
});
