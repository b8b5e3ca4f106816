import { toMinorUnits } from '@vinculo/common';
import type { MutationRecordSizingArgs, MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { opportunityAct } from './opportunity-act';

export const recordSizing = (deps: ResolverDeps): Required<MutationResolvers>['recordSizing'] =>
  opportunityAct(deps, 'recordSizing', (input: MutationRecordSizingArgs['input'], { currency }) => ({
    kind: 'size',
    costLines: input.costLines.map((l) => ({ description: l.description, kind: l.kind, amountMinor: toMinorUnits(l.amount, currency) })),
    oneTimePriceMinor: toMinorUnits(input.oneTimePrice, currency),
    monthlyPriceMinor: toMinorUnits(input.monthlyPrice, currency),
    termMonths: input.termMonths,
  }));
