import { badInput, businessNow, conflict, type Decision, isDuplicateKey, newId, notFound, runCommand, type Principal } from '@vinculo/common';
import type { ChangePlanPriceInput, DefinePlanInput, DefinePromotionInput, WithdrawPlanInput } from '../__generated__/resolvers-types';
import { changePrice, definePlan as validPlan, definePromotion as validPromotion, planCode, priceLine, type PricedLine } from '../domain/catalog';
import type { ProposedItem } from '../domain/sale-project';
import type { PlanDoc, PromotionDoc } from '../store/catalog.model';
import type { SalesDeps } from './deps';
import { planChanged } from './events';
import { minor } from './money';

/** Price proposed items from the catalog on `day`: plan and promotion must exist (BAD_USER_INPUT on the field otherwise). */
export async function priceItems(
  deps: Pick<SalesDeps, 'catalog'>,
  tenantId: string,
  items: readonly { planCode: string; promotionCode: string | null }[],
  day: string,
): Promise<PricedLine[]> {
  const codes = [...new Set(items.map((i) => i.planCode))];
  const promos = [...new Set(items.map((i) => i.promotionCode).filter((c): c is string => !!c))];
  const plans = new Map((await deps.catalog.plansByCodes(tenantId, codes)).map((p) => [p.code, p]));
  const promotions = new Map((await deps.catalog.promotionsByCodes(tenantId, promos)).map((p) => [p.code, p]));
  return items.map((i) => {
    const plan = plans.get(i.planCode);
    if (!plan) throw badInput(`plan ${i.planCode} is not in the catalog`, 'planCode');
    const promotion = i.promotionCode ? promotions.get(i.promotionCode) : null;
    if (i.promotionCode && !promotion) throw badInput(`promotion ${i.promotionCode} does not exist`, 'promotionCode');
    return priceLine(plan, promotion ?? null, day);
  });
}

/** Normalise proposed items (codes upper-case) and check they exist in the catalog. */
export async function knownItems(
  deps: Pick<SalesDeps, 'catalog'>,
  tenantId: string,
  items: readonly { planCode: string; promotionCode?: string | null }[],
  day: string,
): Promise<ProposedItem[]> {
  const normalised = items.map((i) => ({ planCode: planCode(i.planCode), promotionCode: i.promotionCode ? planCode(i.promotionCode, 'promotionCode') : null }));
  await priceItems(deps, tenantId, normalised, day);
  return normalised;
}

/** A new plan in the tenant's currency, with its first price in the history (sales.PlanChanged, version 0). */
export async function definePlan(deps: SalesDeps, principal: Principal, input: DefinePlanInput): Promise<PlanDoc> {
  const { currency } = await deps.tenantPolicy.policyFor(principal.tenantId);
  const fields = validPlan({
    ...input,
    monthlyFeeMinor: minor(input.monthlyFee, currency, 'monthlyFee'),
    installationCostMinor: minor(input.installationCost, currency, 'installationCost'),
  });
  const now = businessNow(principal.tenantId);
  try {
    const created = await deps.catalog.createPlan({
      _id: newId('plan'),
      tenantId: principal.tenantId,
      currency,
      ...fields,
      priceHistory: [
        { monthlyFeeMinor: fields.monthlyFeeMinor, installationCostMinor: fields.installationCostMinor, by: principal.userId, at: now, note: 'defined' },
      ],
      version: 0,
      outbox: [planChanged(principal, { ...fields, currency, version: 0 }, 0)],
    });
    deps.published();
    return created;
  } catch (err) {
    if (isDuplicateKey(err)) throw conflict(`Plan ${fields.code} already exists`);
    throw err;
  }
}

/** The plan by its code (as typed), or NOT_FOUND. */
async function planOf(deps: SalesDeps, tenantId: string, code: string): Promise<PlanDoc> {
  const plan = await deps.catalog.planByCode(tenantId, planCode(code, 'code'));
  if (!plan) throw notFound('Plan', code);
  return plan;
}

/** Run one decided change on a plan at the version the director saw (moved on → CONFLICT). */
const runOnPlan = (deps: SalesDeps, principal: Principal, plan: PlanDoc, expectedVersion: number, decide: (current: PlanDoc) => Decision<PlanDoc>) =>
  runCommand({
    model: deps.catalog.plans,
    what: 'Plan',
    tenantId: principal.tenantId,
    id: plan._id,
    concurrency: { expectedVersion },
    published: deps.published,
    decide,
  }).then((r) => r.doc);

/** A new price from now on, recorded in the history (sales.PlanChanged). */
export async function changePlanPrice(deps: SalesDeps, principal: Principal, input: ChangePlanPriceInput): Promise<PlanDoc> {
  const plan = await planOf(deps, principal.tenantId, input.code);
  const at = businessNow(principal.tenantId);
  return runOnPlan(deps, principal, plan, input.expectedVersion, (current) => {
    const change = changePrice(
      current,
      {
        monthlyFeeMinor: minor(input.monthlyFee, current.currency, 'monthlyFee'),
        installationCostMinor: minor(input.installationCost, current.currency, 'installationCost'),
        note: input.note,
      },
      { by: principal.userId, at },
    );
    return {
      update: { $set: { monthlyFeeMinor: change.monthlyFeeMinor, installationCostMinor: change.installationCostMinor }, $push: { priceHistory: change } },
      events: [
        planChanged(
          principal,
          { ...current, monthlyFeeMinor: change.monthlyFeeMinor, installationCostMinor: change.installationCostMinor },
          current.version + 1,
        ),
      ],
    };
  });
}

/** The plan leaves the catalog for new sales (sales.PlanChanged active: false); a withdrawn plan is a CONFLICT. */
export async function withdrawPlan(deps: SalesDeps, principal: Principal, input: WithdrawPlanInput): Promise<PlanDoc> {
  const plan = await planOf(deps, principal.tenantId, input.code);
  if (!plan.active) throw conflict(`Plan ${plan.code} is already withdrawn`, { status: 'WITHDRAWN' });
  return runOnPlan(deps, principal, plan, input.expectedVersion, (current) => ({
    update: { $set: { active: false } },
    events: [planChanged(principal, { ...current, active: false }, current.version + 1)],
  }));
}

/** A promotion over plans of the catalog (every plan must exist). */
export async function definePromotion(deps: SalesDeps, principal: Principal, input: DefinePromotionInput): Promise<PromotionDoc> {
  const fields = validPromotion(input);
  const known = await deps.catalog.countPlans(principal.tenantId, fields.planCodes);
  if (known !== fields.planCodes.length) throw badInput('every plan of a promotion must be in the catalog', 'planCodes');
  try {
    return await deps.catalog.createPromotion({
      _id: newId('promo'),
      tenantId: principal.tenantId,
      ...fields,
      createdBy: principal.userId,
      createdAt: new Date(),
    });
  } catch (err) {
    if (isDuplicateKey(err)) throw conflict(`Promotion ${fields.code} already exists`);
    throw err;
  }
}
