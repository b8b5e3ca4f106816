import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { changeOpportunity } from '../opportunity-change';

export const recordClientReview =
  (deps: ResolverDeps): MutationResolvers['recordClientReview'] =>
  (_parent, { input }, ctx) =>
    changeOpportunity(deps, ctx, 'recordClientReview', input, () => ({ kind: 'recordClientReview', technicallyCompliant: input.technicallyCompliant, economicallyCompliant: input.economicallyCompliant, comments: input.comments }));
