import type { MutationReviewProposalArgs, MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { opportunityAct } from './opportunity-act';

export const reviewProposal = (deps: ResolverDeps): Required<MutationResolvers>['reviewProposal'] =>
  opportunityAct(deps, 'reviewProposal', (input: MutationReviewProposalArgs['input']) => ({
    kind: 'reviewProposal',
    outcome: input.outcome,
    comments: input.comments,
  }));
