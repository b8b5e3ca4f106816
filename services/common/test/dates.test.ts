import { addDays, daysBetween, endOfLocalDay, localDay, localMonth, startOfLocalDay, zonedInstant } from '../src/domain/dates';
import { DateScalar } from '../src/graphql/scalars';

describe('calendar arithmetic in the tenant time zone', () => {
  it('a request at 23:30 in La Paz is still that local day (03:30 UTC the next day)', () => {
    const at = new Date('2026-03-01T03:30:00Z');
    expect(localDay(at, 'America/La_Paz')).toBe('2026-02-28');
    expect(localMonth(at, 'America/La_Paz')).toBe('2026-02');
    expect(localDay(at, 'UTC')).toBe('2026-03-01');
  });

  it('local day bounds are instants in the zone', () => {
    expect(startOfLocalDay('2026-02-28', 'America/La_Paz').toISOString()).toBe('2026-02-28T04:00:00.000Z');
    expect(endOfLocalDay('2026-02-28', 'America/Bogota').toISOString()).toBe('2026-03-01T04:59:59.999Z');
  });

  it('handles a daylight-saving change (Madrid, 2026-03-29: 02:00 → 03:00)', () => {
    expect(startOfLocalDay('2026-03-29', 'Europe/Madrid').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(endOfLocalDay('2026-03-29', 'Europe/Madrid').toISOString()).toBe('2026-03-29T21:59:59.999Z');
    expect(zonedInstant('2026-03-29', 'Europe/Madrid', 12).toISOString()).toBe('2026-03-29T10:00:00.000Z');
  });

  it('adds and counts calendar days across months and leap years', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-01-15', '2026-03-01')).toBe(45);
  });
});

describe('the Date scalar', () => {
  it('accepts a real calendar day and refuses one Date.parse would roll over', () => {
    expect(DateScalar.parseValue('2028-02-29')).toBe('2028-02-29');
    expect(() => DateScalar.parseValue('2026-02-31')).toThrow('Invalid date');
    expect(() => DateScalar.parseValue('2026-13-01')).toThrow('Invalid date');
  });
});
