import { badInput, conflict, wrongState } from '@vinculo/common';
import type { InstalledProductStatus } from './installed-product';

/** §3 A Supplementary services (servicios suplementarios) of a line. */
export const SUPPLEMENTARY_SERVICES = ['CALLER_ID', 'PIN', 'ROUTING_013', 'CALL_FORWARDING', 'CALL_WAITING', 'CENTREX'] as const;
export type SupplementaryService = (typeof SUPPLEMENTARY_SERVICES)[number];
/** A stored code is one of the services (a sales order's items may name others, kept but not shown). */
export const isSupplementaryService = (s: string): s is SupplementaryService => (SUPPLEMENTARY_SERVICES as readonly string[]).includes(s);

const requireActive = (status: InstalledProductStatus, act: string) => {
  if (status !== 'ACTIVE') throw wrongState({ entity: 'installed product', current: status, act: `have ${act}`, allowedFrom: ['ACTIVE'] });
};

/** Enable or disable one service; the set of active services after the change. */
export function decideSupplementaryService(
  product: { status: InstalledProductStatus; supplementaryServices: string[] },
  service: string,
  action: 'ENABLE' | 'DISABLE',
): string[] {
  if (!(SUPPLEMENTARY_SERVICES as readonly string[]).includes(service))
    throw badInput(`service must be one of ${SUPPLEMENTARY_SERVICES.join(', ')}`, 'service');
  requireActive(product.status, 'a supplementary service change');
  const active = product.supplementaryServices.includes(service);
  if (action === 'ENABLE' && active) throw conflict(`${service} is already ENABLED on this line`, { currentStatus: 'ENABLED' });
  if (action === 'DISABLE' && !active)
    throw wrongState({ entity: 'supplementary service', label: service, current: 'DISABLED', act: 'be disabled', allowedFrom: ['ENABLED'] });
  return action === 'ENABLE' ? [...product.supplementaryServices, service].sort() : product.supplementaryServices.filter((s) => s !== service);
}

export type PlanDirection = 'CHEAPER' | 'DEARER' | 'SAME_PRICE';

/** A plan of the sales catalog as post-sale knows it (sales.PlanChanged). */
export interface CatalogPlan {
  code: string;
  family: string;
  technology: string | null;
  speedMbps: number | null;
  monthlyFeeMinor: number;
  minimumPermanenceMonths: number;
  currency: string;
  active: boolean;
}

const normalisedCode = (code: string, field: string): string => {
  const c = code.trim().toUpperCase();
  if (!/^[A-Z0-9][A-Z0-9_-]{1,31}$/.test(c)) throw badInput(`${field} must be 2 to 32 letters, digits, - or _`, field);
  return c;
};

/**
 * The plan a product moves to, from the sales catalog (seed 002 B: the clerk enters a plan of the
 * catalog, not a code and fee of their own): it must be there, still offered, in the tenant's
 * currency, and for the technology the product will be on. A fee typed by the clerk must be the
 * catalog's (the field stays for old clients; the catalog decides).
 */
export function catalogPlanFor(
  code: string,
  plan: CatalogPlan | null,
  ctx: { technology: string | null; currency: string; typedFeeMinor?: number | null; field?: string },
): CatalogPlan {
  const field = ctx.field ?? 'planCode';
  const c = normalisedCode(code, field);
  if (!plan) throw badInput(`plan ${c} is not in the catalog`, field);
  if (!plan.active) throw badInput(`plan ${c} was withdrawn from the catalog`, field);
  if (plan.currency !== ctx.currency) throw badInput(`plan ${c} is priced in ${plan.currency}, not ${ctx.currency}`, field);
  if (plan.technology && ctx.technology && plan.technology !== ctx.technology) {
    throw badInput(`plan ${c} is a ${plan.technology} plan; the product is on ${ctx.technology}`, field);
  }
  if (ctx.typedFeeMinor != null && ctx.typedFeeMinor !== plan.monthlyFeeMinor) throw badInput(`the monthly fee of ${c} is the catalog's`, 'monthlyFee');
  return plan;
}

/** §3 B Plan change to a cheaper or dearer plan of the catalog, judged on the plan and status in force. */
export function decidePlanChange(
  product: { status: InstalledProductStatus; planCode: string; monthlyFeeMinor: number; technology: string | null; currency: string },
  cmd: { planCode: string; plan: CatalogPlan | null; typedFeeMinor?: number | null },
): { planCode: string; monthlyFeeMinor: number; direction: PlanDirection } {
  requireActive(product.status, 'a plan change');
  const plan = catalogPlanFor(cmd.planCode, cmd.plan, { technology: product.technology, currency: product.currency, typedFeeMinor: cmd.typedFeeMinor });
  if (plan.code === product.planCode) throw badInput(`the product is already on plan ${plan.code}`, 'planCode');
  const fee = plan.monthlyFeeMinor;
  const direction: PlanDirection = fee < product.monthlyFeeMinor ? 'CHEAPER' : fee > product.monthlyFeeMinor ? 'DEARER' : 'SAME_PRICE';
  return { planCode: plan.code, monthlyFeeMinor: fee, direction };
}
