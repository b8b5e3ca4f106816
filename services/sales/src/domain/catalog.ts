import { badInput, TECHNOLOGIES, type Technology } from '@vinculo/common';
import { optionalText, text, validDay } from './text';

/**
 * The catalog (plans, supplementary services, promotions). Families of the telecom seeds are
 * FIXED_LINE, INTERNET, PAY_TV, DUO, MULTI, HSPA; other tenants use their own (WASTE_COLLECTION,
 * MANAGED_SERVICE…), so a family is free-form upper-case text. Prices are integer minor units of the
 * tenant currency; every price change is kept in the plan's `priceHistory`.
 */

const CODE = /^[A-Z0-9][A-Z0-9_-]{1,31}$/;
const FAMILY = /^[A-Z][A-Z0-9_]{1,39}$/;

export function planCode(value: string, field = 'planCode'): string {
  const c = value.trim().toUpperCase();
  if (!CODE.test(c)) throw badInput(`${field} must be 2 to 32 letters, digits, - or _`, field);
  return c;
}

export interface PriceChange {
  monthlyFeeMinor: number;
  installationCostMinor: number;
  by: string;
  at: Date;
  note: string | null;
}

export interface PlanFields {
  code: string;
  name: string;
  family: string;
  technology: Technology | null;
  speedMbps: number | null;
  monthlyFeeMinor: number;
  installationCostMinor: number;
  supplementaryServices: string[];
  minimumPermanenceMonths: number;
  active: boolean;
}

export interface PlanInput {
  code: string;
  name: string;
  family: string;
  technology?: Technology | null;
  speedMbps?: number | null;
  monthlyFeeMinor: number;
  installationCostMinor: number;
  supplementaryServices?: string[] | null;
  minimumPermanenceMonths?: number | null;
}

function price(minor: number, field: string): number {
  if (!Number.isInteger(minor) || minor < 0) throw badInput(`${field} must be zero or positive`, field);
  return minor;
}

/** A plan as defined by the commercial director / admin (validated, normalised). */
export function definePlan(input: PlanInput): PlanFields {
  const family = input.family.trim().toUpperCase();
  if (!FAMILY.test(family)) throw badInput('family must be 2 to 40 upper-case letters, digits or _', 'family');
  if (input.technology != null && !TECHNOLOGIES.includes(input.technology)) throw badInput('unknown technology', 'technology');
  if (input.speedMbps != null && (!(input.speedMbps >= 0) || input.speedMbps > 100_000)) throw badInput('speedMbps must be 0 to 100000', 'speedMbps');
  const services = [...new Set((input.supplementaryServices ?? []).map((s) => text(s, 'supplementaryServices', 2, 40).toUpperCase()))];
  const permanence = input.minimumPermanenceMonths ?? 0;
  if (!Number.isInteger(permanence) || permanence < 0 || permanence > 120)
    throw badInput('minimumPermanenceMonths must be 0 to 120', 'minimumPermanenceMonths');
  return {
    code: planCode(input.code, 'code'),
    name: text(input.name, 'name', 2, 120),
    family,
    technology: input.technology ?? null,
    speedMbps: input.speedMbps ?? null,
    monthlyFeeMinor: price(input.monthlyFeeMinor, 'monthlyFee'),
    installationCostMinor: price(input.installationCostMinor, 'installationCost'),
    supplementaryServices: services,
    minimumPermanenceMonths: permanence,
    active: true,
  };
}

/** A price change: both prices, validated; refused when nothing changes. */
export function changePrice(
  plan: Pick<PlanFields, 'monthlyFeeMinor' | 'installationCostMinor'>,
  change: { monthlyFeeMinor: number; installationCostMinor: number; note?: string | null },
  meta: { by: string; at: Date },
): PriceChange {
  const monthlyFeeMinor = price(change.monthlyFeeMinor, 'monthlyFee');
  const installationCostMinor = price(change.installationCostMinor, 'installationCost');
  if (monthlyFeeMinor === plan.monthlyFeeMinor && installationCostMinor === plan.installationCostMinor) {
    throw badInput('the new prices equal the current ones', 'monthlyFee');
  }
  return { monthlyFeeMinor, installationCostMinor, by: meta.by, at: meta.at, note: optionalText(change.note, 'note', 500) };
}

