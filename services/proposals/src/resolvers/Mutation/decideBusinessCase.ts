import type { MutationDecideBusinessCaseArgs, MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { opportunityAct } from './opportunity-act';

export const decideBusinessCase = (deps: ResolverDeps): Required<MutationResolvers>['decideBusinessCase'] =>
  opportunityAct(deps, 'decideBusinessCase', (input: MutationDecideBusinessCaseArgs['input']) => ({
    kind: 'decideBusinessCase',
    decision: input.decision,
    justification: input.justification,
  }));
