import type { HolidayCalendarChoice } from '../calendar/tenant-calendar';
import { toMinorUnits } from '../money/money';

/**
 * Tenant policy: every tunable number DOMAIN.md calls tenant policy, with its documented default.
 * This file is the one place the defaults live; the customers subgraph (owner of the Tenant) and
 * the tenant-policy read model every other subgraph keeps both read them from here.
 */

/** KPI thresholds (DOMAIN.md "Indicators summary"), in percent unless the name says otherwise. */
export interface KpiThresholds {
  /** R-SAL-KPI: billing growth ≥ this → APPROVED (default 10). */
  salesGrowthApprovedAtLeast: number;
  /** R-SAL-KPI: billing growth < this → OBSERVED (default 5). */
  salesGrowthObservedBelow: number;
  /** R-SAL-KPI: billing growth < this → REJECTED (default 0). */
  salesGrowthRejectedBelow: number;
  /** R-DIG-KPI: efficient digital sales / requests > this → ACCEPTED (default 95). */
  digitalSalesAcceptedAbove: number;
  /** R-PS-KPI: efficacy > this → ACCEPTED (default 98). */
  postSaleEfficacyAcceptedAbove: number;
  /** R-PS-KPI: timeliness > this → ACCEPTED (default 95). */
  postSaleTimelinessAcceptedAbove: number;
  /** R-PS-KPI: a request attended within this many hours counts as timely (default 24). */
  postSaleTimelinessHours: number;
  /** R-ASE-KPI1: affiliations / monthly target goal (default 100). */
  affiliationGoalPercent: number;
  /** R-ASE-KPI2: sales executed / budgeted goal (default 100). */
  salesBudgetGoalPercent: number;
}

/** The numbers of a tenant's policy as stored and published; money in minor units of the tenant currency. */
export interface TenantPolicy {
  /** R-PS-D2: suspensions allowed per customer product per calendar year (default 1). */
  suspensionsPerProductPerYear: number;
  /** R-PS-D3: longest temporary suspension, in months (default 4). */
  maxSuspensionMonths: number;
  /** R-PS-G1: fee per previous month of own outgoing-call detail (default 12.00). */
  callDetailFeePerPreviousMonthMinor: number;
  /** R-PS-H3: MULTI pack basic-telephony part, billed whole on withdrawal (default 70.00). */
  multiBasicTelephonyAmountMinor: number;
  /** Digital sales step 5: estimated execution time told to the customer, in days (default 2–15). */
  digitalSaleEtaMinDays: number;
  digitalSaleEtaMaxDays: number;
  /** PQR (petitions, complaints, claims) answer deadline, in business days (default 15). */
  pqrAnswerDeadlineBusinessDays: number;
  /** R-COL-I1: payment promises are followed up every this many days (default 7, weekly). */
  paymentPromiseFollowUpDays: number;
  /** Days past due after which an account is OVERDUE (en mora) (default 30). */
  overdueAfterDays: number;
  /** A7: days the technical coordinator has to get work orders closed (default 5). */
  workOrderDeadlineDays: number;
  /**
   * Which national holidays business days skip (default COUNTRY: the tenant's country's). Optional:
   * snapshots published before it existed read as the default.
   */
  holidayCalendar?: HolidayCalendarChoice;
  /** The tenant's own non-working days (regional holidays, a company day), YYYY-MM-DD (default none). */
  additionalHolidays?: string[];
  kpi: KpiThresholds;
}

/** A tenant's settings that are policy too (DOMAIN.md "Tenant"): currency, country, time zone. */
export interface TenantSettings {
  /** ISO 4217. */
  currency: string;
  /** ISO 3166-1 alpha-2; null until configured (documents then use the generic formats). */
  country: string | null;
  /** IANA time zone. */
  timeZone: string;
}

/** Everything another subgraph needs to apply a tenant's rules: settings, policy and its version. */
export interface TenantPolicySnapshot extends TenantSettings {
  /** The Tenant's version when this snapshot was taken (0 = never configured, the defaults). */
  tenantVersion: number;
  policy: TenantPolicy;
}

/** Settings of a tenant nobody configured yet (the seeds' first organisation: Bolivia, Bs). */
export const DEFAULT_TENANT_SETTINGS: Readonly<TenantSettings> = Object.freeze({
  currency: 'BOB',
  country: null,
  timeZone: 'America/La_Paz',
});

export const DEFAULT_KPI_THRESHOLDS: Readonly<KpiThresholds> = Object.freeze({
  salesGrowthApprovedAtLeast: 10,
  salesGrowthObservedBelow: 5,
  salesGrowthRejectedBelow: 0,
  digitalSalesAcceptedAbove: 95,
  postSaleEfficacyAcceptedAbove: 98,
  postSaleTimelinessAcceptedAbove: 95,
  postSaleTimelinessHours: 24,
  affiliationGoalPercent: 100,
  salesBudgetGoalPercent: 100,
});

/** The documented default policy, with money amounts in minor units of `currency`. */
export function defaultTenantPolicy(currency: string = DEFAULT_TENANT_SETTINGS.currency): TenantPolicy {
  return {
    suspensionsPerProductPerYear: 1,
    maxSuspensionMonths: 4,
    callDetailFeePerPreviousMonthMinor: toMinorUnits('12', currency),
    multiBasicTelephonyAmountMinor: toMinorUnits('70', currency),
    digitalSaleEtaMinDays: 2,
    digitalSaleEtaMaxDays: 15,
    pqrAnswerDeadlineBusinessDays: 15,
    paymentPromiseFollowUpDays: 7,
    overdueAfterDays: 30,
    workOrderDeadlineDays: 5,
    holidayCalendar: 'COUNTRY',
    additionalHolidays: [],
    kpi: { ...DEFAULT_KPI_THRESHOLDS },
  };
}

/** The snapshot of a tenant that was never configured: default settings and policy, version 0. */
export function defaultTenantSnapshot(): TenantPolicySnapshot {
  return { ...DEFAULT_TENANT_SETTINGS, tenantVersion: 0, policy: defaultTenantPolicy(DEFAULT_TENANT_SETTINGS.currency) };
}
