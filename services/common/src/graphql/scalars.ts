import { GraphQLScalarType, Kind } from 'graphql';
import { badInput } from '../errors/codes';

function toDate(value: unknown): Date {
  const d = value instanceof Date ? value : typeof value === 'string' || typeof value === 'number' ? new Date(value) : null;
  if (!d || Number.isNaN(d.getTime())) throw badInput('Invalid date-time');
  return d;
}

/** ISO-8601 date-time in UTC. */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'ISO-8601 date-time, UTC (e.g. 2026-11-24T10:00:00.000Z)',
  serialize: (v) => toDate(v).toISOString(),
  parseValue: (v) => toDate(v),
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw badInput('DateTime must be a string');
    return toDate(ast.value);
  },
});

const DATE = /^\d{4}-\d{2}-\d{2}$/;
function toDay(value: unknown): string {
  const s = value instanceof Date ? value.toISOString().slice(0, 10) : value;
  // Date.parse rolls 2026-02-31 over to March: only a date that reads back the same is a real one.
  if (typeof s !== 'string' || !DATE.test(s) || Number.isNaN(Date.parse(s)) || new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) !== s) {
    throw badInput('Invalid date, expected YYYY-MM-DD');
  }
  return s;
}

/** A calendar date, YYYY-MM-DD, in the tenant's time zone. */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'Calendar date YYYY-MM-DD (tenant time zone)',
  serialize: toDay,
  parseValue: toDay,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw badInput('Date must be a string');
    return toDay(ast.value);
  },
});

/** Money as clients see it: a decimal string and its ISO-4217 currency; stored as integer minor units. */
export interface Money {
  amount: string;
  currency: string;
}

export function minorDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

export function money(minorUnits: number, currency: string): Money {
  const digits = minorDigits(currency);
  const sign = minorUnits < 0 ? '-' : '';
  const abs = Math.abs(minorUnits);
  const whole = Math.floor(abs / 10 ** digits);
  const frac = digits ? `.${String(abs % 10 ** digits).padStart(digits, '0')}` : '';
  return { amount: `${sign}${whole}${frac}`, currency };
}

/** Parse a decimal amount ("12.5") into minor units; BAD_USER_INPUT if malformed or too precise. */
export function toMinorUnits(amount: string, currency: string): number {
  const digits = minorDigits(currency);
  const m = /^(-)?(\d{1,13})(?:\.(\d+))?$/.exec(amount.trim());
  if (!m || (m[3]?.length ?? 0) > digits) throw badInput(`Invalid amount for ${currency}: ${amount}`, 'amount');
  const frac = (m[3] ?? '').padEnd(digits, '0');
  const value = Number(m[2]) * 10 ** digits + (digits ? Number(frac) : 0);
  return m[1] ? -value : value;
}
