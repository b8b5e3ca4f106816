import { money, toMinorUnits } from '@vinculo/common';

/** Money out: minor units → { amount, currency }. */
export const out = (minor: number, currency: string) => money(minor, currency);

/** Money in: a decimal string of the tenant currency → minor units (BAD_USER_INPUT naming the field). */
export function minor(amount: string, currency: string, field: string): number {
  try {
    return toMinorUnits(amount, currency);
  } catch (err) {
    (err as { details?: { field?: string } }).details!.field = field;
    throw err;
  }
}
