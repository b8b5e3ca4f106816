import { DomainError, toMinorUnits } from '@vinculo/common';

/** Money in: a decimal string of the tenant currency → minor units (BAD_USER_INPUT naming the field). */
export function minor(amount: string, currency: string, field: string): number {
  try {
    return toMinorUnits(amount, currency);
  } catch (err) {
    if (err instanceof DomainError) err.details.field = field;
    throw err;
  }
}
