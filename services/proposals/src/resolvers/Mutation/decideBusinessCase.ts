import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { changeOpportunity } from '../opportunity-change';

export const decideBusinessCase =
  (deps: ResolverDeps): MutationResolvers['decideBusinessCase'] =>
  (_parent, { input }, ctx) =>
    changeOpportunity(deps, ctx, 'decideBusinessCase', input, () => ({ kind: 'decideBusinessCase', decision: input.decision, justification: input.justification }));
