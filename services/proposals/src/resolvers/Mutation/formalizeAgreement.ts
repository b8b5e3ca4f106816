import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { changeOpportunity } from '../opportunity-change';

export const formalizeAgreement =
  (deps: ResolverDeps): MutationResolvers['formalizeAgreement'] =>
  (_parent, { input }, ctx) =>
    changeOpportunity(deps, ctx, 'formalizeAgreement', input, () => ({ kind: 'formalizeAgreement', agreementKind: input.kind, reference: input.reference, signedOn: input.signedOn }));
