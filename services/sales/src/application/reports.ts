import { badInput, money, monthsBetween, type Principal } from '@vinculo/common';
import type { MonthlySalesIndicator } from '../__generated__/resolvers-types';
import {
  affiliationExecution,
  attainment,
  billingGrowth,
  digitalEfficiency,
  isEfficientDigitalSale,
  salesBudgetExecution,
  type Indicator,
} from '../domain/indicators';
import { executiveFigures, type ClosedProject } from '../domain/report';
import { checkReadsOwnFigures, checkReadsOwnTeam, teamOfLead } from '../domain/team';
import { previousMonth, validDay, validMonth } from '../domain/text';
import type { SaleProjectDoc } from '../store/sale-project.model';
import { targetId, type SalesTargetDoc } from '../store/target.model';
import type { SalesDeps } from './deps';
import { targetView } from './targets';

/*
 * The sales reports and indicators (A8, R-SAL-KPI, R-DIG-KPI): read use cases over the projects, the
 * month targets and the billing read model. An executive reads only their own figures (checked here).
 */

const emptyTarget = (tenantId: string, executiveId: string, month: string): SalesTargetDoc => ({
  _id: targetId(tenantId, executiveId, month),
  tenantId,
  executiveId,
  month,
  leadId: null,
  newCapturesCount: 0,
  newCapturesAmountMinor: 0,
  portfolioAmountMinor: 0,
  affiliations: 0,
  salesBudgetMinor: 0,
  portfolioCustomerIds: [],
  planRevision: 0,
  updatedAt: new Date(0),
});

const closedOf = (p: SaleProjectDoc): ClosedProject => ({
  kind: p.kind,
  status: p.status,
  market: p.market,
  monthlyTotalMinor: p.offers.at(-1)?.totals.monthlyTotalMinor ?? 0,
});

/**
 * The executive monthly reports (A8) of several executives, from the projects closed in the month and
 * the month's targets: three queries whatever the number of executives.
 */
export async function executiveReports(deps: SalesDeps, tenantId: string, executiveIds: readonly string[], month: string) {
  const ids = [...executiveIds];
  const [closed, open, targets, tenant] = await Promise.all([
    deps.projects.closedIn(tenantId, ids, month),
    deps.projects.openOf(tenantId, ids),
    deps.targets.ofExecutives(tenantId, ids, month),
    deps.tenantPolicy.policyFor(tenantId),
  ]);
  const c = tenant.currency;
  return ids.map((executiveId) => {
    const t = targets.find((x) => x.executiveId === executiveId) ?? emptyTarget(tenantId, executiveId, month);
    const f = executiveFigures(closed.filter((p) => p.executiveId === executiveId).map(closedOf), t);
    return {
      executiveId,
      month,
      target: targetView(t, c),
      newCaptures: f.newCaptures,
      newCapturesAmount: money(f.newCapturesAmountMinor, c),
      portfolioSales: f.portfolioSales,
      portfolioAmount: money(f.portfolioAmountMinor, c),
      affiliations: f.affiliations,
      nonRegulatedSales: money(f.nonRegulatedSalesMinor, c),
      newCapturesAttainment: f.newCapturesAttainment,
      newCapturesAmountAttainment: f.newCapturesAmountAttainment,
      portfolioAttainment: f.portfolioAttainment,
      lostProjects: f.lostProjects,
      openProjects: open.filter((p) => p.executiveId === executiveId).length,
      _minor: f,
      _target: t,
    };
  });
}
export type ExecutiveReport = Awaited<ReturnType<typeof executiveReports>>[number];

/** One executive's month (A8): their own, or any for a manager. */
export async function executiveMonthlyReport(deps: SalesDeps, principal: Principal, executiveId: string, month: string): Promise<ExecutiveReport> {
  checkReadsOwnFigures(principal, executiveId);
  return (await executiveReports(deps, principal.tenantId, [executiveId], validMonth(month)))[0]!;
}

/** A lead's team month: the team as customers knows it, plus the executives the lead planned this month. */
export async function teamMonthlyReport(deps: SalesDeps, principal: Principal, leadId: string, month: string) {
  checkReadsOwnTeam(principal, leadId);
  validMonth(month);
  const planned = await deps.targets.plannedBy(principal.tenantId, month, leadId);
  const plannedIds = planned.map((t) => t.executiveId);
  const { members, leadOfOthers } = await deps.staff.team(principal.tenantId, leadId, plannedIds);
  const executives = await executiveReports(deps, principal.tenantId, teamOfLead(leadId, members, plannedIds, leadOfOthers), month);
  const { currency } = await deps.tenantPolicy.policyFor(principal.tenantId);
  const newCaptures = executives.reduce((s, e) => s + e.newCaptures, 0);
  const newCapturesTarget = executives.reduce((s, e) => s + e._target.newCapturesCount, 0);
  return {
    leadId,
    month,
    executives,
    newCaptures,
    newCapturesTarget,
    newCapturesAmount: money(
      executives.reduce((s, e) => s + e._minor.newCapturesAmountMinor, 0),
      currency,
    ),
    portfolioAmount: money(
      executives.reduce((s, e) => s + e._minor.portfolioAmountMinor, 0),
      currency,
    ),
    newCapturesAttainment: attainment(newCaptures, newCapturesTarget),
  };
}

