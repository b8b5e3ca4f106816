import { badInput, type EventOf, money, type Principal } from '@vinculo/common';
import type { SetSalesTargetInput } from '../__generated__/resolvers-types';
import { text, validMonth } from '../domain/text';
import type { SalesTargetDoc } from '../store/target.model';
import type { SalesDeps } from './deps';
import { minor } from './money';

/** A target as clients read it (amounts in the tenant currency). */
export const targetView = (t: SalesTargetDoc, currency: string) => ({
  executiveId: t.executiveId,
  month: t.month,
  newCapturesCount: t.newCapturesCount,
  newCapturesAmount: money(t.newCapturesAmountMinor, currency),
  portfolioAmount: money(t.portfolioAmountMinor, currency),
  affiliations: t.affiliations,
  salesBudget: money(t.salesBudgetMinor, currency),
  portfolioCustomerIds: t.portfolioCustomerIds,
});

/** The lead or director sets an executive's figures for a month; a lead becomes the target's lead (their team report). */
export async function setSalesTarget(deps: SalesDeps, principal: Principal, input: SetSalesTargetInput) {
  const month = validMonth(input.month);
  const executiveId = text(input.executiveId, 'executiveId', 1, 64);
  const { currency } = await deps.tenantPolicy.policyFor(principal.tenantId);
  const count = (v: number | null | undefined, f: string) => {
    if (v != null && (!Number.isInteger(v) || v < 0 || v > 100_000)) throw badInput(`${f} must be 0 to 100000`, f);
    return v ?? 0;
  };
  const amount = (v: string | null | undefined, f: string) => {
    const m = v == null ? 0 : minor(v, currency, f);
    if (m < 0) throw badInput(`${f} must not be negative`, f);
    return m;
  };
  const saved = await deps.targets.set({
    tenantId: principal.tenantId,
    executiveId,
    month,
    newCapturesCount: count(input.newCapturesCount, 'newCapturesCount'),
    newCapturesAmountMinor: amount(input.newCapturesAmount, 'newCapturesAmount'),
    portfolioAmountMinor: amount(input.portfolioAmount, 'portfolioAmount'),
    affiliations: count(input.affiliations, 'affiliations'),
    salesBudgetMinor: amount(input.salesBudget, 'salesBudget'),
    updatedAt: new Date(),
    ...(principal.roles.includes('SALES_TEAM_LEAD') ? { leadId: principal.userId } : {}),
  });
  return targetView(saved, currency);
}

/**
 * A month plan → the executive's month target (A: new captures count, B: portfolio customers) and the
 * lead who planned it (the actor: their team report includes the executive). Newest revision wins.
 */
export async function applyMonthPlanned(deps: Pick<SalesDeps, 'targets'>, e: EventOf<'customers.MonthPlanned'>): Promise<void> {
  const d = e.data;
  await deps.targets.applyPlan(e.tenantId, {
    executiveId: d.executiveId,
    month: d.month,
    revision: d.revision,
    newCapturesCount: d.newCaptureTarget,
    portfolioCustomerIds: d.portfolioCustomerIds,
    leadId: e.actor.userId,
    at: new Date(e.time),
  });
}
