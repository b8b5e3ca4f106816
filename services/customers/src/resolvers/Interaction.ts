import { authorize } from '@vinculo/common';
import type { InteractionResolvers } from '../__generated__/resolvers-types';
import type { ResolverDeps } from './deps';
import { policy } from '../policy';

export const Interaction = ({ interactions, customers, employees }: ResolverDeps): InteractionResolvers => ({
  // Interactions are commercial activity: a reference must not bypass the timeline's read policy.
  __resolveReference: (ref, ctx) => {
    authorize(policy, 'readTimeline', ctx.principal);
    return interactions.load(ctx, ref.id);
  },
  id: (i) => i._id,
  customer: (i, _args, ctx) => customers.load(ctx, i.customerId),
  author: (i, _args, ctx) => employees.load(ctx, i.authorId),
});
