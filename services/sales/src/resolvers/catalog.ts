import { authorize, badInput, businessNow, byIdLoader, byKeys, conflict, type EventEnvelope, isDuplicateKey, loader, newEnvelope, newId, notFound, paginate, type Principal, type RequestContext, updateVersioned } from '@vinculo/common';
import type { MutationResolvers, PlanResolvers, PromotionResolvers, QueryResolvers } from '../__generated__/resolvers-types';
import { changePrice, definePlan as validPlan, definePromotion as validPromotion, planCode, priceLine, type PlanFields, type PricedLine, type PromotionFields } from '../domain/catalog';
import type { PlanDoc, PromotionDoc } from '../store/catalog.model';
import { policy } from '../policy';
import type { ResolverDeps } from './deps';
import { minor, out } from './money';

/**
 * sales.PlanChanged: the plan as it is after the change, for the catalog read models of other
 * subgraphs (postsale takes plan changes and relocations' new plans from it). planVersion is the
 * document's version after the write, so a consumer keeps the newest.
 */
const planChanged = (who: Principal, p: Omit<PlanDoc, 'outbox' | 'priceHistory' | '_id' | 'tenantId'>, planVersion: number): EventEnvelope =>
  newEnvelope('sales', who, {
    type: 'sales.PlanChanged',
    subject: p.code,
    data: {
      code: p.code, name: p.name, family: p.family, technology: p.technology ?? null, speedMbps: p.speedMbps ?? null, monthlyFeeMinor: p.monthlyFeeMinor,
      minimumPermanenceMonths: p.minimumPermanenceMonths ?? 0, currency: p.currency, active: p.active, planVersion,
    },
  });

/** Plans of the tenant by code, batched per request. */
export const loadPlan = ({ plans }: ResolverDeps, ctx: RequestContext, code: string) =>
  loader<string, PlanDoc>(ctx, 'planByCode', async (codes) =>
    byKeys(codes, await plans.find({ tenantId: ctx.principal.tenantId, code: { $in: [...codes] } }).lean<PlanDoc[]>(), (p) => p.code),
  ).load(code);

/** Price proposed items from the catalog on `day`: plan and promotion must exist (BAD_USER_INPUT on the field otherwise). */
export async function priceItems(deps: ResolverDeps, tenantId: string, items: readonly { planCode: string; promotionCode: string | null }[], day: string): Promise<PricedLine[]> {
  const codes = [...new Set(items.map((i) => i.planCode))];
  const promos = [...new Set(items.map((i) => i.promotionCode).filter((c): c is string => !!c))];
  const plans = new Map((await deps.plans.find({ tenantId, code: { $in: codes } }).lean<PlanDoc[]>()).map((p) => [p.code, p]));
  const promotions = new Map((await deps.promotions.find({ tenantId, code: { $in: promos } }).lean<PromotionDoc[]>()).map((p) => [p.code, p]));
  return items.map((i) => {
    const plan = plans.get(i.planCode);
    if (!plan) throw badInput(`plan ${i.planCode} is not in the catalog`, 'planCode');
    const promotion = i.promotionCode ? promotions.get(i.promotionCode) : null;
    if (i.promotionCode && !promotion) throw badInput(`promotion ${i.promotionCode} does not exist`, 'promotionCode');
    return priceLine(plan, promotion ?? null, day);
  });
}

/** Normalise proposed items (codes upper-case) and check they exist in the catalog. */
export async function knownItems(deps: ResolverDeps, tenantId: string, items: readonly { planCode: string; promotionCode?: string | null }[], day: string) {
  const normalised = items.map((i) => ({ planCode: planCode(i.planCode), promotionCode: i.promotionCode ? planCode(i.promotionCode, 'promotionCode') : null }));
  await priceItems(deps, tenantId, normalised, day);
  return normalised;
}

export const catalogQueries = (deps: ResolverDeps): Pick<QueryResolvers, 'plans' | 'plan' | 'promotions'> => ({
  plans: (_p, { filter, first, after }, ctx) => {
    authorize(policy, 'readSales', ctx.principal);
    const q: Record<string, unknown> = { tenantId: ctx.principal.tenantId };
    if (filter?.family) q.family = filter.family.trim().toUpperCase();
    if (filter?.activeOnly) q.active = true;
    return paginate<PlanDoc>(deps.plans, q, { first, after }, ctx.principal, { field: 'code', descending: false });
  },
  plan: (_p, { code }, ctx) => {
    authorize(policy, 'readSales', ctx.principal);
    return loadPlan(deps, ctx, code.trim().toUpperCase()).then((p) => p ?? null);
  },
  promotions: (_p, { validOn, first, after }, ctx) => {
    authorize(policy, 'readSales', ctx.principal);
    const q = { tenantId: ctx.principal.tenantId, validFrom: { $lte: validOn }, validTo: { $gte: validOn } };
    return paginate<PromotionDoc>(deps.promotions, q, { first, after }, ctx.principal, { field: 'code', descending: false });
  },
});

