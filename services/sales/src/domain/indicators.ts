import type { KpiThresholds } from '@vinculo/common';
import { ORDER_ENTERED_OR_LATER, type DigitalSaleStatus } from './digital-sale';

export type KpiStatus = 'APPROVED' | 'OBSERVED' | 'REJECTED' | 'BETWEEN' | 'ACCEPTED' | 'NO_DATA';

export interface Indicator {
  id: string;
  value: number | null;
  status: KpiStatus;
  numerator: number;
  denominator: number;
}

const pct = (n: number, d: number) => Math.round((n / d) * 10000) / 100;

/**
 * R-SAL-KPI billing growth = (this month − last month) / last month × 100, per segment.
 * ≥ approvedAtLeast → APPROVED; < rejectedBelow → REJECTED; < observedBelow → OBSERVED; in between → BETWEEN
 * (reported as is). No billing last month → NO_DATA.
 */
/**
 * R-SAL-KPI counts billing: monthly and imported invoices. A receivable invoice (factura CxC, R-PS-H4:
 * equipment not returned) recovers a debt and is not billing (collections.InvoiceIssued `kind`).
 */
export const countsAsBilling = (kind: string | null | undefined): boolean => kind !== 'RECEIVABLE';

export function billingGrowth(thisMonthMinor: number, lastMonthMinor: number, k: KpiThresholds): Indicator {
  const base = { id: 'R-SAL-KPI', numerator: thisMonthMinor - lastMonthMinor, denominator: lastMonthMinor };
  if (lastMonthMinor <= 0) return { ...base, value: null, status: 'NO_DATA' };
  const value = pct(thisMonthMinor - lastMonthMinor, lastMonthMinor);
  const status: KpiStatus =
    value >= k.salesGrowthApprovedAtLeast
      ? 'APPROVED'
      : value < k.salesGrowthRejectedBelow
        ? 'REJECTED'
        : value < k.salesGrowthObservedBelow
          ? 'OBSERVED'
          : 'BETWEEN';
  return { ...base, value, status };
}

/**
 * "Efficient" digital sale (R-DIG-KPI), the one definition: the request reached ORDER_ENTERED or a later
 * status (FOLLOWED_UP, CLOSED) and its order passed entry quality control without rework (never RETURNED).
 */
export function isEfficientDigitalSale(status: DigitalSaleStatus, orderReturnedEver: boolean): boolean {
  return ORDER_ENTERED_OR_LATER.includes(status) && !orderReturnedEver;
}

/** R-DIG-KPI (daily): efficient digital sales / requests received × 100; > acceptedAbove → ACCEPTED, else OBSERVED. */
export function digitalEfficiency(efficient: number, received: number, k: KpiThresholds): Indicator {
  const base = { id: 'R-DIG-KPI', numerator: efficient, denominator: received };
  if (received === 0) return { ...base, value: null, status: 'NO_DATA' };
  const value = pct(efficient, received);
  return { ...base, value, status: value > k.digitalSalesAcceptedAbove ? 'ACCEPTED' : 'OBSERVED' };
}

/** R-ASE-KPI1 (regulated market): users affiliated in the month / monthly target × 100; goal affiliationGoalPercent. */
export function affiliationExecution(affiliated: number, target: number, k: KpiThresholds): Indicator {
  const base = { id: 'R-ASE-KPI1', numerator: affiliated, denominator: target };
  if (target <= 0) return { ...base, value: null, status: 'NO_DATA' };
  const value = pct(affiliated, target);
  return { ...base, value, status: value >= k.affiliationGoalPercent ? 'ACCEPTED' : 'OBSERVED' };
}

/** R-ASE-KPI2 (non-regulated market): sales executed / sales budgeted × 100 (minor units); goal salesBudgetGoalPercent. */
export function salesBudgetExecution(executedMinor: number, budgetMinor: number, k: KpiThresholds): Indicator {
  const base = { id: 'R-ASE-KPI2', numerator: executedMinor, denominator: budgetMinor };
  if (budgetMinor <= 0) return { ...base, value: null, status: 'NO_DATA' };
  const value = pct(executedMinor, budgetMinor);
  return { ...base, value, status: value >= k.salesBudgetGoalPercent ? 'ACCEPTED' : 'OBSERVED' };
}

/** Attainment of a target in percent (null without a target). */
export const attainment = (actual: number, target: number): number | null => (target > 0 ? pct(actual, target) : null);
