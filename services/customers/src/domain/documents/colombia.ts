import { squeeze, type CountryDocuments } from './rule';

const WEIGHTS = [3, 7, 13, 17, 19, 23, 29, 37, 41, 43, 47, 53, 59, 67, 71];

/** The DIAN check digit (dígito de verificación) of a NIT's base number. */
export function nitCheckDigit(base: string): number {
  let sum = 0;
  [...base].reverse().forEach((digit, i) => {
    sum += Number(digit) * (WEIGHTS[i] ?? 0);
  });
  const r = sum % 11;
  return r > 1 ? 11 - r : r;
}

/** Colombia: NIT 6 to 10 digits, a hyphen and the DIAN check digit (dots allowed); cédula 5 to 10 digits. */
export const COLOMBIA: CountryDocuments = {
  taxId: {
    describe: 'NIT: 6 to 10 digits, a hyphen and the DIAN check digit (e.g. 900123456-8)',
    normalize: (raw) => squeeze(raw, true),
    valid: (v) => {
      const m = /^(\d{6,10})-(\d)$/.exec(v);
      return !!m && nitCheckDigit(m[1]!) === Number(m[2]);
    },
  },
  identityCard: {
    describe: 'cédula de ciudadanía: 5 to 10 digits',
    normalize: (raw) => squeeze(raw, true),
    valid: (v) => /^\d{5,10}$/.test(v),
  },
};
