import { allocate, ISO_4217_EXPONENTS, minorDigits, money, prorateByDays, rescaleMinor, roundHalfUp, toMinorUnits } from '../src/money';
import { DomainError } from '../src/errors/codes';

describe('money: ISO 4217 exponents from the kit table, never Intl', () => {
  test.each([
    ['COP', 2],
    ['BOB', 2],
    ['MXN', 2],
    ['USD', 2],
    ['PEN', 2],
    ['EUR', 2],
    ['HUF', 2],
    ['IDR', 2],
    ['CLP', 0],
    ['PYG', 0],
    ['JPY', 0],
    ['KRW', 0],
    ['ISK', 0],
    ['KWD', 3],
    ['BHD', 3],
    ['TND', 3],
    ['CLF', 4],
  ])('%s has %i minor digits', (currency, digits) => {
    expect(minorDigits(currency)).toBe(digits);
  });
  test('an unknown or exponent-less code is BAD_USER_INPUT, not a guessed 2', () => {
    for (const code of ['XYZ', 'XAU', 'XXX', 'cop', '']) expect(() => minorDigits(code)).toThrow(DomainError);
    expect(ISO_4217_EXPONENTS.size).toBeGreaterThan(150);
  });
  test('a COP amount with cents parses and prints back (1000.50 COP = 100050 minor units)', () => {
    expect(toMinorUnits('1000.50', 'COP')).toBe(100050);
    expect(money(100050, 'COP')).toEqual({ amount: '1000.50', currency: 'COP' });
    expect(money(toMinorUnits('0.05', 'COP'), 'COP').amount).toBe('0.05');
    expect(money(-7, 'COP').amount).toBe('-0.07');
  });
  test('CLP has no cents; KWD has fils (three digits)', () => {
    expect(toMinorUnits('1500', 'CLP')).toBe(1500);
    expect(() => toMinorUnits('1500.5', 'CLP')).toThrow(DomainError);
    expect(money(1500, 'CLP').amount).toBe('1500');
    expect(toMinorUnits('1.005', 'KWD')).toBe(1005);
    expect(money(1005, 'KWD').amount).toBe('1.005');
  });
});

describe('money: half-up rounding, prorating, allocation', () => {
  test('roundHalfUp rounds .5 away from zero and everything else to the nearest', () => {
    expect([roundHalfUp(15, 30), roundHalfUp(14, 30), roundHalfUp(330000, 31), roundHalfUp(5, 2), roundHalfUp(-5, 2), roundHalfUp(7, 7)]).toEqual([
      1, 0, 10645, 3, -3, 1,
    ]);
    expect(() => roundHalfUp(1, 0)).toThrow(RangeError);
  });
  test('prorateByDays: 150.00 for 10 of 31 days is 48.39; the whole period is the whole amount', () => {
    expect(prorateByDays(15000, 10, 31)).toBe(4839);
    expect(prorateByDays(15000, 31, 31)).toBe(15000);
    expect(prorateByDays(15000, 0, 30)).toBe(0);
    // 100.00 × 15 / 30 = 50.00 exactly; 0.01 × 1 / 2 = 0.005 → 0.01 (half up).
    expect(prorateByDays(10000, 15, 30)).toBe(5000);
    expect(prorateByDays(1, 1, 2)).toBe(1);
  });
  test('allocate splits into parts that sum exactly, the remainder to the largest fractions first', () => {
    expect(allocate(1000, [1, 1, 1])).toEqual([334, 333, 333]);
    expect(allocate(100, [1, 3])).toEqual([25, 75]);
    expect(allocate(101, [1, 1])).toEqual([51, 50]);
    expect(allocate(10, [0.3, 0.7])).toEqual([3, 7]);
    expect(allocate(-1000, [1, 1, 1])).toEqual([-334, -333, -333]);
    expect(allocate(5, [0, 2, 1])).toEqual([0, 3, 2]);
    for (const [amount, weights] of [
      [99999, [1, 2, 3, 4, 5, 6, 7]],
      [1, [1, 1, 1]],
      [123457, [31, 28, 31]],
    ] as const) {
      const parts = allocate(amount, weights);
      expect(parts.reduce((s, p) => s + p, 0)).toBe(amount);
    }
    expect(() => allocate(100, [])).toThrow(RangeError);
    expect(() => allocate(100, [0, 0])).toThrow(RangeError);
    expect(() => allocate(1.5, [1])).toThrow(RangeError);
  });
  test('rescaleMinor keeps the decimal value across exponents (half up when digits are lost)', () => {
    expect(rescaleMinor(1250, 'BOB', 'COP')).toBe(1250);
    expect(rescaleMinor(1250, 'BOB', 'CLP')).toBe(13);
    expect(rescaleMinor(1249, 'BOB', 'CLP')).toBe(12);
    expect(rescaleMinor(12, 'CLP', 'BOB')).toBe(1200);
    expect(rescaleMinor(1250, 'BOB', 'KWD')).toBe(12500);
  });
});
