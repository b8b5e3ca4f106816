import { badInput, money, prorateByDays, ruleViolated } from '@vinculo/common';
import { daysInMonth, type LocalDate } from './dates';
import type { ProductFamily } from './installed-product';

/** §3 H Withdrawal (retiro). */

export interface RetentionRecord {
  offer: string;
  accepted: boolean;
}

/** R-PS-H1: retention is tried first; a withdrawal cannot be entered before the offer was made and declined. */
export function assertRetentionTried(retention: RetentionRecord | null): void {
  if (!retention) throw ruleViolated('R-PS-H1', 'Offer retention first (tenant retention policy) and record the outcome before entering the withdrawal');
  if (retention.accepted) throw ruleViolated('R-PS-H1', 'The customer accepted the retention offer: there is no withdrawal to enter');
}

/** Whole months of permanence still owed on `date` (a started month counts), 0 once met. */
export function monthsOfPermanenceLeft(permanenceEnd: LocalDate | null, date: LocalDate): number {
  if (!permanenceEnd || date >= permanenceEnd) return 0;
  const [y1, m1, d1] = date.split('-').map(Number) as [number, number, number];
  const [y2, m2, d2] = permanenceEnd.split('-').map(Number) as [number, number, number];
  const months = (y2 - y1) * 12 + (m2 - m1) + (d2 > d1 ? 1 : 0);
  return Math.max(1, months);
}

/**
 * R-PS-H2: when the minimum permanence is not met the customer must accept the early-termination
 * penalty (the monthly fee for each month still owed) or the request ends. Returns the penalty (0 when met).
 */
export function earlyTerminationPenalty(permanenceEnd: LocalDate | null, date: LocalDate, monthlyFeeMinor: number): number {
  return monthsOfPermanenceLeft(permanenceEnd, date) * monthlyFeeMinor;
}

/** R-PS-H2: a penalty owed and not accepted stops the withdrawal. */
export function assertPenaltyAccepted(penaltyMinor: number, accepted: boolean | null | undefined): void {
  if (penaltyMinor > 0 && accepted !== true) {
    throw ruleViolated('R-PS-H2', 'The minimum permanence is not met: the customer must accept the early-termination penalty, or the request ends');
  }
}

export type FinalBillingMode = 'FULL_MONTH' | 'PRORATED' | 'MULTI_BASIC_WHOLE';

export interface FinalBilling {
  billing: FinalBillingMode;
  /** MULTI_BASIC_WHOLE: the basic-telephony part billed whole. */
  wholePartMinor: number | null;
  /** Days of the withdrawal month billed (all of them for a flat rate). */
  days: number;
  daysInMonth: number;
  /** The final month's plan amount, to the cent. */
  amountMinor: number;
}

/**
 * R-PS-H3 final billing instruction of the withdrawal month: fixed line and HSPA are flat rate (the
 * full month); internet, pay TV and DUO are prorated to the request date; a MULTI pack is prorated
 * except its basic-telephony part (tenant policy, default 70 Bs), billed whole. Convention shared with
 * collections: withdrawn on day D bills days 1..D−1, fee × days / days-in-month rounded half up once.
 */
export function finalBilling(family: ProductFamily, monthlyFeeMinor: number, withdrawalDate: LocalDate, multiBasicMinor: number): FinalBilling {
  const dim = daysInMonth(withdrawalDate);
  const days = Number(withdrawalDate.slice(8, 10)) - 1;
  const prorate = (fee: number) => prorateByDays(fee, days, dim);
  switch (family) {
    case 'FIXED_LINE':
    case 'HSPA':
      return { billing: 'FULL_MONTH', wholePartMinor: null, days: dim, daysInMonth: dim, amountMinor: monthlyFeeMinor };
    case 'MULTI': {
      const basic = Math.min(multiBasicMinor, monthlyFeeMinor);
      return { billing: 'MULTI_BASIC_WHOLE', wholePartMinor: basic, days, daysInMonth: dim, amountMinor: prorate(monthlyFeeMinor - basic) + basic };
    }
    case 'INTERNET':
    case 'PAY_TV':
    case 'DUO':
    case 'OTHER':
      return { billing: 'PRORATED', wholePartMinor: null, days, daysInMonth: dim, amountMinor: prorate(monthlyFeeMinor) };
  }
}

