import { badInput, conflict } from '@vinculo/common';
import { checkIdentityCard, checkTaxId } from './documents';
import { initialProfile, type Profile, type ProfilePatch } from './customer-profile';
import { validId } from './text';

export type CustomerKind = 'BUSINESS' | 'PERSON';
export type CustomerStatus = 'PROSPECT' | 'ACTIVE' | 'INACTIVE' | 'CHURNED';

export interface RegistrationInput extends ProfilePatch {
  kind: CustomerKind;
  name: string;
  taxId?: string | null;
  identityCard?: string | null;
}

export interface Registration extends Profile {
  kind: CustomerKind;
  taxId: string | null;
  identityCard: string | null;
  /** The identifying document, unique per tenant: `NIT:<taxId>` or `CI:<identityCard>`. */
  documentKey: string;
  status: CustomerStatus;
}

/**
 * Validate a registration: a BUSINESS carries a tax id and no identity card, a PERSON the reverse,
 * each in the format of the tenant's country (generic when the country is not set); a new
 * customer starts as PROSPECT.
 */
export function decideRegistration(input: RegistrationInput, country: string | null = null): Registration {
  const profile = initialProfile(input);
  const taxId = input.taxId?.trim() || null;
  const identityCard = input.identityCard?.trim() || null;
  if (input.kind === 'BUSINESS') {
    if (!taxId) throw badInput('a BUSINESS customer needs a tax id (NIT)', 'taxId');
    const doc = checkTaxId(taxId, country);
    if (identityCard) throw badInput('a BUSINESS customer has no identity card', 'identityCard');
    return { kind: 'BUSINESS', ...profile, taxId: doc.value, identityCard: null, documentKey: `NIT:${doc.identity}`, status: 'PROSPECT' };
  }
  if (!identityCard) throw badInput('a PERSON customer needs an identity card (CI)', 'identityCard');
  const doc = checkIdentityCard(identityCard, country);
  if (taxId) throw badInput('a PERSON customer has no tax id', 'taxId');
  return { kind: 'PERSON', ...profile, taxId: null, identityCard: doc.value, documentKey: `CI:${doc.identity}`, status: 'PROSPECT' };
}

/** An executive id as the portfolio accepts it (staff ids are opaque, url-safe strings). */
export function validExecutiveId(executiveId: string): string {
  return validId(executiveId, 'executiveId');
}

/** Reassigning a customer to the executive who already holds it changes nothing: refuse it. */
export function decideAssignment(current: string | null, executiveId: string): { previousExecutiveId: string | null } {
  if (current === executiveId) {
    throw conflict(`customer is already in ${executiveId}'s portfolio`);
  }
  return { previousExecutiveId: current };
}
