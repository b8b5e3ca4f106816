import { squeeze, type CountryDocuments } from './rule';

/** Valid YYMMDD (any century). */
function validDate(yymmdd: string): boolean {
  const [yy, mm, dd] = [yymmdd.slice(0, 2), yymmdd.slice(2, 4), yymmdd.slice(4, 6)].map(Number) as [number, number, number];
  const d = new Date(Date.UTC(2000 + yy, mm - 1, dd));
  return d.getUTCMonth() === mm - 1 && d.getUTCDate() === dd;
}

const CURP_STATES = 'AS BC BS CC CL CM CS CH DF DG GT GR HG JC MC MN MS NT NL OC PL QT QR SP SL SR TC TS TL VZ YN ZS NE'.split(' ');
const CURP = /^[A-Z][AEIOUX][A-Z]{2}(\d{6})[HMX]([A-Z]{2})[B-DF-HJ-NP-TV-Z]{3}[A-Z0-9](\d)$/;
const CURP_ALPHABET = '0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ';

/** The CURP check digit (last character) computed from the first 17. */
export function curpCheckDigit(first17: string): number {
  let sum = 0;
  [...first17].forEach((c, i) => {
    sum += CURP_ALPHABET.indexOf(c) * (18 - i);
  });
  return (10 - (sum % 10)) % 10;
}

/** Mexico: RFC (12 characters for a company, 13 for a person with business activity); CURP (18, with check digit). */
export const MEXICO: CountryDocuments = {
  taxId: {
    describe: 'RFC: 3 or 4 letters, the date YYMMDD and a 3-character homoclave',
    normalize: (raw) => squeeze(raw).replace(/-/g, ''),
    valid: (v) => {
      const m = /^[A-ZÑ&]{3,4}(\d{6})[A-Z0-9]{3}$/.exec(v);
      return !!m && validDate(m[1]!);
    },
  },
  identityCard: {
    describe: 'CURP: 18 characters with a valid date, state and check digit',
    normalize: (raw) => squeeze(raw),
    valid: (v) => {
      const m = CURP.exec(v);
      return !!m && validDate(m[1]!) && CURP_STATES.includes(m[2]!) && curpCheckDigit(v.slice(0, 17)) === Number(m[3]);
    },
  },
};