export const catalogMutations = (deps: ResolverDeps): Pick<MutationResolvers, 'definePlan' | 'changePlanPrice' | 'withdrawPlan' | 'definePromotion'> => ({
  definePlan: async (_p, { input }, { principal }) => {
    authorize(policy, 'manageCatalog', principal);
    const { currency } = await deps.tenantPolicy.policyFor(principal.tenantId);
    const fields: PlanFields = validPlan({
      ...input,
      monthlyFeeMinor: minor(input.monthlyFee, currency, 'monthlyFee'),
      installationCostMinor: minor(input.installationCost, currency, 'installationCost'),
    });
    const now = businessNow(principal.tenantId);
    try {
      const created = await deps.plans.create({
        _id: newId('plan'),
        tenantId: principal.tenantId,
        currency,
        ...fields,
        priceHistory: [{ monthlyFeeMinor: fields.monthlyFeeMinor, installationCostMinor: fields.installationCostMinor, by: principal.userId, at: now, note: 'defined' }],
        outbox: [planChanged(principal, { ...fields, currency, version: 0 }, 0)],
      });
      deps.published();
      return { plan: created.toObject() };
    } catch (err) {
      if (isDuplicateKey(err)) throw conflict(`Plan ${fields.code} already exists`);
      throw err;
    }
  },
  changePlanPrice: async (_p, { input }, { principal }) => {
    authorize(policy, 'manageCatalog', principal);
    const plan = await deps.plans.findOne({ tenantId: principal.tenantId, code: planCode(input.code, 'code') }).lean<PlanDoc>();
    if (!plan) throw notFound('Plan', input.code);
    const change = changePrice(
      plan,
      { monthlyFeeMinor: minor(input.monthlyFee, plan.currency, 'monthlyFee'), installationCostMinor: minor(input.installationCost, plan.currency, 'installationCost'), note: input.note },
      { by: principal.userId, at: businessNow(principal.tenantId) },
    );
    const updated = await updateVersioned(
      deps.plans,
      { _id: plan._id, tenantId: principal.tenantId },
      input.expectedVersion,
      { $set: { monthlyFeeMinor: change.monthlyFeeMinor, installationCostMinor: change.installationCostMinor }, $push: { priceHistory: change } },
      [planChanged(principal, { ...plan, monthlyFeeMinor: change.monthlyFeeMinor, installationCostMinor: change.installationCostMinor }, input.expectedVersion + 1)],
    );
    deps.published();
    return { plan: updated };
  },
  withdrawPlan: async (_p, { input }, { principal }) => {
    authorize(policy, 'manageCatalog', principal);
    const plan = await deps.plans.findOne({ tenantId: principal.tenantId, code: planCode(input.code, 'code') }).lean<PlanDoc>();
    if (!plan) throw notFound('Plan', input.code);
    if (!plan.active) throw conflict(`Plan ${plan.code} is already withdrawn`, { status: 'WITHDRAWN' });
    const updated = await updateVersioned(deps.plans, { _id: plan._id, tenantId: principal.tenantId }, input.expectedVersion, { $set: { active: false } }, [
      planChanged(principal, { ...plan, active: false }, input.expectedVersion + 1),
    ]);
    deps.published();
    return { plan: updated };
  },
  definePromotion: async (_p, { input }, { principal }) => {
    authorize(policy, 'manageCatalog', principal);
    const fields: PromotionFields = validPromotion(input);
    const known = await deps.plans.countDocuments({ tenantId: principal.tenantId, code: { $in: fields.planCodes } });
    if (known !== fields.planCodes.length) throw badInput('every plan of a promotion must be in the catalog', 'planCodes');
    try {
      const created = await deps.promotions.create({ _id: newId('promo'), tenantId: principal.tenantId, ...fields, createdBy: principal.userId, createdAt: new Date() });
      return { promotion: created.toObject() };
    } catch (err) {
      if (isDuplicateKey(err)) throw conflict(`Promotion ${fields.code} already exists`);
      throw err;
    }
  },
});

export const Plan = (deps: ResolverDeps): PlanResolvers => ({
  __resolveReference: (ref, ctx) => byIdLoader(deps.plans, 'planById')(ctx, ref.id),
  id: (p) => p._id,
  monthlyFee: (p) => out(p.monthlyFeeMinor, p.currency),
  installationCost: (p) => out(p.installationCostMinor, p.currency),
  priceHistory: (p) => p.priceHistory.map((h) => ({ monthlyFee: out(h.monthlyFeeMinor, p.currency), installationCost: out(h.installationCostMinor, p.currency), by: h.by, at: h.at, note: h.note })),
});

export const Promotion = (deps: ResolverDeps): PromotionResolvers => ({
  __resolveReference: (ref, ctx) => byIdLoader(deps.promotions, 'promotionById')(ctx, ref.id),
  id: (p) => p._id,
});
