import { badInput } from '@vinculo/common';

/** Trim and collapse inner whitespace. */
export const tidy = (s: string): string => s.trim().replace(/\s+/g, ' ');

/** A required text of `min`..`max` characters after tidying. */
export function requiredText(value: string, field: string, min: number, max: number): string {
  const t = tidy(value);
  if (t.length < min || t.length > max) throw badInput(`${field} must have ${min} to ${max} characters`, field);
  return t;
}

/** An optional text: null/undefined/empty → null, else `min`..`max` characters. */
export function optionalText(value: string | null | undefined, field: string, min: number, max: number): string | null {
  if (value == null) return null;
  const t = tidy(value);
  return t ? requiredText(t, field, min, max) : null;
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** An opaque, url-safe id as entered by a client (customer, employee, contact ids). */
export function validId(id: string, field: string): string {
  if (!ID.test(id)) throw badInput(`${field} is not a valid id`, field);
  return id;
}
