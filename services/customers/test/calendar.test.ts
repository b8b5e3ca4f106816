import { addDays, canonicalTimeZone, localDay, localMonth, startOfDay, validMonth } from '../src/domain/calendar';

describe('tenant calendar (IANA time zones)', () => {
  test('a 19:30 visit in La Paz is 23:30 UTC, still the same local day', () => {
    const instant = new Date('2026-03-10T23:30:00Z');
    expect(localDay(instant, 'America/La_Paz')).toBe('2026-03-10');
    expect(localDay(instant, 'UTC')).toBe('2026-03-10');
    expect(localDay(new Date('2026-03-11T03:59:59Z'), 'America/La_Paz')).toBe('2026-03-10');
    expect(localDay(new Date('2026-03-11T04:00:00Z'), 'America/La_Paz')).toBe('2026-03-11');
  });
  test('start of a local day', () => {
    expect(startOfDay('2026-03-10', 'America/La_Paz').toISOString()).toBe('2026-03-10T04:00:00.000Z');
    expect(startOfDay('2026-03-10', 'Asia/Kolkata').toISOString()).toBe('2026-03-09T18:30:00.000Z');
  });
  test('across a DST change (Mexico City had none in 2026; New York changes on 8 March)', () => {
    expect(startOfDay('2026-03-08', 'America/New_York').toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(startOfDay('2026-03-09', 'America/New_York').toISOString()).toBe('2026-03-09T04:00:00.000Z');
  });
  test('days and months', () => {
    expect(addDays('2026-12-29', 6)).toBe('2027-01-04');
    expect(localMonth(new Date('2026-02-01T02:00:00Z'), 'America/Bogota')).toBe('2026-01');
    expect(validMonth(' 2026-07 ')).toBe('2026-07');
    expect(() => validMonth('2026-13')).toThrow();
  });
  test('time zone names', () => {
    expect(canonicalTimeZone('America/La_Paz')).toBe('America/La_Paz');
    expect(canonicalTimeZone('Mars/Olympus')).toBeNull();
  });
});
