import { authorize } from '@vinculo/common';
import type { SaleProjectResolvers } from '../__generated__/resolvers-types';
import { offerLetter } from '../application/documents';
import type { FeasibilityRecord } from '../domain/feasibility';
import { policy } from '../policy';
import type { ResolverDeps } from './deps';
import { out } from './money';

const feasibilityOut = (f: FeasibilityRecord | null) => f && { ...f, technology: f.technology ?? null };

export const SaleProject = (deps: ResolverDeps): SaleProjectResolvers => ({
  // A reference (NewNeed.saleProject, a timeline link, …) must not bypass the pipeline's read policy.
  __resolveReference: (ref, ctx) => {
    authorize(policy, 'readPipeline', ctx.principal);
    return deps.projects.load(ctx, ref.id);
  },
  id: (p) => p._id,
  customer: (p) => ({ id: p.customerId }),
  executive: (p) => ({ id: p.executiveId }),
  feasibility: (p) => feasibilityOut(p.feasibility),
  visit: (p) => (p.visitId ? { id: p.visitId } : null),
  items: (p, _a, ctx) => Promise.all(p.items.map(async (i) => ({ ...i, plan: (await deps.catalog.loadPlan(ctx, i.planCode)) ?? null }))),
  salesOrder: (p, _a, ctx) => (p.orderId ? deps.orders.load(ctx, p.orderId) : null),
  offers: (p) =>
    p.offers.map((o) => ({
      number: o.number,
      lines: o.lines.map((l) => ({
        planCode: l.planCode,
        family: l.family,
        promotionCode: l.promotionCode,
        listMonthlyFee: out(l.listMonthlyFeeMinor, p.currency),
        listInstallationCost: out(l.listInstallationCostMinor, p.currency),
        monthlyFee: out(l.monthlyFeeMinor, p.currency),
        installationCost: out(l.installationCostMinor, p.currency),
      })),
      monthlyTotal: out(o.totals.monthlyTotalMinor, p.currency),
      installationTotal: out(o.totals.installationTotalMinor, p.currency),
      validUntil: o.validUntil,
      channel: o.channel,
      sentBy: o.sentBy,
      sentAt: o.sentAt,
    })),
  offerLetter: (p, _a, ctx) => {
    authorize(policy, 'readPipeline', ctx.principal);
    return offerLetter(deps, deps.docs, ctx.principal, p);
  },
});
