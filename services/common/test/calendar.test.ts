import {
  boundedText,
  businessCalendar,
  easterSunday,
  holidayCountryOf,
  isLocalDate,
  isYearMonth,
  nationalHolidays,
  optionalBoundedText,
  parseLocalDate,
  parseYearMonth,
  previousMonth,
  tenantCalendar,
  WEEKDAYS_ONLY,
  addMonths,
  daysInMonth,
} from '../src/calendar';
import { defaultTenantSnapshot } from '../src/policy/defaults';
import { DomainError } from '../src/errors/codes';

const dates = (country: 'BO' | 'CO' | 'MX', year: number) => nationalHolidays(country, year).map((h) => h.date);

describe('calendar: Easter and national holidays', () => {
  test.each([
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2028, '2028-04-16'],
    [2029, '2029-04-01'],
    [2038, '2038-04-25'],
  ])('Easter Sunday %i is %s', (year, day) => {
    expect(easterSunday(year)).toBe(day);
  });

  test('Bolivia 2026: fixed dates, Carnival, Good Friday, Corpus Christi; 21 June on a Sunday rests on Monday 22', () => {
    expect(dates('BO', 2026)).toEqual([
      '2026-01-01',
      '2026-01-22',
      '2026-02-16',
      '2026-02-17',
      '2026-04-03',
      '2026-05-01',
      '2026-06-04',
      '2026-06-22',
      '2026-08-06',
      '2026-11-02',
      '2026-12-25',
    ]);
  });
  test('Bolivia 2027 and 2028 (Easter-based dates move with Easter)', () => {
    expect(dates('BO', 2027)).toEqual([
      '2027-01-01',
      '2027-01-22',
      '2027-02-08',
      '2027-02-09',
      '2027-03-26',
      '2027-05-01',
      '2027-05-27',
      '2027-06-21',
      '2027-08-06',
      '2027-11-02',
      '2027-12-25',
    ]);
    expect(dates('BO', 2028)).toEqual(expect.arrayContaining(['2028-02-28', '2028-02-29', '2028-04-14', '2028-06-15']));
  });
  test('Colombia 2026: Ley Emiliani Mondays and the Easter-based ones (18 holidays)', () => {
    expect(dates('CO', 2026)).toEqual([
      '2026-01-01',
      '2026-01-12',
      '2026-03-23',
      '2026-04-02',
      '2026-04-03',
      '2026-05-01',
      '2026-05-18',
      '2026-06-08',
      '2026-06-15',
      '2026-06-29',
      '2026-07-20',
      '2026-08-07',
      '2026-08-17',
      '2026-10-12',
      '2026-11-02',
      '2026-11-16',
      '2026-12-08',
      '2026-12-25',
    ]);
  });
  test('Colombia 2027 and 2028: every moved holiday is a Monday', () => {
    expect(dates('CO', 2027)).toEqual(
      expect.arrayContaining([
        '2027-01-11',
        '2027-03-22',
        '2027-03-25',
        '2027-03-26',
        '2027-05-10',
        '2027-05-31',
        '2027-06-07',
        '2027-07-05',
        '2027-08-16',
        '2027-10-18',
        '2027-11-01',
        '2027-11-15',
      ]),
    );
    const moved = [
      'Reyes Magos',
      'San José',
      'Ascensión del Señor',
      'Corpus Christi',
      'Sagrado Corazón',
      'San Pedro y San Pablo',
      'Asunción de la Virgen',
      'Día de la Raza',
      'Todos los Santos',
      'Independencia de Cartagena',
    ];
    for (const year of [2026, 2027, 2028]) {
      for (const h of nationalHolidays('CO', year).filter((x) => moved.includes(x.name)))
        expect([h.name, new Date(`${h.date}T00:00:00Z`).getUTCDay()]).toEqual([h.name, 1]);
    }
  });
  test('Mexico 2026–2028: LFT art. 74 with its Monday holidays; 1 October only in an inauguration year (2030)', () => {
    expect(dates('MX', 2026)).toEqual(['2026-01-01', '2026-02-02', '2026-03-16', '2026-05-01', '2026-09-16', '2026-11-16', '2026-12-25']);
    expect(dates('MX', 2027)).toEqual(['2027-01-01', '2027-02-01', '2027-03-15', '2027-05-01', '2027-09-16', '2027-11-15', '2027-12-25']);
    expect(dates('MX', 2028)).toEqual(['2028-01-01', '2028-02-07', '2028-03-20', '2028-05-01', '2028-09-16', '2028-11-20', '2028-12-25']);
    expect(dates('MX', 2030)).toContain('2030-10-01');
  });
});

