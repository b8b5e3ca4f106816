import { badInput, DomainError, isIsoCurrency, rescaleMinor, type TenantPolicy, type TenantSettings } from '@vinculo/common';
import { canonicalTimeZone } from './calendar';
import { requiredText } from './text';

/** A tenant's settings and name, as the Tenant entity holds them. */
export interface TenantProfile extends TenantSettings {
  name: string;
  /** The tenant's own tax id (NIT/RUC) and address, printed on generated documents' letterhead. */
  taxId?: string | null;
  address?: string | null;
  /** The tenant's LOGO attachment (att_cus_…) printed on the letterhead. */
  logoAttachmentId?: string | null;
}

export interface TenantSettingsPatch {
  name?: string | null;
  currency?: string | null;
  country?: string | null;
  timeZone?: string | null;
  taxId?: string | null;
  address?: string | null;
  logoAttachmentId?: string | null;
}

const regions = new Intl.DisplayNames(['en'], { type: 'region' });

/** An ISO 4217 currency code of the kit's exponent table (upper-cased). */
export function validCurrency(code: string): string {
  const c = code.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(c) || !isIsoCurrency(c)) throw badInput(`${code} is not an ISO 4217 currency`, 'currency');
  return c;
}

/** An ISO 3166-1 alpha-2 country code (upper-cased). */
export function validCountry(code: string): string {
  const c = code.trim().toUpperCase();
  const name = /^[A-Z]{2}$/.test(c) ? regions.of(c) : undefined;
  if (!name || name === c || name === 'Unknown Region') throw badInput(`${code} is not an ISO 3166 country code`, 'country');
  return c;
}

/** An IANA time zone, in its canonical spelling. */
export function validTimeZone(name: string): string {
  const tz = canonicalTimeZone(name.trim());
  if (!tz) throw badInput(`${name} is not an IANA time zone`, 'timeZone');
  return tz;
}

/** A letterhead text: trimmed, `min`–`max` characters, or null when given empty (cleared). */
function optionalText(value: string, field: string, min: number, max: number): string | null {
  return value.trim() === '' ? null : requiredText(value, field, min, max);
}

/** A stale expectedVersion: someone changed the tenant since the caller read it. */
export function checkVersion(current: number, expected: number): void {
  if (!Number.isInteger(expected) || expected < 0) throw badInput('expectedVersion must be 0 or more', 'expectedVersion');
  if (current !== expected) {
    throw new DomainError('stale_version', `the tenant is at version ${current}, not ${expected}; reload and retry`);
  }
}

/** The kit's rescaling (half up), kept importable here for the settings use case. */
export { rescaleMinor };

/** Apply a settings change; BAD_USER_INPUT when malformed or when nothing would change. */
export function decideSettingsChange(
  current: TenantProfile,
  policy: TenantPolicy,
  patch: TenantSettingsPatch,
): { profile: TenantProfile; policy: TenantPolicy } {
  const profile: TenantProfile = {
    name: patch.name != null ? requiredText(patch.name, 'name', 2, 120) : current.name,
    currency: patch.currency != null ? validCurrency(patch.currency) : current.currency,
    country: patch.country != null ? validCountry(patch.country) : current.country,
    timeZone: patch.timeZone != null ? validTimeZone(patch.timeZone) : current.timeZone,
    // Letterhead, kept only once set: an empty string clears the field.
    ...(patch.taxId != null ? { taxId: optionalText(patch.taxId, 'taxId', 3, 40) } : current.taxId != null ? { taxId: current.taxId } : {}),
    ...(patch.address != null ? { address: optionalText(patch.address, 'address', 5, 200) } : current.address != null ? { address: current.address } : {}),
    ...(patch.logoAttachmentId != null
      ? { logoAttachmentId: patch.logoAttachmentId.trim() === '' ? null : patch.logoAttachmentId.trim() }
      : current.logoAttachmentId != null
        ? { logoAttachmentId: current.logoAttachmentId }
        : {}),
  };
  const letterhead = ['taxId', 'address', 'logoAttachmentId'];
  const keys = new Set([...Object.keys(profile), ...Object.keys(current).filter((k) => letterhead.includes(k))]) as Set<keyof TenantProfile>;
  if ([...keys].every((k) => (profile[k] ?? null) === (current[k] ?? null))) {
    throw badInput('nothing to change', 'input');
  }
  const rescale = (n: number) => rescaleMinor(n, current.currency, profile.currency);
  return {
    profile,
    policy: {
      ...policy,
      callDetailFeePerPreviousMonthMinor: rescale(policy.callDetailFeePerPreviousMonthMinor),
      multiBasicTelephonyAmountMinor: rescale(policy.multiBasicTelephonyAmountMinor),
    },
  };
}
