import { badInput, boundedText, optionalBoundedText } from '@vinculo/common';

/** Trim and collapse inner whitespace. */
export const tidy = (s: string): string => s.trim().replace(/\s+/g, ' ');

/** A required text of `min`..`max` characters after tidying: the kit's bounded text. */
export const requiredText = (value: string, field: string, min: number, max: number): string => boundedText(value, field, min, max);

/** An optional text: null/undefined/empty → null, else `min`..`max` characters. */
export const optionalText = (value: string | null | undefined, field: string, min: number, max: number): string | null =>
  optionalBoundedText(value, field, min, max);

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** An opaque, url-safe id as entered by a client (customer, employee, contact ids). */
export function validId(id: string, field: string): string {
  if (!ID.test(id)) throw badInput(`${field} is not a valid id`, field);
  return id;
}