/** An indicator as clients read it. */
export interface IndicatorView {
  rule: string;
  period: string;
  value: number | null;
  status: Indicator['status'];
  numerator: number;
  denominator: number;
  currency: string | null;
}

const indicatorView = (i: Indicator, period: string, currency: string | null): IndicatorView => ({
  rule: i.id,
  period,
  value: i.value,
  status: i.status,
  numerator: i.numerator,
  denominator: i.denominator,
  currency,
});

/** R-SAL-KPI billing growth of a segment, month over month (invoice totals from collections). */
export async function billingGrowthIndicator(deps: SalesDeps, principal: Principal, month: string, segment: string): Promise<IndicatorView> {
  validMonth(month);
  const seg = segment.trim().toUpperCase();
  if (!seg) throw badInput('segment is required', 'segment');
  const [now, before, tenant] = await Promise.all([
    deps.billing.total(principal.tenantId, month, seg),
    deps.billing.total(principal.tenantId, previousMonth(month), seg),
    deps.tenantPolicy.policyFor(principal.tenantId),
  ]);
  return indicatorView(billingGrowth(now, before, tenant.policy.kpi), month, tenant.currency);
}

/** R-DIG-KPI: the day's digital requests that became orders without rework. */
export async function digitalSalesIndicator(deps: SalesDeps, principal: Principal, day: string): Promise<IndicatorView> {
  validDay(day, 'day');
  const requests = await deps.digital.receivedOn(principal.tenantId, day);
  const orderIds = requests.map((r) => r.orderId).filter((x): x is string => !!x);
  const orders = await deps.orders.entryChecksOf(principal.tenantId, orderIds);
  const reworked = new Set(orders.filter((o) => (o.entryChecks ?? []).some((c) => !c.passed)).map((o) => o._id));
  const efficient = requests.filter((r) => isEfficientDigitalSale(r.status, !!r.orderId && reworked.has(r.orderId))).length;
  const tenant = await deps.tenantPolicy.policyFor(principal.tenantId);
  return indicatorView(digitalEfficiency(efficient, requests.length, tenant.policy.kpi), day, null);
}

/** Whose figures an indicator covers: one executive's, or (without executiveId, a manager's view, issue #14) everyone's. */
function scopeOf(principal: Principal, executiveId: string | null | undefined) {
  checkReadsOwnFigures(principal, executiveId ?? '');
  return { tenantId: principal.tenantId, ...(executiveId ? { executiveId } : {}) };
}

/** R-SAL-KPI affiliations: regulated new captures entered in the month against the targets. */
export async function affiliationIndicator(deps: SalesDeps, principal: Principal, month: string, executiveId?: string | null): Promise<IndicatorView> {
  const scope = scopeOf(principal, executiveId);
  validMonth(month);
  const [affiliated, targets, tenant] = await Promise.all([
    deps.projects.affiliatedIn(scope, month),
    deps.targets.inMonth(scope, month),
    deps.tenantPolicy.policyFor(principal.tenantId),
  ]);
  return indicatorView(
    affiliationExecution(
      affiliated,
      targets.reduce((s, t) => s + t.affiliations, 0),
      tenant.policy.kpi,
    ),
    month,
    null,
  );
}

/** R-SAL-KPI sales budget: non-regulated sales entered in the month against the budget. */
export async function salesBudgetIndicator(deps: SalesDeps, principal: Principal, month: string, executiveId?: string | null): Promise<IndicatorView> {
  const scope = scopeOf(principal, executiveId);
  validMonth(month);
  const [sold, targets, tenant] = await Promise.all([
    deps.projects.nonRegulatedSoldIn(scope, month),
    deps.targets.inMonth(scope, month),
    deps.tenantPolicy.policyFor(principal.tenantId),
  ]);
  const executed = sold.reduce((s, p) => s + (p.offers.at(-1)?.totals.monthlyTotalMinor ?? 0), 0);
  return indicatorView(
    salesBudgetExecution(
      executed,
      targets.reduce((s, t) => s + t.salesBudgetMinor, 0),
      tenant.policy.kpi,
    ),
    month,
    tenant.currency,
  );
}

/**
 * One call, many months (issue #15): a monthly sales indicator month by month, through the very use
 * case of one month (same rules, same "own figures only" check).
 */
export async function salesIndicatorSeries(
  deps: SalesDeps,
  principal: Principal,
  args: { indicator: MonthlySalesIndicator; from: string; to: string; segment?: string | null; executiveId?: string | null },
): Promise<IndicatorView[]> {
  const out: IndicatorView[] = [];
  for (const month of monthsBetween(args.from, args.to)) {
    if (args.indicator === 'BILLING_GROWTH') out.push(await billingGrowthIndicator(deps, principal, month, args.segment ?? ''));
    else if (args.indicator === 'AFFILIATION') out.push(await affiliationIndicator(deps, principal, month, args.executiveId ?? null));
    else out.push(await salesBudgetIndicator(deps, principal, month, args.executiveId ?? null));
  }
  return out;
}
