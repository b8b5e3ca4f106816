import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { changeOpportunity } from '../opportunity-change';

export const markOpportunityLost =
  (deps: ResolverDeps): MutationResolvers['markOpportunityLost'] =>
  (_parent, { input }, ctx) =>
    changeOpportunity(deps, ctx, 'markOpportunityLost', input, () => ({ kind: 'markLost', reason: input.reason, lessonsLearned: input.lessonsLearned }));
