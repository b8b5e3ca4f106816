import { toMinorUnits } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { changeOpportunity } from '../opportunity-change';

export const recordSizing =
  (deps: ResolverDeps): MutationResolvers['recordSizing'] =>
  (_parent, { input }, ctx) =>
    changeOpportunity(deps, ctx, 'recordSizing', input, (_doc, currency) => ({
      kind: 'size',
      costLines: input.costLines.map((l) => ({ description: l.description, kind: l.kind, amountMinor: toMinorUnits(l.amount, currency) })),
      oneTimePriceMinor: toMinorUnits(input.oneTimePrice, currency),
      monthlyPriceMinor: toMinorUnits(input.monthlyPrice, currency),
      termMonths: input.termMonths,
    }));
