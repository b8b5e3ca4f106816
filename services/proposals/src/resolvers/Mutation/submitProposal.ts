import { toMinorUnits } from '@vinculo/common';
import type { MutationSubmitProposalArgs, MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { opportunityAct } from './opportunity-act';

export const submitProposal = (deps: ResolverDeps): Required<MutationResolvers>['submitProposal'] =>
  opportunityAct(deps, 'submitProposal', (input: MutationSubmitProposalArgs['input'], { currency }) => ({
    kind: 'submitProposal',
    technicalSummary: input.technicalSummary,
    economicSummary: input.economicSummary,
    priceMinor: toMinorUnits(input.price, currency),
    committedDeliveryDate: input.committedDeliveryDate,
  }));
