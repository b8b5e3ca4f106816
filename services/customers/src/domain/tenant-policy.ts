import {
  badInput,
  HOLIDAY_CALENDAR_CHOICES,
  isLocalDate,
  toMinorUnits,
  type HolidayCalendarChoice,
  type KpiThresholds,
  type TenantPolicy,
} from '@vinculo/common';

/** A change of policy as entered: every field optional, money as decimal strings in the tenant currency. */
export interface PolicyPatch {
  suspensionsPerProductPerYear?: number | null;
  maxSuspensionMonths?: number | null;
  callDetailFeePerPreviousMonth?: string | null;
  multiBasicTelephonyAmount?: string | null;
  digitalSaleEtaMinDays?: number | null;
  digitalSaleEtaMaxDays?: number | null;
  pqrAnswerDeadlineBusinessDays?: number | null;
  paymentPromiseFollowUpDays?: number | null;
  overdueAfterDays?: number | null;
  workOrderDeadlineDays?: number | null;
  kpi?: { [K in keyof KpiThresholds]?: number | null } | null;
  holidayCalendar?: string | null;
  additionalHolidays?: readonly string[] | null;
}

/** Most own non-working days a tenant keeps. */
export const MAX_ADDITIONAL_HOLIDAYS = 100;

type IntField = Exclude<
  keyof TenantPolicy,
  'kpi' | 'callDetailFeePerPreviousMonthMinor' | 'multiBasicTelephonyAmountMinor' | 'holidayCalendar' | 'additionalHolidays'
>;

/** The accepted range of each whole-number setting. */
export const INT_RANGES: Record<IntField, [number, number]> = {
  suspensionsPerProductPerYear: [0, 12],
  maxSuspensionMonths: [1, 12],
  digitalSaleEtaMinDays: [0, 365],
  digitalSaleEtaMaxDays: [1, 365],
  pqrAnswerDeadlineBusinessDays: [1, 90],
  paymentPromiseFollowUpDays: [1, 90],
  overdueAfterDays: [1, 365],
  workOrderDeadlineDays: [1, 90],
};

/** The accepted range of each KPI threshold (percent, or hours). */
export const KPI_RANGES: Record<keyof KpiThresholds, [number, number]> = {
  salesGrowthApprovedAtLeast: [-100, 1000],
  salesGrowthObservedBelow: [-100, 1000],
  salesGrowthRejectedBelow: [-100, 1000],
  digitalSalesAcceptedAbove: [0, 100],
  postSaleEfficacyAcceptedAbove: [0, 100],
  postSaleTimelinessAcceptedAbove: [0, 100],
  postSaleTimelinessHours: [1, 720],
  affiliationGoalPercent: [1, 1000],
  salesBudgetGoalPercent: [1, 1000],
};

/** Largest money amount a policy holds, in major units. */
const MAX_AMOUNT = 1_000_000_000;

function inRange(value: number, [min, max]: [number, number], field: string, integer: boolean): number {
  if (!Number.isFinite(value) || (integer && !Number.isInteger(value)) || value < min || value > max) {
    throw badInput(`${field} must be ${integer ? 'a whole number ' : ''}between ${min} and ${max}`, field);
  }
  return value;
}

function amount(value: string, currency: string, field: string): number {
  let minor: number;
  try {
    minor = toMinorUnits(value, currency);
  } catch {
    throw badInput(`${field} must be a decimal amount in ${currency}, e.g. 12.50`, field);
  }
  return inRange(minor, [0, toMinorUnits(String(MAX_AMOUNT), currency)], field, true);
}

/**
 * Apply a partial policy change: each number within its range, the digital-sale ETA range ordered
 * (low ≤ high) and the R-SAL-KPI bands ordered (rejected ≤ observed ≤ approved), checked on the result.
 * BAD_USER_INPUT when anything is off or nothing would change.
 */
export function decidePolicyChange(current: TenantPolicy, patch: PolicyPatch, currency: string): TenantPolicy {
  const next: TenantPolicy = { ...current, kpi: { ...current.kpi } };
  for (const field of Object.keys(INT_RANGES) as IntField[]) {
    const v = patch[field];
    if (v != null) next[field] = inRange(v, INT_RANGES[field], field, true);
  }
  if (patch.callDetailFeePerPreviousMonth != null) {
    next.callDetailFeePerPreviousMonthMinor = amount(patch.callDetailFeePerPreviousMonth, currency, 'callDetailFeePerPreviousMonth');
  }
  if (patch.multiBasicTelephonyAmount != null) {
    next.multiBasicTelephonyAmountMinor = amount(patch.multiBasicTelephonyAmount, currency, 'multiBasicTelephonyAmount');
  }
  for (const field of Object.keys(KPI_RANGES) as (keyof KpiThresholds)[]) {
    const v = patch.kpi?.[field];
    if (v != null) next.kpi[field] = inRange(v, KPI_RANGES[field], `kpi.${field}`, field === 'postSaleTimelinessHours');
  }
  if (patch.holidayCalendar != null) {
    if (!HOLIDAY_CALENDAR_CHOICES.includes(patch.holidayCalendar as HolidayCalendarChoice)) {
      throw badInput(`holidayCalendar must be one of ${HOLIDAY_CALENDAR_CHOICES.join(', ')}`, 'holidayCalendar');
    }
    next.holidayCalendar = patch.holidayCalendar as HolidayCalendarChoice;
  }
  if (patch.additionalHolidays != null) {
    const days = [...new Set(patch.additionalHolidays)].sort();
    if (days.length > MAX_ADDITIONAL_HOLIDAYS) throw badInput(`at most ${MAX_ADDITIONAL_HOLIDAYS} additional holidays`, 'additionalHolidays');
    const bad = days.find((d) => !isLocalDate(d));
    if (bad !== undefined) throw badInput(`${bad} is not a date YYYY-MM-DD`, 'additionalHolidays');
    next.additionalHolidays = days;
  }
  if (next.digitalSaleEtaMinDays > next.digitalSaleEtaMaxDays) {
    throw badInput('digitalSaleEtaMinDays must not exceed digitalSaleEtaMaxDays', 'digitalSaleEtaMinDays');
  }
  const k = next.kpi;
  if (!(k.salesGrowthRejectedBelow <= k.salesGrowthObservedBelow && k.salesGrowthObservedBelow <= k.salesGrowthApprovedAtLeast)) {
    throw badInput('R-SAL-KPI bands must be ordered: rejectedBelow ≤ observedBelow ≤ approvedAtLeast', 'kpi');
  }
  if (JSON.stringify(next) === JSON.stringify(current)) throw badInput('nothing to change', 'input');
  return next;
}
