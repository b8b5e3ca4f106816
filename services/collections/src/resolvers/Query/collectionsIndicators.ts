import { authorize, businessNow, money, startOfLocalDay } from '@vinculo/common';
import type { QueryResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { calendarDate, dayOf, dueDateOf, parsePeriod, periodKey } from '../../domain/period';
import { percent } from '../../domain/indicators';
import { indicatorsFromTotals, type Totals } from '../../domain/indicator-totals';
import { currentIndicatorTotals } from '../../application/indicator-totals';

export const collectionsIndicators =
  (deps: ResolverDeps): NonNullable<QueryResolvers['collectionsIndicators']> =>
  async (_parent, args, { principal }) => {
    authorize(policy, 'readCollectionsIndicators', principal);
    parsePeriod(args.period); // bad input before any read
    return indicatorsOfPeriod(deps, principal.tenantId, args.period, await currentIndicatorTotals(deps, principal.tenantId));
  };

/** One period's indicators, the account-based ones from the tenant's totals (read once for a whole series). */
export async function indicatorsOfPeriod(deps: ResolverDeps, tenantId: string, periodText: string, totals: Totals) {
  const month = parsePeriod(periodText);
  const period = periodKey(month);
  const snapshot = await deps.tenantPolicy.policyFor(tenantId);
  const today = calendarDate(businessNow(tenantId), snapshot.timeZone);
  // The month as calendar dates and as instants of the tenant's time zone: range queries on indexes.
  const [firstDay, nextMonthDay] = [dayOf(month, 1), dueDateOf(month)];

  // Billing per segment, debt, overdue and ageing from the tenant's maintained totals (issue #18: no
  // scan of every account and invoice); billing = monthly and imported invoices, a receivable invoice
  // (R-PS-H4 factura CxC) is not billing; ageing in the tenant's currency as of its today.
  const view = indicatorsFromTotals(totals, period, snapshot.currency, today);

  const promises = await deps.promises
    .find({ tenantId, status: { $in: ['KEPT', 'BROKEN'] }, promisedDate: { $gte: firstDay, $lt: nextMonthDay } }, { status: 1 })
    .lean();
  const kept = promises.filter((p) => p.status === 'KEPT').length;

  const resolvedIn = { $gte: startOfLocalDay(firstDay, snapshot.timeZone), $lt: startOfLocalDay(nextMonthDay, snapshot.timeZone) };
  const claims = await deps.claims.find({ tenantId, resolvedAt: resolvedIn }, { registeredAt: 1, resolvedAt: 1 }).lean();
  const hours = claims.map((c) => ((c.resolvedAt?.getTime() ?? 0) - c.registeredAt.getTime()) / 3_600_000);

  return {
    period,
    billingBySegment: view.billingBySegment.map((e) => ({ segment: e.segment, invoices: e.invoices, total: money(e.totalMinor, e.currency) })),
    outstanding: view.outstanding.map((o) => money(o.amountMinor, o.currency)),
    overdue: view.overdue.map((o) => money(o.amountMinor, o.currency)),
    overdueRatioPercent: view.overdueRatioPercent,
    ageing: view.ageing.map((b) => ({ bucket: b.bucket, amount: money(b.amountMinor, snapshot.currency) })),
    promisesKept: kept,
    promisesBroken: promises.length - kept,
    promiseKeptRatePercent: percent(kept, promises.length),
    claimsResolved: claims.length,
    averageClaimResolutionHours: hours.length ? Math.round((hours.reduce((s, h) => s + h, 0) / hours.length) * 100) / 100 : null,
  };
}
