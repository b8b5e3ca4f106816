import { squeeze, type CountryDocuments } from './rule';

/** Departments that issue identity cards (expedido en): LP, CB, SC, OR, PT, CH, TJ, BE, PD. */
const CI = /^(\d{5,10}(?:-\d[A-Z])?)(?: (LP|CB|SC|OR|PT|CH|TJ|BE|PD))?$/;

/** Bolivia: NIT of 7 to 13 digits; CI of 5 to 10 digits, optional complement (-1A) and department. */
export const BOLIVIA: CountryDocuments = {
  taxId: {
    describe: 'NIT: 7 to 13 digits',
    normalize: (raw) => squeeze(raw, true),
    valid: (v) => /^\d{7,13}$/.test(v),
  },
  identityCard: {
    describe: 'CI: 5 to 10 digits, optionally a complement (-1A) and the department (LP, CB, SC…)',
    normalize: (raw) =>
      raw
        .trim()
        .toUpperCase()
        .replace(/\s+/g, ' ')
        .replace(/\s*-\s*/g, '-'),
    valid: (v) => CI.test(v),
    // The department where the card was issued does not identify the person: 6543210 LP = 6543210.
    identity: (v) => CI.exec(v)?.[1] ?? v,
  },
};
