import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { changeOpportunity } from '../opportunity-change';

export const reviewProposal =
  (deps: ResolverDeps): MutationResolvers['reviewProposal'] =>
  (_parent, { input }, ctx) =>
    changeOpportunity(deps, ctx, 'reviewProposal', input, () => ({ kind: 'reviewProposal', outcome: input.outcome, comments: input.comments }));
