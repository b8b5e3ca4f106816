import { authorize, loader, localDay, money, businessNow, tenantCalendar, type BusinessCalendar, type RequestContext } from '@vinculo/common';
import type {
  CallDetailDetailsResolvers,
  PlanChangeDetailsResolvers,
  PostSaleRequestResolvers,
  RelocationDetailsResolvers,
  RequestedChargeResolvers,
  WithdrawalDetailsResolvers,
} from '../__generated__/resolvers-types';
import type { ResolverDeps } from './deps';
import { policy } from '../policy';
import { loadPostSaleRequest } from './Query/postSaleRequest';
import { loadInstalledProduct } from './Query/installedProduct';
import { EFFECTIVE } from '../domain/request';
import { missingOf } from '../domain/requirements';
import { slaClock } from '../domain/pqr';
import { DEFAULT_EQUIPMENT_SETTLEMENT } from '../domain/withdrawal';

/** The tenant's local day, read once per GraphQL request however many PQRs a list shows. */
const tenantToday = (deps: ResolverDeps, ctx: RequestContext, tenantId: string) =>
  loader<string, { today: string; calendar: BusinessCalendar }>(ctx, 'postsaleTenantToday', (tenantIds) =>
    Promise.all(
      tenantIds.map(async (t) => {
        const tenant = await deps.tenantPolicy.policyFor(t);
        return { today: localDay(businessNow(t), tenant.timeZone), calendar: tenantCalendar(tenant) };
      }),
    ),
  ).load(tenantId);

export const PostSaleRequest = (deps: ResolverDeps): PostSaleRequestResolvers => ({
  __resolveReference: (ref, ctx) => {
    authorize(policy, 'readPostsale', ctx.principal);
    return loadPostSaleRequest(deps, ctx, ref.id);
  },
  id: (r) => r._id,
  customer: (r) => ({ id: r.customerId }),
  installedProduct: (r, _a, ctx) => (r.installedProductId ? loadInstalledProduct(deps, ctx, r.installedProductId) : null),
  channel: (r) => r.channel,
  effective: (r) => (r.status === 'CLOSED' || r.status === 'CLOSED_INCOMPLETE' ? r.resolution !== null && EFFECTIVE.includes(r.resolution) : null),
  requirements: (r) => r.requirements,
  missingRequirements: (r) => missingOf(r.requirements),
  fee: (r) => money(r.feeMinor, r.currency),
  charges: (r) => r.charges.map((c) => ({ ...c, currency: r.currency })),
  qcOutcome: (r) => r.qcOutcome ?? null,
  supplementaryService: (r) => r.details.supplementaryService ?? null,
  planChange: (r) => (r.details.planChange ? { ...r.details.planChange, currency: r.currency } : null),
  relocation: (r) => (r.details.relocation ? { ...r.details.relocation, currency: r.currency } : null),
  suspension: (r) => r.details.suspension ?? null,
  reconnection: (r) => r.details.reconnection ?? null,
  callDetail: (r) => (r.details.callDetail ? { ...r.details.callDetail, currency: r.currency } : null),
  withdrawal: (r) => (r.details.withdrawal ? { ...r.details.withdrawal, currency: r.currency } : null),
  pqr: async (r, _a, ctx) => {
    const q = r.details.pqr;
    if (!q) return null;
    const { today, calendar } = (await tenantToday(deps, ctx, r.tenantId))!;
    return { ...q, sla: slaClock(q.deadline, q.answeredOn ?? today, calendar) };
  },
});

export const RequestedCharge: RequestedChargeResolvers = {
  amount: (c) => money(c.amountMinor, c.currency),
  settlement: (c) => c.settlement ?? 'NEXT_INVOICE',
};

export const PlanChangeDetails: PlanChangeDetailsResolvers = {
  monthlyFee: (p) => money(p.monthlyFeeMinor, p.currency),
};

export const CallDetailDetails: CallDetailDetailsResolvers = {
  price: (c) => money(c.amountMinor, c.currency),
};

export const RelocationDetails = (deps: ResolverDeps): RelocationDetailsResolvers => ({
  technology: (r) => r.technology,
  newInstalledProduct: (r, _a, ctx) => (r.newInstalledProductId ? loadInstalledProduct(deps, ctx, r.newInstalledProductId) : null),
  newPlanCode: (r) => r.newPlan?.planCode ?? null,
  equipment: (r) =>
    (r.equipment ?? []).map((e) => {
      const s = r.settlement?.find((x) => x.code === e.code);
      return {
        code: e.code,
        description: e.description,
        value: money(e.valueMinor, r.currency),
        condition: s?.condition ?? null,
        receivable: s ? money(s.chargeMinor, r.currency) : null,
        note: s?.note ?? null,
        returnedOn: s?.returnedOn ?? null,
      };
    }),
  newMonthlyFee: (r) => (r.newPlan ? money(r.newPlan.monthlyFeeMinor, r.currency) : null),
});

export const WithdrawalDetails: WithdrawalDetailsResolvers = {
  equipmentSettlement: (w) => w.equipmentSettlement ?? DEFAULT_EQUIPMENT_SETTLEMENT,
  penalty: (w) => (w.penaltyMinor === null ? null : money(w.penaltyMinor, w.currency)),
  finalBilling: (w) =>
    w.finalBilling
      ? {
          billing: w.finalBilling.billing,
          wholePart: w.finalBilling.wholePartMinor === null ? null : money(w.finalBilling.wholePartMinor, w.currency),
          days: w.finalBilling.days,
          daysInMonth: w.finalBilling.daysInMonth,
          amount: money(w.finalBilling.amountMinor, w.currency),
        }
      : null,
  equipment: (w) =>
    w.equipment.map((e) => {
      const s = w.settlement?.find((x) => x.code === e.code);
      return {
        code: e.code,
        description: e.description,
        value: money(e.valueMinor, w.currency),
        condition: s?.condition ?? null,
        receivable: s ? money(s.chargeMinor, w.currency) : null,
        note: s?.note ?? null,
        returnedOn: s?.returnedOn ?? null,
      };
    }),
};