export interface EquipmentItem {
  code: string;
  description: string | null;
  valueMinor: number;
}

export type EquipmentCondition = 'OK' | 'DAMAGED' | 'MISSING';

export interface EquipmentSettlement {
  code: string;
  description: string | null;
  condition: EquipmentCondition;
  /** Receivable for the customer (missing or damaged), minor units; 0 when returned OK. */
  chargeMinor: number;
  /** Step 12.2: why it is missing or damaged, for the warehouse (recorded by the clerk after the retrieval). */
  note?: string | null;
  /** A MISSING item the customer brought back to an office afterwards: the local day it came back. */
  returnedOn?: string | null;
}

/**
 * Items the retrieval found MISSING that the customer brings back to an office afterwards (seed 002
 * C 4.1: "devuelva los equipos en oficinas"): each given code must be MISSING and not back yet.
 * `allBack` once no missing item is outstanding (the customer's EQUIPMENT_PENDING_RETURN then clears).
 */
export function returnMissingEquipment(
  settlement: readonly EquipmentSettlement[],
  codes: readonly string[],
  on: string,
): { settlement: EquipmentSettlement[]; allBack: boolean; missing: string[] } {
  const given = [...new Set(codes.map((c) => c.trim().toUpperCase()))];
  if (!given.length) throw badInput('give the code of at least one returned item', 'codes');
  for (const code of given) {
    const line = settlement.find((s) => s.code === code);
    if (!line || line.condition !== 'MISSING') throw badInput(`${code} was not missing at the retrieval`, 'codes');
    if (line.returnedOn) throw badInput(`${code} was already returned on ${line.returnedOn}`, 'codes');
  }
  const next = settlement.map((s) => (given.includes(s.code) ? { ...s, returnedOn: on } : s));
  const missing = next.filter((s) => s.condition === 'MISSING').map((s) => s.code);
  return { settlement: next, allBack: next.every((s) => s.condition !== 'MISSING' || !!s.returnedOn), missing };
}

export function validateEquipment(items: readonly { code: string; description?: string | null; valueMinor: number }[]): EquipmentItem[] {
  if (items.length > 50) throw badInput('at most 50 equipment items', 'equipment');
  const codes = new Set<string>();
  return items.map((i) => {
    const code = i.code.trim().toUpperCase();
    if (!/^[A-Z0-9_-]{1,60}$/.test(code)) throw badInput('equipment code must be 1 to 60 letters, digits, - or _', 'equipment');
    if (codes.has(code)) throw badInput(`equipment ${code} is listed twice`, 'equipment');
    codes.add(code);
    if (!Number.isInteger(i.valueMinor) || i.valueMinor < 0) throw badInput('equipment value must not be negative', 'equipment');
    return { code, description: i.description?.trim() || null, valueMinor: i.valueMinor };
  });
}

/**
 * R-PS-H4: the equipment must come back complete and undamaged; each missing or damaged item becomes a
 * receivable for its value. An item the retrieval checklist does not mention was not returned (MISSING).
 */
export function settleEquipment(listed: readonly EquipmentItem[], returned: readonly { code: string; condition: EquipmentCondition }[]): EquipmentSettlement[] {
  const condition = new Map(returned.map((r) => [r.code.toUpperCase(), r.condition]));
  return listed.map((item) => {
    const c = condition.get(item.code) ?? 'MISSING';
    return { code: item.code, description: item.description, condition: c, chargeMinor: c === 'OK' ? 0 : item.valueMinor };
  });
}

/**
 * How a charge is billed (postsale.ChargeRequested `settlement`). R-PS-H4 step 13: NEXT_INVOICE is the
 * economic claim (reclamo económico: the amount inserted into the month's invoice), RECEIVABLE_INVOICE
 * the receivable invoice (factura CxC) issued at once for the cancellation.
 */
