import { prorateByDays } from '@vinculo/common';
import { daysInMonth, dayOf, periodKey, type Period } from './period';

/**
 * How a subscription's month is billed. Proration convention: actual days of the month in the tenant
 * time zone; a change effective on day D applies from D (a withdrawal on D bills days 1..D−1); each
 * prorated line is fee × days / daysInMonth rounded half up once.
 */
export type ChangeKind = 'ACTIVATED' | 'PLAN_CHANGED' | 'SUSPENDED' | 'RECONNECTED' | 'WITHDRAWN';
/** R-PS-H3 final billing of the withdrawal month: FULL_MONTH (fixed line, HSPA), PRORATED (internet, TV, DUO), MULTI_BASIC_WHOLE (MULTI). */
export type FinalBilling = 'FULL_MONTH' | 'PRORATED' | 'MULTI_BASIC_WHOLE';

export interface SubscriptionChange {
  eventId: string;
  change: ChangeKind;
  /** YYYY-MM-DD, tenant time zone. */
  effectiveDate: string;
  planCode: string;
  monthlyFeeMinor: number;
  billing: FinalBilling;
  /** MULTI_BASIC_WHOLE: the basic-telephony part billed whole (tenant policy when absent). */
  wholePartMinor: number | null;
}

export interface PlanFeeLine {
  kind: 'PLAN_FEE' | 'FINAL_BILL';
  installedProductId: string;
  planCode: string;
  description: string;
  days: number;
  amountMinor: number;
}

interface DayState {
  active: boolean;
  withdrawn: boolean;
  planCode: string;
  fee: number;
}

/** The state on a day from the changes effective on or before it (stable by effective date, then arrival). */
function stateOn(day: string, changes: readonly SubscriptionChange[]): DayState | null {
  let state: DayState | null = null;
  for (const c of changes) {
    if (c.effectiveDate > day) break;
    const base: DayState = state ?? { active: false, withdrawn: false, planCode: c.planCode, fee: c.monthlyFeeMinor };
    switch (c.change) {
      case 'ACTIVATED':
      case 'PLAN_CHANGED':
        state = { ...base, active: !base.withdrawn && (c.change === 'ACTIVATED' || base.active), planCode: c.planCode, fee: c.monthlyFeeMinor };
        break;
      case 'SUSPENDED':
        state = { ...base, active: false };
        break;
      case 'RECONNECTED':
        state = { ...base, active: !base.withdrawn, planCode: c.planCode, fee: c.monthlyFeeMinor };
        break;
      case 'WITHDRAWN':
        state = { ...base, active: false, withdrawn: true };
        break;
    }
  }
  return state;
}

export const sortChanges = (changes: readonly SubscriptionChange[]): SubscriptionChange[] =>
  [...changes].sort((a, b) => (a.effectiveDate < b.effectiveDate ? -1 : a.effectiveDate > b.effectiveDate ? 1 : 0));

/**
 * The plan-fee lines of one subscription for one month: one line per run of active days at the same
 * plan and fee (no fee while suspended), and R-PS-H3 for the month of a withdrawal.
 */
export function billSubscriptionMonth(
  installedProductId: string,
  changes: readonly SubscriptionChange[],
  period: Period,
  multiBasicPartMinor: number,
): PlanFeeLine[] {
  const sorted = sortChanges(changes);
  const dim = daysInMonth(period);
  const runs: { planCode: string; fee: number; days: number; from: number }[] = [];
  for (let d = 1; d <= dim; d++) {
    const s = stateOn(dayOf(period, d), sorted);
    if (!s?.active) continue;
    const last = runs[runs.length - 1];
    if (last && last.planCode === s.planCode && last.fee === s.fee && last.from + last.days === d) last.days++;
    else runs.push({ planCode: s.planCode, fee: s.fee, days: 1, from: d });
  }
  const withdrawal = sorted.find((c) => c.change === 'WITHDRAWN' && c.effectiveDate.startsWith(`${periodKey(period)}-`));
  const prorated = (fee: number, days: number) => prorateByDays(fee, days, dim);
  if (withdrawal?.billing === 'FULL_MONTH') {
    // R-PS-H3: fixed line / HSPA are flat-rate: the withdrawal month is billed whole at the last plan.
    const last = [...sorted].reverse().find((c) => c.change !== 'WITHDRAWN' && c.change !== 'SUSPENDED' && c.effectiveDate <= withdrawal.effectiveDate);
    if (!last) return [];
    return [
      {
        kind: 'FINAL_BILL',
        installedProductId,
        planCode: last.planCode,
        description: `Final bill ${last.planCode}: full month (R-PS-H3)`,
        days: dim,
        amountMinor: last.monthlyFeeMinor,
      },
    ];
  }
  if (withdrawal?.billing === 'MULTI_BASIC_WHOLE') {
    // R-PS-H3: MULTI pack prorated except its basic-telephony part, billed whole.
    const basic = withdrawal.wholePartMinor ?? multiBasicPartMinor;
    const lines: PlanFeeLine[] = runs.map((r) => ({
      kind: 'FINAL_BILL',
      installedProductId,
      planCode: r.planCode,
      description: `Final bill ${r.planCode}: ${r.days}/${dim} days without the basic telephony part (R-PS-H3)`,
      days: r.days,
      amountMinor: prorated(Math.max(0, r.fee - basic), r.days),
    }));
    const planCode = runs[runs.length - 1]?.planCode ?? withdrawal.planCode;
    lines.push({
      kind: 'FINAL_BILL',
      installedProductId,
      planCode,
      description: `Final bill ${planCode}: basic telephony billed whole (R-PS-H3)`,
      days: dim,
      amountMinor: basic,
    });
    return lines;
  }
  return runs.map((r) => ({
    kind: withdrawal ? 'FINAL_BILL' : 'PLAN_FEE',
    installedProductId,
    planCode: r.planCode,
    description: r.days === dim ? `Plan ${r.planCode}: full month` : `Plan ${r.planCode}: ${r.days}/${dim} days`,
    days: r.days,
    amountMinor: prorated(r.fee, r.days),
  }));
}
