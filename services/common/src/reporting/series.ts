import { badInput } from '../errors/codes';

/** Longest series one call computes: three years of months. */
export const MAX_SERIES_MONTHS = 36;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/**
 * The months `from`..`to` inclusive ("2026-01".."2026-03" → three), for indicator series (issue #15:
 * a range of periods in one call). BAD_USER_INPUT when malformed, reversed or longer than `max`.
 */
export function monthsBetween(from: string, to: string, max = MAX_SERIES_MONTHS): string[] {
  const a = MONTH.exec(from);
  const b = MONTH.exec(to);
  if (!a) throw badInput('from must be YYYY-MM', 'from');
  if (!b) throw badInput('to must be YYYY-MM', 'to');
  const start = Number(a[1]) * 12 + Number(a[2]) - 1;
  const end = Number(b[1]) * 12 + Number(b[2]) - 1;
  if (end < start) throw badInput('to must not be before from', 'to');
  if (end - start + 1 > max) throw badInput(`at most ${max} months in one series`, 'to');
  return Array.from({ length: end - start + 1 }, (_, i) => {
    const m = start + i;
    return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
  });
}
