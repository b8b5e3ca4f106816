import { money } from '@vinculo/common';
import type { BusinessCaseResolvers, PartnerQuoteResolvers, ProposalResolvers, CostLineResolvers } from '../__generated__/resolvers-types';
import { percentString } from '../domain/business-case';

/** Money fields of the business case (F-COM-002): stored as minor units of the opportunity's currency. */
export const BusinessCase: BusinessCaseResolvers = {
  costLines: (bc) => bc.costLines.map((l) => ({ ...l, currency: bc.currency })),
  oneTimePrice: (bc) => money(bc.oneTimePriceMinor, bc.currency),
  monthlyPrice: (bc) => money(bc.monthlyPriceMinor, bc.currency),
  totalRevenue: (bc) => money(bc.totalRevenueMinor, bc.currency),
  totalCost: (bc) => money(bc.totalCostMinor, bc.currency),
  margin: (bc) => money(bc.marginMinor, bc.currency),
  marginPercent: (bc) => percentString(bc.marginBasisPoints ?? 0),
};

export const CostLine: CostLineResolvers = {
  amount: (l) => money(l.amountMinor, l.currency),
};

export const PartnerQuote: PartnerQuoteResolvers = {
  amount: (q) => money(q.amountMinor, q.currency),
};

export const Proposal: ProposalResolvers = {
  price: (p) => money(p.priceMinor, p.currency),
};
