import { badInput, DomainError } from '@vinculo/common';

export type CustomerKind = 'BUSINESS' | 'PERSON';
export type CustomerStatus = 'PROSPECT' | 'ACTIVE' | 'INACTIVE' | 'CHURNED';

export interface RegistrationInput {
  kind: CustomerKind;
  name: string;
  taxId?: string | null;
  identityCard?: string | null;
}

export interface Registration {
  kind: CustomerKind;
  name: string;
  taxId: string | null;
  identityCard: string | null;
  /** The identifying document, unique per tenant: `NIT:<taxId>` or `CI:<identityCard>`. */
  documentKey: string;
  status: CustomerStatus;
}

/** Tax id (NIT): 5–15 digits, optionally a hyphen and check digit. */
const TAX_ID = /^\d{5,15}(-\d)?$/;
/** Identity card (CI): 5–12 digits, optionally a complement (e.g. `1234567-1A`). */
const IDENTITY_CARD = /^\d{5,12}(-[0-9A-Z]{1,3})?$/;

/**
 * Validate a registration: a BUSINESS carries a tax id and no identity card, a PERSON the reverse;
 * a new customer starts as PROSPECT.
 */
export function decideRegistration(input: RegistrationInput): Registration {
  const name = input.name.trim().replace(/\s+/g, ' ');
  if (name.length < 2 || name.length > 200) throw badInput('name must have 2 to 200 characters', 'name');
  const taxId = input.taxId?.trim() || null;
  const identityCard = input.identityCard?.trim().toUpperCase() || null;
  if (input.kind === 'BUSINESS') {
    if (!taxId) throw badInput('a BUSINESS customer needs a tax id (NIT)', 'taxId');
    if (!TAX_ID.test(taxId)) throw badInput('taxId must be 5 to 15 digits, optionally -D', 'taxId');
    if (identityCard) throw badInput('a BUSINESS customer has no identity card', 'identityCard');
    return { kind: 'BUSINESS', name, taxId, identityCard: null, documentKey: `NIT:${taxId}`, status: 'PROSPECT' };
  }
  if (!identityCard) throw badInput('a PERSON customer needs an identity card (CI)', 'identityCard');
  if (!IDENTITY_CARD.test(identityCard)) throw badInput('identityCard must be 5 to 12 digits, optionally -XX', 'identityCard');
  if (taxId) throw badInput('a PERSON customer has no tax id', 'taxId');
  return { kind: 'PERSON', name, taxId: null, identityCard, documentKey: `CI:${identityCard}`, status: 'PROSPECT' };
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** An executive id as the portfolio accepts it (staff ids are opaque, url-safe strings). */
export function validExecutiveId(executiveId: string): string {
  if (!ID.test(executiveId)) throw badInput('executiveId is not a valid id', 'executiveId');
  return executiveId;
}

/** Reassigning a customer to the executive who already holds it changes nothing: refuse it. */
export function decideAssignment(current: string | null, executiveId: string): { previousExecutiveId: string | null } {
  if (current === executiveId) {
    throw new DomainError('illegal_transition', `customer is already in ${executiveId}'s portfolio`);
  }
  return { previousExecutiveId: current };
}
