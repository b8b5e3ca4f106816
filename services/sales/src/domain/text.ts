import { badInput } from '@vinculo/common';

/** Trimmed text of `min`..`max` characters, else BAD_USER_INPUT naming the field. */
export function text(value: string | null | undefined, field: string, min: number, max: number): string {
  const t = (value ?? '').trim().replace(/\s+/g, ' ');
  if (t.length < min || t.length > max) throw badInput(`${field} must have ${min} to ${max} characters`, field);
  return t;
}

/** Optional text: null when absent or blank. */
export const optionalText = (value: string | null | undefined, field: string, max: number): string | null =>
  value == null || !value.trim() ? null : text(value, field, 1, max);

/** Calendar days in the tenant's zone and day arithmetic: the kit's one implementation. */
export { addDays, localDay, localMonth } from '@vinculo/common';

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export function validDay(day: string, field: string): string {
  if (!DAY.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) throw badInput(`${field} must be a date YYYY-MM-DD`, field);
  return day;
}

export function validMonth(month: string, field = 'month'): string {
  if (!MONTH.test(month)) throw badInput(`${field} must be a month YYYY-MM`, field);
  return month;
}

/** The month before `month` (YYYY-MM). */
export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

