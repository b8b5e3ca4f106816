import { GraphQLScalarType, Kind } from 'graphql';
import { isLocalDate } from '../calendar/local-date';
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

function toDay(value: unknown): string {
  const s = value instanceof Date ? value.toISOString().slice(0, 10) : value;
  // The kit's one date validation: 2026-02-31 is refused, not rolled over to March.
  if (!isLocalDate(s)) throw badInput('Invalid date, expected YYYY-MM-DD');
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

// Money (minor units, ISO 4217 exponents, rounding) lives in the kit's money module (../money).
