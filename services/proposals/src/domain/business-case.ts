import { badInput } from '@vinculo/common';

/** Business case figures (form F-COM-002), all money in integer minor units of one currency. */

export type CostKind = 'ONE_TIME' | 'MONTHLY';

export interface CostLine {
  description: string;
  kind: CostKind;
  amountMinor: number;
}

/** A cost line as the graph shows it: with its currency. */
export type CostLineView = CostLine & { currency: string };

export interface SizingInput {
  costLines: CostLine[];
  oneTimePriceMinor: number;
  monthlyPriceMinor: number;
  termMonths: number;
}

export interface BusinessCaseFigures {
  totalRevenueMinor: number;
  totalCostMinor: number;
  marginMinor: number;
  /** Margin over revenue in hundredths of a percent (2345 = 23.45 %), rounded half away from zero; null when revenue is 0. */
  marginBasisPoints: number | null;
  /** First whole month at whose end the cumulative margin is ≥ 0; 0 when the one-time margin already covers it; null: never. */
  paybackMonths: number | null;
}

export const TERM_MONTHS_MAX = 120;
export const COST_LINES_MAX = 100;

/** Validate a sizing: at least one cost line, amounts not negative, a term of 1..120 months. */
export function validSizing(input: SizingInput): SizingInput {
  if (input.costLines.length < 1 || input.costLines.length > COST_LINES_MAX) {
    throw badInput(`costLines must have 1 to ${COST_LINES_MAX} lines`, 'costLines');
  }
  const costLines = input.costLines.map((l) => {
    const description = l.description.trim();
    if (description.length < 1 || description.length > 200) throw badInput('a cost line description must have 1 to 200 characters', 'costLines');
    if (l.amountMinor < 0) throw badInput('a cost line amount must not be negative', 'costLines');
    return { ...l, description };
  });
  if (input.oneTimePriceMinor < 0) throw badInput('oneTimePrice must not be negative', 'oneTimePrice');
  if (input.monthlyPriceMinor < 0) throw badInput('monthlyPrice must not be negative', 'monthlyPrice');
  if (!Number.isInteger(input.termMonths) || input.termMonths < 1 || input.termMonths > TERM_MONTHS_MAX) {
    throw badInput(`termMonths must be 1 to ${TERM_MONTHS_MAX}`, 'termMonths');
  }
  if (input.oneTimePriceMinor + input.monthlyPriceMinor === 0) throw badInput('the price must not be zero', 'monthlyPrice');
  return { ...input, costLines };
}

/** Integer a/b rounded half away from zero (b > 0). */
function divRound(a: number, b: number): number {
  const q = Math.floor(Math.abs(a) / b);
  const r = Math.abs(a) % b;
  const rounded = 2 * r >= b ? q + 1 : q;
  return a < 0 ? -rounded : rounded;
}

/**
 * The business case figures, exact in minor units: revenue and cost over the term are
 * one-time + monthly × termMonths; margin is their difference. Only the percentage is rounded.
 */
export function businessCaseFigures(s: SizingInput): BusinessCaseFigures {
  const sum = (kind: CostKind) => s.costLines.filter((l) => l.kind === kind).reduce((a, l) => a + l.amountMinor, 0);
  const oneTimeCost = sum('ONE_TIME');
  const monthlyCost = sum('MONTHLY');
  const totalRevenueMinor = s.oneTimePriceMinor + s.monthlyPriceMinor * s.termMonths;
  const totalCostMinor = oneTimeCost + monthlyCost * s.termMonths;
  const marginMinor = totalRevenueMinor - totalCostMinor;
  const marginBasisPoints = totalRevenueMinor === 0 ? null : divRound(marginMinor * 10000, totalRevenueMinor);
  const upfront = s.oneTimePriceMinor - oneTimeCost;
  const monthly = s.monthlyPriceMinor - monthlyCost;
  let paybackMonths: number | null;
  if (upfront >= 0) paybackMonths = 0;
  else if (monthly <= 0) paybackMonths = null;
  else paybackMonths = Math.ceil(-upfront / monthly); // exact: both integers, one division
  return { totalRevenueMinor, totalCostMinor, marginMinor, marginBasisPoints, paybackMonths };
}

/** Hundredths of a percent as a decimal string: 2345 → "23.45", -5 → "-0.05". */
export function percentString(basisPoints: number): string {
  const sign = basisPoints < 0 ? '-' : '';
  const abs = Math.abs(basisPoints);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
