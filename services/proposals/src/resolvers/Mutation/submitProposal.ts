import { toMinorUnits } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { changeOpportunity } from '../opportunity-change';

export const submitProposal =
  (deps: ResolverDeps): MutationResolvers['submitProposal'] =>
  (_parent, { input }, ctx) =>
    changeOpportunity(deps, ctx, 'submitProposal', input, (_doc, currency) => ({
      kind: 'submitProposal',
      technicalSummary: input.technicalSummary,
      economicSummary: input.economicSummary,
      priceMinor: toMinorUnits(input.price, currency),
      committedDeliveryDate: input.committedDeliveryDate,
    }));