describe('calendar: business days', () => {
  test('weekends and the calendar holidays are not business days; the tenant adds its own', () => {
    const co = businessCalendar('CO', ['2026-12-07']);
    expect(co.isBusinessDay('2026-12-08')).toBe(false); // Inmaculada Concepción
    expect(co.isBusinessDay('2026-12-07')).toBe(false); // the tenant's own
    expect(co.isBusinessDay('2026-12-09')).toBe(true);
    expect(WEEKDAYS_ONLY.isBusinessDay('2026-12-08')).toBe(true);
    expect(WEEKDAYS_ONLY.isBusinessDay('2026-12-12')).toBe(false);
  });
  test('addBusinessDays / businessDaysBetween / previousBusinessDay agree across a holiday and a year end', () => {
    const bo = businessCalendar('BO');
    expect(bo.addBusinessDays('2026-12-24', 1)).toBe('2026-12-28'); // Christmas on Friday, then the weekend
    expect(bo.addBusinessDays('2026-12-31', 1)).toBe('2027-01-04');
    expect(bo.businessDaysBetween('2026-12-24', '2027-01-04')).toBe(5);
    expect(bo.previousBusinessDay('2027-01-04')).toBe('2026-12-31');
    expect(bo.addBusinessDays('2026-12-24', 0)).toBe('2026-12-24');
    expect(() => bo.addBusinessDays('2026-12-24', -1)).toThrow(RangeError);
  });
  test('a tenant calendar follows its policy: COUNTRY (the default) by country, else by currency; NONE is weekends only', () => {
    const base = defaultTenantSnapshot();
    expect(base.policy.holidayCalendar).toBe('COUNTRY');
    expect(tenantCalendar(base).country).toBe('BO'); // Bs, no country yet
    expect(tenantCalendar({ ...base, country: 'CO', currency: 'COP' }).isBusinessDay('2026-12-08')).toBe(false);
    expect(tenantCalendar({ ...base, country: 'PE', currency: 'PEN' }).country).toBeNull();
    expect(tenantCalendar({ ...base, policy: { ...base.policy, holidayCalendar: 'NONE' } }).isBusinessDay('2026-08-06')).toBe(true);
    expect(tenantCalendar({ ...base, policy: { ...base.policy, holidayCalendar: 'MX' } }).isBusinessDay('2026-11-16')).toBe(false);
    // A snapshot published before the field existed reads as COUNTRY.
    const { holidayCalendar: _h, additionalHolidays: _a, ...old } = base.policy;
    expect(tenantCalendar({ ...base, policy: old }).isBusinessDay('2026-08-06')).toBe(false);
    expect(holidayCountryOf(undefined, null, 'MXN')).toBe('MX');
  });
});

describe('calendar: the one validation of dates, months and bounded text', () => {
  test('real dates only (no roll-over), months 01..12', () => {
    expect(isLocalDate('2028-02-29')).toBe(true);
    for (const bad of ['2026-02-29', '2026-02-31', '2026-13-01', '2026-1-01', ' 2026-01-01', 42, null]) expect(isLocalDate(bad)).toBe(false);
    expect(parseLocalDate('2026-03-01', 'startDate')).toBe('2026-03-01');
    expect(() => parseLocalDate('2026-02-30', 'startDate')).toThrow(DomainError);
    expect(isYearMonth('2026-12')).toBe(true);
    for (const bad of ['2026-13', '2026-00', '2026-1', '202601']) expect(isYearMonth(bad)).toBe(false);
    expect(parseYearMonth(' 2026-04 ', 'period')).toBe('2026-04');
    expect(() => parseYearMonth('2026-4', 'period')).toThrow(DomainError);
    expect(previousMonth('2026-01')).toBe('2025-12');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(daysInMonth('2028-02')).toBe(29);
  });
  test('bounded text: trimmed, blanks collapsed (or line breaks kept), length checked', () => {
    expect(boundedText('  Ana   María\n Pérez ', 'name', 2, 40)).toBe('Ana María Pérez');
    expect(boundedText(' uno  dos\ntres ', 'note', 3, 40, 'lines')).toBe('uno dos\ntres');
    expect(boundedText(' a  b ', 'note', 3, 40, 'keep')).toBe('a  b');
    expect(() => boundedText(' x ', 'name', 2, 40)).toThrow(DomainError);
    expect(() => boundedText('x'.repeat(41), 'name', 2, 40)).toThrow(DomainError);
    expect(optionalBoundedText('   ', 'note', 3, 10)).toBeNull();
    expect(optionalBoundedText(undefined, 'note', 3, 10)).toBeNull();
  });
});