export interface PromotionFields {
  code: string;
  name: string;
  planCodes: string[];
  monthlyDiscountPercent: number;
  installationDiscountPercent: number;
  validFrom: string;
  validTo: string;
}

export function definePromotion(input: PromotionFields): PromotionFields {
  const pct = (v: number, f: string) => {
    if (!Number.isInteger(v) || v < 0 || v > 100) throw badInput(`${f} must be an integer 0 to 100`, f);
    return v;
  };
  const validFrom = validDay(input.validFrom, 'validFrom');
  const validTo = validDay(input.validTo, 'validTo');
  if (validTo < validFrom) throw badInput('validTo must not be before validFrom', 'validTo');
  const planCodes = [...new Set(input.planCodes.map((c) => planCode(c, 'planCodes')))];
  if (planCodes.length < 1 || planCodes.length > 50) throw badInput('planCodes must have 1 to 50 codes', 'planCodes');
  return {
    code: planCode(input.code, 'code'),
    name: text(input.name, 'name', 2, 120),
    planCodes,
    monthlyDiscountPercent: pct(input.monthlyDiscountPercent, 'monthlyDiscountPercent'),
    installationDiscountPercent: pct(input.installationDiscountPercent, 'installationDiscountPercent'),
    validFrom,
    validTo,
  };
}

/** A promotion applies to a plan on a day when it lists the plan and the day is inside its window. */
export const promotionApplies = (p: PromotionFields, plan: string, day: string): boolean =>
  p.planCodes.includes(plan) && p.validFrom <= day && day <= p.validTo;

/** One priced line of an offer or an order: prices after the promotion, in minor units. */
export interface PricedLine {
  planCode: string;
  family: string;
  technology: Technology | null;
  speedMbps: number | null;
  listMonthlyFeeMinor: number;
  listInstallationCostMinor: number;
  promotionCode: string | null;
  monthlyFeeMinor: number;
  installationCostMinor: number;
  supplementaryServices: string[];
  minimumPermanenceMonths: number;
}

/** Discounted amount, rounded half up to the minor unit (so totals are exact to the cent). */
const discounted = (minor: number, pct: number) => minor - Math.round((minor * pct) / 100);

/** Price a plan on `day`, with an optional promotion (must apply to the plan and be valid that day). */
export function priceLine(plan: PlanFields, promotion: PromotionFields | null, day: string): PricedLine {
  if (!plan.active) throw badInput(`plan ${plan.code} is withdrawn from the catalog`, 'planCode');
  if (promotion && !promotionApplies(promotion, plan.code, day)) {
    throw badInput(`promotion ${promotion.code} does not apply to ${plan.code} on ${day}`, 'promotionCode');
  }
  return {
    planCode: plan.code,
    family: plan.family,
    technology: plan.technology,
    speedMbps: plan.speedMbps,
    listMonthlyFeeMinor: plan.monthlyFeeMinor,
    listInstallationCostMinor: plan.installationCostMinor,
    promotionCode: promotion?.code ?? null,
    monthlyFeeMinor: discounted(plan.monthlyFeeMinor, promotion?.monthlyDiscountPercent ?? 0),
    installationCostMinor: discounted(plan.installationCostMinor, promotion?.installationDiscountPercent ?? 0),
    supplementaryServices: plan.supplementaryServices,
    minimumPermanenceMonths: plan.minimumPermanenceMonths,
  };
}

export interface Totals {
  monthlyTotalMinor: number;
  installationTotalMinor: number;
}

export const totalsOf = (lines: readonly Pick<PricedLine, 'monthlyFeeMinor' | 'installationCostMinor'>[]): Totals => ({
  monthlyTotalMinor: lines.reduce((s, l) => s + l.monthlyFeeMinor, 0),
  installationTotalMinor: lines.reduce((s, l) => s + l.installationCostMinor, 0),
});
