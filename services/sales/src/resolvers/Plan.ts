import type { PlanResolvers, PromotionResolvers } from '../__generated__/resolvers-types';
import type { ResolverDeps } from './deps';
import { out } from './money';

export const Plan = (deps: ResolverDeps): PlanResolvers => ({
  __resolveReference: (ref, ctx) => deps.catalog.loadPlanById(ctx, ref.id),
  id: (p) => p._id,
  monthlyFee: (p) => out(p.monthlyFeeMinor, p.currency),
  installationCost: (p) => out(p.installationCostMinor, p.currency),
  priceHistory: (p) =>
    p.priceHistory.map((h) => ({
      monthlyFee: out(h.monthlyFeeMinor, p.currency),
      installationCost: out(h.installationCostMinor, p.currency),
      by: h.by,
      at: h.at,
      note: h.note,
    })),
});

export const Promotion = (deps: ResolverDeps): PromotionResolvers => ({
  __resolveReference: (ref, ctx) => deps.catalog.loadPromotionById(ctx, ref.id),
  id: (p) => p._id,
});
