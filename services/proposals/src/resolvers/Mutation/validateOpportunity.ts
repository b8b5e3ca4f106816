import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { changeOpportunity } from '../opportunity-change';

export const validateOpportunity =
  (deps: ResolverDeps): MutationResolvers['validateOpportunity'] =>
  (_parent, { input }, ctx) =>
    changeOpportunity(deps, ctx, 'validateOpportunity', input, () => ({ kind: 'validate', aspect: input.aspect, note: input.note }));
