import { randomBytes } from 'node:crypto';
import { badInput } from '../errors/codes';
import { isDuplicateKey } from './connection';

/**
 * Business numbers (issue #15): what customers and staff read, say aloud and search by — `SO-7K2M9QX1`
 * for a sales order, `PS-…` for a post-sale request — never the internal id. Eight characters of
 * Crockford's base 32 (no I, L, O, U) from 40 random bits, like the account numbers (BA-…); unique (so
 * per tenant too) by a unique sparse index on `number` alone — a compound index with tenantId would index
 * the documents stored before numbers existed as duplicate nulls — so a collision is retried with a
 * fresh number.
 */
const BASE32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** `PREFIX-XXXXXXXX` from the first 5 bytes of `entropy`. */
export function businessNumberFrom(prefix: string, entropy: Uint8Array): string {
  if (entropy.length < 5) throw new RangeError('a business number needs 5 bytes of entropy');
  let bits = 0n;
  for (let i = 0; i < 5; i++) bits = (bits << 8n) | BigInt(entropy[i] ?? 0);
  let chars = '';
  for (let i = 7; i >= 0; i--) chars += BASE32[Number((bits >> BigInt(i * 5)) & 31n)];
  return `${prefix}-${chars}`;
}

/** Whether `text` has the shape of a business number of `prefix`. */
export const isBusinessNumber = (prefix: string, text: string): boolean => new RegExp(`^${prefix}-[0-9A-HJKMNP-TV-Z]{8}$`).test(text);

/** A number as a person types it (spaces, lower case) in its stored form; BAD_USER_INPUT when it is not one of `prefix`. */
export function businessNumberInput(prefix: string, text: string, field = 'number'): string {
  const n = text.trim().toUpperCase();
  if (!isBusinessNumber(prefix, n)) throw badInput(`${field} must look like ${prefix}-XXXXXXXX (8 letters or digits)`, field);
  return n;
}

const ATTEMPTS = 3;

/**
 * Create a document under a fresh business number: `create(number)` runs again with another number when
 * the store refuses it as a duplicate and `clashedOnNumber()` says the clash was the number's (not, for an
 * idempotent create, the document's own id: then the caller's own duplicate handling applies).
 */
export async function createNumbered<T>(
  prefix: string,
  create: (number: string) => Promise<T>,
  clashedOnNumber: (err: unknown) => Promise<boolean>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await create(businessNumberFrom(prefix, randomBytes(5)));
    } catch (err) {
      if (!isDuplicateKey(err) || attempt >= ATTEMPTS || !(await clashedOnNumber(err))) throw err;
    }
  }
}
