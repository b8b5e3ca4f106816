import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { changeOpportunity } from '../opportunity-change';

export const recordContribution =
  (deps: ResolverDeps): MutationResolvers['recordContribution'] =>
  (_parent, { input }, ctx) =>
    changeOpportunity(deps, ctx, 'recordContribution', input, () => ({ kind: 'contribute', area: input.area, summary: input.summary }));
