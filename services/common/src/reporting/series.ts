import { isYearMonth } from '../calendar/local-date';
import { badInput } from '../errors/codes';

/** Longest series one call computes: three years of months. */
export const MAX_SERIES_MONTHS = 36;

/**
 * The months `from`..`to` inclusive ("2026-01".."2026-03" → three), for indicator series (issue #15:
 * a range of periods in one call). BAD_USER_INPUT when malformed, reversed or longer than `max`.
 */
export function monthsBetween(from: string, to: string, max = MAX_SERIES_MONTHS): string[] {
  if (!isYearMonth(from)) throw badInput('from must be YYYY-MM', 'from');
  if (!isYearMonth(to)) throw badInput('to must be YYYY-MM', 'to');
  const index = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
  const start = index(from);
  const end = index(to);
  if (end < start) throw badInput('to must not be before from', 'to');
  if (end - start + 1 > max) throw badInput(`at most ${max} months in one series`, 'to');
  return Array.from({ length: end - start + 1 }, (_, i) => {
    const m = start + i;
    return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
  });
}
