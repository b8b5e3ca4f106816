import { badInput } from '../errors/codes';

/**
 * Bounded text as clients enter it: trimmed, then `min`..`max` characters, else BAD_USER_INPUT naming
 * the field. `spaces` says what happens inside: `collapse` (names, one line: every run of blanks and
 * line breaks becomes one space), `lines` (notes: runs of spaces and tabs become one space, line breaks
 * stay), `keep` (free text kept as written).
 */
export type TextSpaces = 'collapse' | 'lines' | 'keep';

export function boundedText(value: string | null | undefined, field: string, min: number, max: number, spaces: TextSpaces = 'collapse'): string {
  const trimmed = (value ?? '').trim();
  const t = spaces === 'collapse' ? trimmed.replace(/\s+/g, ' ') : spaces === 'lines' ? trimmed.replace(/[ \t]+/g, ' ') : trimmed;
  if (t.length < min || t.length > max) throw badInput(`${field} must have ${min} to ${max} characters`, field);
  return t;
}

/** Optional bounded text: null when absent or blank, else as `boundedText`. */
export function optionalBoundedText(value: string | null | undefined, field: string, min: number, max: number, spaces: TextSpaces = 'collapse'): string | null {
  return value == null || !value.trim() ? null : boundedText(value, field, min, max, spaces);
}