export const CHARGE_SETTLEMENTS = ['NEXT_INVOICE', 'RECEIVABLE_INVOICE'] as const;
export type ChargeSettlement = (typeof CHARGE_SETTLEMENTS)[number];
/** What existing clients get: the economic claim on the month's invoice. */
export const DEFAULT_EQUIPMENT_SETTLEMENT: ChargeSettlement = 'NEXT_INVOICE';

/**
 * R-PS-H4: the clerk's choice of settlement for the equipment receivable. Given at reception and
 * changeable at entry (absent keeps the current one); nothing chosen = NEXT_INVOICE.
 */
export function chooseEquipmentSettlement(given: string | null | undefined, current: ChargeSettlement | null | undefined = null): ChargeSettlement {
  if (given === null || given === undefined) return current ?? DEFAULT_EQUIPMENT_SETTLEMENT;
  if (!(CHARGE_SETTLEMENTS as readonly string[]).includes(given))
    throw badInput(`equipmentSettlement must be one of ${CHARGE_SETTLEMENTS.join(', ')}`, 'equipmentSettlement');
  return given as ChargeSettlement;
}

export interface EquipmentCharge {
  chargeId: string;
  kind: 'RECEIVABLE';
  amountMinor: number;
  description: string;
  settlement: ChargeSettlement;
}

/**
 * R-PS-H4 step 13: what the equipment not returned in good order costs the customer, settled as the
 * clerk chose. NEXT_INVOICE (economic claim): one line per item on the month's invoice, chargeId
 * `<request>-eq-<code>`. RECEIVABLE_INVOICE (factura CxC): ONE receivable for the total, chargeId
 * `<request>-eq`, so that one invoice is issued for the cancellation. Nothing owed → no charge.
 * The ids depend only on the request and the items: a redelivered work-order closing is the same charge.
 */
export function equipmentCharges(requestId: string, settlement: readonly EquipmentSettlement[], mode: ChargeSettlement, currency: string): EquipmentCharge[] {
  const owed = settlement.filter((s) => s.chargeMinor > 0);
  if (!owed.length) return [];
  if (mode === 'NEXT_INVOICE') {
    return owed.map((s) => ({
      chargeId: `${requestId}-eq-${s.code}`,
      kind: 'RECEIVABLE',
      amountMinor: s.chargeMinor,
      description: `Equipment ${s.code} ${s.condition.toLowerCase()} on withdrawal (R-PS-H4)`,
      settlement: mode,
    }));
  }
  const items = owed.map((s) => `${s.code} ${s.condition.toLowerCase()} ${money(s.chargeMinor, currency).amount}`).join(', ');
  return [
    {
      chargeId: `${requestId}-eq`,
      kind: 'RECEIVABLE',
      amountMinor: owed.reduce((sum, s) => sum + s.chargeMinor, 0),
      description: `Equipment not returned in good order on withdrawal (R-PS-H4): ${items}`.slice(0, 300),
      settlement: mode,
    },
  ];
}

/**
 * Step 12.2: the clerk explains, for the warehouse, why an item is missing or damaged. Only items the
 * retrieval found MISSING or DAMAGED take a note; a later note on the same item replaces the earlier one.
 */
export function annotateEquipment(settlement: readonly EquipmentSettlement[], notes: readonly { code: string; note: string }[]): EquipmentSettlement[] {
  if (!notes.length || notes.length > 50) throw badInput('give 1 to 50 notes', 'notes');
  const byCode = new Map<string, string>();
  for (const n of notes) {
    const code = n.code.trim().toUpperCase();
    const item = settlement.find((s) => s.code === code);
    if (!item) throw badInput(`equipment ${code} is not on this withdrawal`, 'notes');
    if (item.condition === 'OK') throw badInput(`equipment ${code} came back in good order: nothing to explain`, 'notes');
    if (byCode.has(code)) throw badInput(`equipment ${code} is noted twice`, 'notes');
    const note = n.note.trim().replace(/[ \t]+/g, ' ');
    if (note.length < 3 || note.length > 500) throw badInput('a note must have 3 to 500 characters', 'notes');
    byCode.set(code, note);
  }
  return settlement.map((s) => (byCode.has(s.code) ? { ...s, note: byCode.get(s.code)! } : s));
}
