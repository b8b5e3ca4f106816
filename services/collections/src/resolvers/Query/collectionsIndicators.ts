import { authorize, businessNow, money, startOfLocalDay } from '@vinculo/common';
import type { QueryResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import type { BillingAccountDoc } from '../../store/billing-account.model';
import { policy } from '../../policy';
import { calendarDate, dayOf, dueDateOf, parsePeriod, periodKey } from '../../domain/period';
import { ageing, percent } from '../../domain/indicators';
import { balanceOf } from '../../domain/ledger';
import { ledgerOf } from '../../application/account-ledger';

/** Sums per key, in first-seen order. */
function sumBy<T>(rows: readonly T[], key: (r: T) => string, value: (r: T) => number): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + value(r));
  return m;
}

export const collectionsIndicators =
  (deps: ResolverDeps): QueryResolvers['collectionsIndicators'] =>
  async (_parent, args, { principal }) => {
    authorize(policy, 'readCollectionsIndicators', principal);
    const month = parsePeriod(args.period);
    const period = periodKey(month);
    const tenantId = principal.tenantId;
    const snapshot = await deps.tenantPolicy.policyFor(tenantId);
    const today = calendarDate(businessNow(tenantId), snapshot.timeZone);
    // The month as calendar dates and as instants of the tenant's time zone: range queries on indexes.
    const [firstDay, nextMonthDay] = [dayOf(month, 1), dueDateOf(month)];

    // Billing = monthly and imported invoices; a receivable invoice (R-PS-H4 factura CxC) is not billing.
    const invoices = await deps.invoices.find({ tenantId, period, kind: { $ne: 'RECEIVABLE' } }, { segment: 1, currency: 1, totalMinor: 1 }).lean();
    const bySegment = new Map<string, { segment: string; currency: string; invoices: number; totalMinor: number }>();
    for (const i of invoices) {
      const k = `${i.segment ?? 'UNKNOWN'}|${i.currency}`;
      const e = bySegment.get(k) ?? { segment: i.segment ?? 'UNKNOWN', currency: i.currency, invoices: 0, totalMinor: 0 };
      e.invoices++;
      e.totalMinor += i.totalMinor;
      bySegment.set(k, e);
    }

    const accounts = await deps.accounts.find({ tenantId, 'invoices.0': { $exists: true } }, { currency: 1, invoices: 1, creditMinor: 1, overdueMinor: 1, standing: 1 }).lean<BillingAccountDoc[]>();
    const outstanding = sumBy(accounts, (a) => a.currency, (a) => balanceOf(ledgerOf(a)));
    const overdue = sumBy(accounts.filter((a) => a.standing === 'OVERDUE'), (a) => a.currency, (a) => a.overdueMinor ?? 0);
    const totalOutstanding = [...outstanding.values()].reduce((s, v) => s + v, 0);
    const totalOverdue = [...overdue.values()].reduce((s, v) => s + v, 0);
    const tenantCurrencyInvoices = accounts.filter((a) => a.currency === snapshot.currency).flatMap((a) => a.invoices);

    const promises = await deps.promises.find({ tenantId, status: { $in: ['KEPT', 'BROKEN'] }, promisedDate: { $gte: firstDay, $lt: nextMonthDay } }, { status: 1 }).lean();
    const kept = promises.filter((p) => p.status === 'KEPT').length;

    const resolvedIn = { $gte: startOfLocalDay(firstDay, snapshot.timeZone), $lt: startOfLocalDay(nextMonthDay, snapshot.timeZone) };
    const claims = await deps.claims.find({ tenantId, resolvedAt: resolvedIn }, { registeredAt: 1, resolvedAt: 1 }).lean();
    const hours = claims.map((c) => ((c.resolvedAt?.getTime() ?? 0) - c.registeredAt.getTime()) / 3_600_000);

    return {
      period,
      billingBySegment: [...bySegment.values()].sort((a, b) => a.segment.localeCompare(b.segment) || a.currency.localeCompare(b.currency)).map((e) => ({ segment: e.segment, invoices: e.invoices, total: money(e.totalMinor, e.currency) })),
      outstanding: [...outstanding].map(([c, v]) => money(v, c)),
      overdue: [...overdue].map(([c, v]) => money(v, c)),
      overdueRatioPercent: percent(totalOverdue, totalOutstanding),
      ageing: ageing(tenantCurrencyInvoices, today).map((b) => ({ bucket: b.bucket, amount: money(b.amountMinor, snapshot.currency) })),
      promisesKept: kept,
      promisesBroken: promises.length - kept,
      promiseKeptRatePercent: percent(kept, promises.length),
      claimsResolved: claims.length,
      averageClaimResolutionHours: hours.length ? Math.round((hours.reduce((s, h) => s + h, 0) / hours.length) * 100) / 100 : null,
    };
  };
