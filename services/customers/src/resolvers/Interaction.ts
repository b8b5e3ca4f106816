import type { InteractionResolvers } from '../__generated__/resolvers-types';
import type { ResolverDeps } from './deps';

export const Interaction = ({ interactions, customers, employees }: ResolverDeps): InteractionResolvers => ({
  __resolveReference: (ref, ctx) => interactions.load(ctx, ref.id),
  id: (i) => i._id,
  customer: (i, _args, ctx) => customers.load(ctx, i.customerId),
  author: (i, _args, ctx) => employees.load(ctx, i.authorId),
});
