import { badInput, idFromEvent, isIsoCurrency } from '@vinculo/common';

export type BillingAccountStanding = 'UP_TO_DATE' | 'OVERDUE';

export interface OpeningInput {
  currency: string;
}

export interface Opening {
  currency: string;
  standing: BillingAccountStanding;
}

/** Validate the opening of a billing account: a known ISO 4217 currency; a new account is UP_TO_DATE. */
export function decideOpening(input: OpeningInput): Opening {
  const currency = input.currency.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) throw badInput('currency must be an ISO 4217 code of three letters', 'currency');
  if (!isIsoCurrency(currency)) throw badInput(`currency ${currency} is not an ISO 4217 code`, 'currency');
  return { currency, standing: 'UP_TO_DATE' };
}

/** Crockford's base-32 alphabet: no I, L, O or U, so account numbers read aloud and retyped stay unambiguous. */
const BASE32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const ACCOUNT_NUMBER = /^BA-[0-9A-HJKMNP-TV-Z]{8}$/;

/** An account number `BA-XXXXXXXX` from 40 bits of entropy (5 bytes; the caller supplies the randomness). */
export function accountNumberFrom(entropy: Uint8Array): string {
  if (entropy.length < 5) throw new RangeError('an account number needs 5 bytes of entropy');
  let bits = 0n;
  for (let i = 0; i < 5; i++) bits = (bits << 8n) | BigInt(entropy[i] ?? 0);
  let chars = '';
  for (let i = 7; i >= 0; i--) chars += BASE32[Number((bits >> BigInt(i * 5)) & 31n)];
  return `BA-${chars}`;
}

/**
 * The account that bills a sales order (opened by sales.SalesOrderActivated): its id derives from the
 * order, so a product that names its order is attached to it before the account exists, whichever of
 * the order's activation and post-sale's events arrives first.
 */
export const orderAccountId = (tenantId: string, orderId: string): string => idFromEvent('bac', `${tenantId}:order:${orderId}`);

/**
 * The account a mirrored product bills to: its order's account when the product's order is known (an
 * order is one contract, one account); otherwise, until post-sale names the order, the customer's oldest
 * account (null when the customer has none yet). The order always wins over the fallback.
 */
export function productAccountId(tenantId: string, orderId: string | null, customersOldestAccountId: string | null): string | null {
  return orderId ? orderAccountId(tenantId, orderId) : customersOldestAccountId;
}
