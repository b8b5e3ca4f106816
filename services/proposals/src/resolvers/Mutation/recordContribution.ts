import type { MutationRecordContributionArgs, MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { opportunityAct } from './opportunity-act';

export const recordContribution = (deps: ResolverDeps): Required<MutationResolvers>['recordContribution'] =>
  opportunityAct(deps, 'recordContribution', (input: MutationRecordContributionArgs['input']) => ({
    kind: 'contribute',
    area: input.area,
    summary: input.summary,
  }));
