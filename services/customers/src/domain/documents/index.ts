import { badInput } from '@vinculo/common';
import type { CountryDocuments } from './rule';
import { GENERIC } from './generic';
import { BOLIVIA } from './bolivia';
import { COLOMBIA } from './colombia';
import { MEXICO } from './mexico';

const BY_COUNTRY: Record<string, CountryDocuments> = { BO: BOLIVIA, CO: COLOMBIA, MX: MEXICO };

/** The document formats of a tenant country (ISO 3166 alpha-2); generic when unset or unknown. */
export function documentsOf(country: string | null): CountryDocuments {
  return (country && BY_COUNTRY[country]) || GENERIC;
}

export interface CheckedDocument {
  /** As stored and shown. */
  value: string;
  /** What identifies the holder; unique per tenant. */
  identity: string;
}

/** Validate a tax id in the tenant country's format; BAD_USER_INPUT on `taxId` otherwise. */
export function checkTaxId(raw: string, country: string | null): CheckedDocument {
  return check(documentsOf(country).taxId, raw, 'taxId');
}

/** Validate an identity card in the tenant country's format; BAD_USER_INPUT on `identityCard` otherwise. */
export function checkIdentityCard(raw: string, country: string | null): CheckedDocument {
  return check(documentsOf(country).identityCard, raw, 'identityCard');
}

function check(rule: CountryDocuments['taxId'], raw: string, field: string): CheckedDocument {
  const value = rule.normalize(raw);
  if (!rule.valid(value)) throw badInput(`${field} is not valid: ${rule.describe}`, field);
  return { value, identity: rule.identity?.(value) ?? value };
}

/** A tax id or identity card as a search key: what the country would store, without validating. */
export function documentSearchKey(raw: string, country: string | null, kind: 'taxId' | 'identityCard'): string {
  return documentsOf(country)[kind].normalize(raw);
}
