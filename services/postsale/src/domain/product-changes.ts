import { badInput, conflict } from '@vinculo/common';
import type { InstalledProductStatus } from './installed-product';

/** §3 A Supplementary services (servicios suplementarios) of a line. */
export const SUPPLEMENTARY_SERVICES = ['CALLER_ID', 'PIN', 'ROUTING_013', 'CALL_FORWARDING', 'CALL_WAITING', 'CENTREX'] as const;
export type SupplementaryService = (typeof SUPPLEMENTARY_SERVICES)[number];

const requireActive = (status: InstalledProductStatus, act: string) => {
  if (status !== 'ACTIVE') throw conflict(`The product is ${status}: ${act} needs an ACTIVE product`, { currentStatus: status });
};

/** Enable or disable one service; the set of active services after the change. */
export function decideSupplementaryService(
  product: { status: InstalledProductStatus; supplementaryServices: string[] },
  service: string,
  action: 'ENABLE' | 'DISABLE',
): string[] {
  if (!(SUPPLEMENTARY_SERVICES as readonly string[]).includes(service)) throw badInput(`service must be one of ${SUPPLEMENTARY_SERVICES.join(', ')}`, 'service');
  requireActive(product.status, 'a supplementary service change');
  const active = product.supplementaryServices.includes(service);
  if (action === 'ENABLE' && active) throw conflict(`${service} is already ENABLED on this line`, { currentStatus: 'ENABLED' });
  if (action === 'DISABLE' && !active) throw conflict(`${service} is not enabled on this line`, { currentStatus: 'DISABLED' });
  return action === 'ENABLE' ? [...product.supplementaryServices, service].sort() : product.supplementaryServices.filter((s) => s !== service);
}

export type PlanDirection = 'CHEAPER' | 'DEARER' | 'SAME_PRICE';

/** §3 B Plan change to a cheaper or dearer plan, effective from a date. */
export function decidePlanChange(
  product: { status: InstalledProductStatus; planCode: string; monthlyFeeMinor: number },
  cmd: { planCode: string; monthlyFeeMinor: number },
): { planCode: string; direction: PlanDirection } {
  requireActive(product.status, 'a plan change');
  const planCode = cmd.planCode.trim().toUpperCase();
  if (!/^[A-Z0-9][A-Z0-9_-]{1,31}$/.test(planCode)) throw badInput('planCode must be 2 to 32 letters, digits, - or _', 'planCode');
  if (planCode === product.planCode) throw badInput(`the product is already on plan ${planCode}`, 'planCode');
  if (!Number.isInteger(cmd.monthlyFeeMinor) || cmd.monthlyFeeMinor < 0) throw badInput('monthlyFee must not be negative', 'monthlyFee');
  const direction: PlanDirection =
    cmd.monthlyFeeMinor < product.monthlyFeeMinor ? 'CHEAPER' : cmd.monthlyFeeMinor > product.monthlyFeeMinor ? 'DEARER' : 'SAME_PRICE';
  return { planCode, direction };
}
