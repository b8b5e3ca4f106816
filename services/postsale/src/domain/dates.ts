import { parseLocalDate } from '@vinculo/common';

/**
 * Calendar dates (YYYY-MM-DD) post-sale uses: the kit's calendar module (validation, months, business
 * days with the tenant's holidays), under the names post-sale's domain reads.
 */
export type { LocalDate } from '@vinculo/common';
export { addMonths, daysInMonth } from '@vinculo/common';

/** A real calendar date YYYY-MM-DD, else BAD_USER_INPUT on `field`. */
export const assertDate = (value: string, field: string): string => parseLocalDate(value, field);
