import { authorize, badInput, findByIds, forbidden, loader, type Principal, type RequestContext } from '@vinculo/common';
import type { MutationResolvers, QueryResolvers } from '../__generated__/resolvers-types';
import { affiliationExecution, attainment, billingGrowth, digitalEfficiency, isEfficientDigitalSale, salesBudgetExecution, type Indicator } from '../domain/indicators';
import { checkReadsOwnTeam, teamOfLead } from '../domain/team';
import { executiveFigures, type ClosedProject } from '../domain/report';
import { previousMonth, text, validDay, validMonth } from '../domain/text';
import type { SaleProjectDoc } from '../store/sale-project.model';
import type { DigitalSaleDoc } from '../store/digital-sale.model';
import { targetId, type SalesTargetDoc } from '../store/target.model';
import { policy } from '../policy';
import type { ResolverDeps } from './deps';
import { minor, out } from './money';

const OPEN = ['DRAFT', 'APPROVED', 'FEASIBLE', 'NOT_FEASIBLE', 'VISIT_SCHEDULED', 'OFFERED', 'ACCEPTED'];

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

const closedOf = (p: SaleProjectDoc): ClosedProject => ({ kind: p.kind, status: p.status, market: p.market, monthlyTotalMinor: p.offers.at(-1)?.totals.monthlyTotalMinor ?? 0 });

const targetOut = (t: SalesTargetDoc, currency: string) => ({
  executiveId: t.executiveId,
  month: t.month,
  newCapturesCount: t.newCapturesCount,
  newCapturesAmount: out(t.newCapturesAmountMinor, currency),
  portfolioAmount: out(t.portfolioAmountMinor, currency),
  affiliations: t.affiliations,
  salesBudget: out(t.salesBudgetMinor, currency),
  portfolioCustomerIds: t.portfolioCustomerIds,
});

/** An ACCOUNT_EXECUTIVE (without a management role) reads only their own report. */
function requireOwnUnlessManager(principal: Principal, executiveId: string) {
  const manager = principal.roles.some((r) => r === 'SALES_TEAM_LEAD' || r === 'COMMERCIAL_DIRECTOR' || r === 'ADMIN' || r === 'REPORTING');
  if (!manager && principal.userId !== executiveId) throw forbidden('An executive reads only their own report');
}

/**
 * The executive monthly reports (A8) of several executives, from the projects closed in the month and
 * the month's targets: three queries whatever the number of executives.
 */
