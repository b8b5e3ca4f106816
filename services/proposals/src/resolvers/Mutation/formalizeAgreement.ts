import type { MutationFormalizeAgreementArgs, MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { opportunityAct } from './opportunity-act';

export const formalizeAgreement = (deps: ResolverDeps): Required<MutationResolvers>['formalizeAgreement'] =>
  opportunityAct(deps, 'formalizeAgreement', (input: MutationFormalizeAgreementArgs['input']) => ({
    kind: 'formalizeAgreement',
    agreementKind: input.kind,
    reference: input.reference,
    signedOn: input.signedOn,
  }));
