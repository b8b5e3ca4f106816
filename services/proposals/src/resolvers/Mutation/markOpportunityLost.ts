import type { MutationMarkOpportunityLostArgs, MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { opportunityAct } from './opportunity-act';

export const markOpportunityLost = (deps: ResolverDeps): Required<MutationResolvers>['markOpportunityLost'] =>
  opportunityAct(deps, 'markOpportunityLost', (input: MutationMarkOpportunityLostArgs['input']) => ({
    kind: 'markLost',
    reason: input.reason,
    lessonsLearned: input.lessonsLearned,
  }));
