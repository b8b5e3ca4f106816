import type { CountryDocuments } from './rule';

/** Formats for a tenant whose country is not set or has no specific rules. */
export const GENERIC: CountryDocuments = {
  taxId: {
    describe: 'tax id: 5 to 15 digits, optionally -D',
    normalize: (raw) => raw.trim(),
    valid: (v) => /^\d{5,15}(-\d)?$/.test(v),
  },
  identityCard: {
    describe: 'identity card: 5 to 12 digits, optionally -XX',
    normalize: (raw) => raw.trim().toUpperCase(),
    valid: (v) => /^\d{5,12}(-[0-9A-Z]{1,3})?$/.test(v),
  },
};