export async function executiveReports(deps: ResolverDeps, tenantId: string, executiveIds: readonly string[], month: string) {
  const ids = [...executiveIds];
  const [closed, open, targets, tenant] = await Promise.all([
    deps.projects.find({ tenantId, executiveId: { $in: ids }, closedMonth: month }).lean<SaleProjectDoc[]>(),
    deps.projects.find({ tenantId, executiveId: { $in: ids }, status: { $in: OPEN } }, { executiveId: 1 }).lean<SaleProjectDoc[]>(),
    findByIds(deps.targets, tenantId, ids.map((e) => targetId(tenantId, e, month))),
    deps.tenantPolicy.policyFor(tenantId),
  ]);
  const c = tenant.currency;
  return ids.map((executiveId) => {
    const t = targets.find((x) => x.executiveId === executiveId) ?? emptyTarget(tenantId, executiveId, month);
    const f = executiveFigures(closed.filter((p) => p.executiveId === executiveId).map(closedOf), t);
    return {
      executiveId,
      month,
      target: targetOut(t, c),
      newCaptures: f.newCaptures,
      newCapturesAmount: out(f.newCapturesAmountMinor, c),
      portfolioSales: f.portfolioSales,
      portfolioAmount: out(f.portfolioAmountMinor, c),
      affiliations: f.affiliations,
      nonRegulatedSales: out(f.nonRegulatedSalesMinor, c),
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

const executiveReport = async (deps: ResolverDeps, tenantId: string, executiveId: string, month: string) => (await executiveReports(deps, tenantId, [executiveId], month))[0]!;

const indicatorOut = (i: Indicator, period: string, currency: string | null) => ({ rule: i.id, period, value: i.value, status: i.status, numerator: i.numerator, denominator: i.denominator, currency });

export const reportQueries = (
  deps: ResolverDeps,
): Pick<QueryResolvers, 'executiveMonthlyReport' | 'teamMonthlyReport' | 'billingGrowthIndicator' | 'digitalSalesIndicator' | 'affiliationIndicator' | 'salesBudgetIndicator'> => ({
  executiveMonthlyReport: async (_p, { executiveId, month }, { principal }) => {
    authorize(policy, 'readReports', principal);
    requireOwnUnlessManager(principal, executiveId);
    return executiveReport(deps, principal.tenantId, executiveId, validMonth(month));
  },
  teamMonthlyReport: async (_p, { leadId, month }, { principal }) => {
    authorize(policy, 'readTeamReports', principal);
    checkReadsOwnTeam(principal, leadId);
    validMonth(month);
    // The team as customers knows it (customers.Employee*), plus the executives the lead planned this month.
    const planned = await deps.targets.find({ tenantId: principal.tenantId, month, leadId }, { executiveId: 1 }).lean<SalesTargetDoc[]>();
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
      newCapturesAmount: out(executives.reduce((s, e) => s + e._minor.newCapturesAmountMinor, 0), currency),
      portfolioAmount: out(executives.reduce((s, e) => s + e._minor.portfolioAmountMinor, 0), currency),
      newCapturesAttainment: attainment(newCaptures, newCapturesTarget),
    };
  },
  billingGrowthIndicator: async (_p, { month, segment }, { principal }) => {
    authorize(policy, 'readReports', principal);
    validMonth(month);
    const seg = segment.trim().toUpperCase();
    if (!seg) throw badInput('segment is required', 'segment');
    const [now, before, tenant] = await Promise.all([
      deps.billing.total(principal.tenantId, month, seg),
      deps.billing.total(principal.tenantId, previousMonth(month), seg),
      deps.tenantPolicy.policyFor(principal.tenantId),
    ]);
    return indicatorOut(billingGrowth(now, before, tenant.policy.kpi), month, tenant.currency);
  },
  digitalSalesIndicator: async (_p, { day }, { principal }) => {
    authorize(policy, 'readReports', principal);
    validDay(day, 'day');
    const requests = await deps.digital.find({ tenantId: principal.tenantId, receivedDay: day }, { status: 1, orderId: 1 }).lean<DigitalSaleDoc[]>();
    const orderIds = requests.map((r) => r.orderId).filter((x): x is string => !!x);
    const orders = await findByIds(deps.orders, principal.tenantId, orderIds, { entryChecks: 1 });
    const reworked = new Set(orders.filter((o) => (o.entryChecks ?? []).some((c) => !c.passed)).map((o) => o._id));
    const efficient = requests.filter((r) => isEfficientDigitalSale(r.status, !!r.orderId && reworked.has(r.orderId))).length;
    const tenant = await deps.tenantPolicy.policyFor(principal.tenantId);
    return indicatorOut(digitalEfficiency(efficient, requests.length, tenant.policy.kpi), day, null);
  },
  affiliationIndicator: async (_p, { month, executiveId }, { principal }) => {
    authorize(policy, 'readReports', principal);
    // Without executiveId the indicator covers every executive: a manager's view (issue #14).
    requireOwnUnlessManager(principal, executiveId ?? '');
    validMonth(month);
    const scope = { tenantId: principal.tenantId, ...(executiveId ? { executiveId } : {}) };
    const [affiliated, targets, tenant] = await Promise.all([
      deps.projects.countDocuments({ ...scope, closedMonth: month, status: 'ORDER_ENTERED', kind: 'NEW_CAPTURE', market: 'REGULATED' }),
      deps.targets.find({ ...scope, month }).lean<SalesTargetDoc[]>(),
      deps.tenantPolicy.policyFor(principal.tenantId),
    ]);
    return indicatorOut(affiliationExecution(affiliated, targets.reduce((s, t) => s + t.affiliations, 0), tenant.policy.kpi), month, null);
  },
  salesBudgetIndicator: async (_p, { month, executiveId }, { principal }) => {
    authorize(policy, 'readReports', principal);
    // Without executiveId the indicator covers every executive: a manager's view (issue #14).
    requireOwnUnlessManager(principal, executiveId ?? '');
    validMonth(month);
    const scope = { tenantId: principal.tenantId, ...(executiveId ? { executiveId } : {}) };
    const [sold, targets, tenant] = await Promise.all([
      deps.projects.find({ ...scope, closedMonth: month, status: 'ORDER_ENTERED', market: 'NON_REGULATED' }).lean<SaleProjectDoc[]>(),
      deps.targets.find({ ...scope, month }).lean<SalesTargetDoc[]>(),
      deps.tenantPolicy.policyFor(principal.tenantId),
    ]);
    const executed = sold.reduce((s, p) => s + (p.offers.at(-1)?.totals.monthlyTotalMinor ?? 0), 0);
    return indicatorOut(salesBudgetExecution(executed, targets.reduce((s, t) => s + t.salesBudgetMinor, 0), tenant.policy.kpi), month, tenant.currency);
  },
});

export const targetMutations = (deps: ResolverDeps): Pick<MutationResolvers, 'setSalesTarget'> => ({
  setSalesTarget: async (_p, { input }, { principal }) => {
    authorize(policy, 'setSalesTarget', principal);
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
    const set = {
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
    };
    const saved = await deps.targets
      .findOneAndUpdate({ _id: targetId(principal.tenantId, executiveId, month) }, { $set: set }, { upsert: true, new: true, setDefaultsOnInsert: true })
      .lean<SalesTargetDoc>();
    return { target: targetOut(saved!, currency) };
  },
});

export const employeeFields = (deps: ResolverDeps) => ({
  /** Batched: N employees of one month cost one executiveReports (three queries). */
  salesAttainment: (employee: { id: string }, { month }: { month: string }, ctx: RequestContext) => {
    authorize(policy, 'readReports', ctx.principal);
    requireOwnUnlessManager(ctx.principal, employee.id);
    const m = validMonth(month);
    return loader<string, Awaited<ReturnType<typeof executiveReports>>[number]>(ctx, `salesAttainment:${m}`, (ids) => executiveReports(deps, ctx.principal.tenantId, ids, m)).load(employee.id).then((r) => r!); // one report per id
  },
});
