import { badInput } from '../errors/codes';
import { ISO_4217_EXPONENTS } from './currencies';

/**
 * Money as a value type: an integer of minor units that always travels with its currency, the
 * ISO 4217 exponent from the kit's table (never from `Intl`), and the one rounding rule (half up) every
 * subgraph applies when it divides an amount. Integers only: no float ever holds a money amount.
 */

/** Money as clients see it: a decimal string and its ISO-4217 currency; stored as integer minor units. */
export interface Money {
  amount: string;
  currency: string;
}

/** A stored amount: minor units and the currency that gives them their meaning. */
export interface MinorAmount {
  minor: number;
  currency: string;
}

/** The ISO 4217 exponent of `currency` (COP 2, CLP 0, KWD 3); BAD_USER_INPUT for an unknown code. */
export function minorDigits(currency: string): number {
  const digits = ISO_4217_EXPONENTS.get(currency);
  if (digits === undefined) throw badInput(`${currency} is not an ISO 4217 currency`, 'currency');
  return digits;
}

/** Minor units as the decimal string clients see ("1000.50" COP, "1000" CLP). */
export function money(minorUnits: number, currency: string): Money {
  const digits = minorDigits(currency);
  const sign = minorUnits < 0 ? '-' : '';
  const abs = Math.abs(minorUnits);
  const whole = Math.floor(abs / 10 ** digits);
  const frac = digits ? `.${String(abs % 10 ** digits).padStart(digits, '0')}` : '';
  return { amount: `${sign}${whole}${frac}`, currency };
}

/** Parse a decimal amount ("12.5") into minor units; BAD_USER_INPUT if malformed or too precise. */
export function toMinorUnits(amount: string, currency: string): number {
  const digits = minorDigits(currency);
  const m = /^(-)?(\d{1,13})(?:\.(\d+))?$/.exec(amount.trim());
  if (!m || (m[3]?.length ?? 0) > digits) throw badInput(`Invalid amount for ${currency}: ${amount}`, 'amount');
  const frac = (m[3] ?? '').padEnd(digits, '0');
  const value = Number(m[2]) * 10 ** digits + (digits ? Number(frac) : 0);
  return m[1] ? -value : value;
}

/**
 * `numerator / denominator` rounded half up (away from zero on .5), in integers: the one rounding of
 * every prorated line, percentage and average the subgraphs compute (denominator > 0).
 */
export function roundHalfUp(numerator: number, denominator: number): number {
  if (!(denominator > 0)) throw new RangeError(`roundHalfUp: denominator must be > 0, got ${denominator}`);
  const abs = Math.floor((2 * Math.abs(numerator) + denominator) / (2 * denominator));
  return numerator < 0 ? -abs : abs;
}

/**
 * `amountMinor` for `days` of a period of `periodDays` days (a month's fee for the days a service was
 * active): amount × days / periodDays rounded half up once; the whole period is the whole amount.
 */
export function prorateByDays(amountMinor: number, days: number, periodDays: number): number {
  if (days === periodDays) return amountMinor;
  return roundHalfUp(amountMinor * days, periodDays);
}

/**
 * Split `amountMinor` into parts proportional to `weights` that sum to it exactly (largest remainder:
 * each part is rounded down, and the minor units left go one by one to the largest remainders, the
 * earlier part first on a tie). Equal weights split 1000 into 334 + 333 + 333.
 */
export function allocate(amountMinor: number, weights: readonly number[]): number[] {
  if (!Number.isSafeInteger(amountMinor)) throw new RangeError('allocate: the amount must be an integer of minor units');
  if (!weights.length || weights.some((w) => !(w >= 0)) || !weights.some((w) => w > 0)) {
    throw new RangeError('allocate: weights must be ≥ 0 with at least one > 0');
  }
  const sign = amountMinor < 0 ? -1 : 1;
  const abs = Math.abs(amountMinor);
  const total = weights.reduce((s, w) => s + w, 0);
  const exact = weights.map((w) => (abs * w) / total);
  const parts = exact.map(Math.floor);
  let left = abs - parts.reduce((s, p) => s + p, 0);
  const order = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) parts[order[k]!.i]! += 1;
  return parts.map((p) => p * sign);
}

/**
 * Keep a money amount's decimal value when the currency changes (12.00 BOB → 12.00 USD; 12.00 →
 * 12 for a currency without minor units, rounded half up).
 */
export function rescaleMinor(amount: number, from: string, to: string): number {
  const shift = minorDigits(to) - minorDigits(from);
  return shift >= 0 ? amount * 10 ** shift : roundHalfUp(amount, 10 ** -shift);
}
