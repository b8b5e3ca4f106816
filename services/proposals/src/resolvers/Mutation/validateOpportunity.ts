import type { MutationValidateOpportunityArgs, MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { opportunityAct } from './opportunity-act';

export const validateOpportunity = (deps: ResolverDeps): Required<MutationResolvers>['validateOpportunity'] =>
  opportunityAct(deps, 'validateOpportunity', (input: MutationValidateOpportunityArgs['input']) => ({
    kind: 'validate',
    aspect: input.aspect,
    note: input.note,
  }));
