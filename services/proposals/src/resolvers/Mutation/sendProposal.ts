import type { MutationSendProposalArgs, MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { opportunityAct } from './opportunity-act';

export const sendProposal = (deps: ResolverDeps): Required<MutationResolvers>['sendProposal'] =>
  opportunityAct(deps, 'sendProposal', (_input: MutationSendProposalArgs['input']) => ({ kind: 'sendProposal' }));
