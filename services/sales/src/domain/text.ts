import { boundedText, optionalBoundedText, parseLocalDate, parseYearMonth } from '@vinculo/common';

/** Trimmed text of `min`..`max` characters (blanks collapsed), else BAD_USER_INPUT naming the field: the kit's bounded text. */
export const text = (value: string | null | undefined, field: string, min: number, max: number): string => boundedText(value, field, min, max);

/** Optional text: null when absent or blank. */
export const optionalText = (value: string | null | undefined, field: string, max: number): string | null => optionalBoundedText(value, field, 1, max);

/** Calendar days and months in the tenant's zone, day arithmetic and their validation: the kit's one implementation. */
export { addDays, localDay, localMonth, previousMonth } from '@vinculo/common';

export const validDay = (day: string, field: string): string => parseLocalDate(day, field);

export const validMonth = (month: string, field = 'month'): string => parseYearMonth(month, field);
