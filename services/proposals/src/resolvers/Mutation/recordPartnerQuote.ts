import { toMinorUnits } from '@vinculo/common';
import type { MutationRecordPartnerQuoteArgs, MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { opportunityAct } from './opportunity-act';

export const recordPartnerQuote = (deps: ResolverDeps): Required<MutationResolvers>['recordPartnerQuote'] =>
  opportunityAct(deps, 'recordPartnerQuote', (input: MutationRecordPartnerQuoteArgs['input'], { currency }) => ({
    kind: 'quotePartner',
    vendor: input.vendor,
    items: input.items,
    amountMinor: toMinorUnits(input.amount, currency),
    validUntil: input.validUntil,
  }));
