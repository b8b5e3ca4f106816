import { toMinorUnits } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { changeOpportunity } from '../opportunity-change';

export const recordPartnerQuote =
  (deps: ResolverDeps): MutationResolvers['recordPartnerQuote'] =>
  (_parent, { input }, ctx) =>
    changeOpportunity(deps, ctx, 'recordPartnerQuote', input, (_doc, currency) => ({ kind: 'quotePartner', vendor: input.vendor, items: input.items, amountMinor: toMinorUnits(input.amount, currency), validUntil: input.validUntil }));
