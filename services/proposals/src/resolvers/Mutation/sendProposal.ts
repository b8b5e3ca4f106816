import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { changeOpportunity } from '../opportunity-change';

export const sendProposal =
  (deps: ResolverDeps): MutationResolvers['sendProposal'] =>
  (_parent, { input }, ctx) =>
    changeOpportunity(deps, ctx, 'sendProposal', input, () => ({ kind: 'sendProposal' }));
