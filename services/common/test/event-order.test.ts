/**
 * The ordering key of time-ordered read models (readmodels/newest-wins.ts `eventOrder`): compared as
 * text, it must order events by time, then by lifecycle rank, and keep entries written with a bare time
 * (the earlier `$lte`-on-time rule) below any event at or after that time.
 */
import { eventOrder, lifecycleRanks, newestWinsFilter } from '@vinculo/common';

const at = (time: string) => ({ time });

describe('eventOrder: the key of a time-ordered snapshot', () => {
  test('a later time wins whatever the ranks', () => {
    expect(eventOrder(at('2026-03-01T10:00:00.001Z'), 0) > eventOrder(at('2026-03-01T10:00:00.000Z'), 99)).toBe(true);
    expect(eventOrder(at('2026-03-02T00:00:00.000Z'), 0) > eventOrder(at('2026-03-01T23:59:59.999Z'), 2)).toBe(true);
  });

  test('at the same time the later lifecycle step wins, also past rank 9 (ranks are fixed width)', () => {
    const t = at('2026-03-01T10:00:00.000Z');
    expect(eventOrder(t, 1) > eventOrder(t, 0)).toBe(true);
    expect(eventOrder(t, 2) > eventOrder(t, 1)).toBe(true);
    expect(eventOrder(t, 10) > eventOrder(t, 9)).toBe(true);
  });

  test('the same event gives the same key (a redelivery is not newer)', () => {
    expect(eventOrder(at('2026-03-01T10:00:00.000Z'), 1)).toBe(eventOrder(at('2026-03-01T10:00:00.000Z'), 1));
  });

  test('times are normalised, so other ISO spellings of one instant give one key and still compare by time', () => {
    expect(eventOrder(at('2026-03-01T10:00:00Z'), 1)).toBe('2026-03-01T10:00:00.000Z#01');
    expect(eventOrder(at('2026-03-01T05:00:00-05:00'), 1)).toBe('2026-03-01T10:00:00.000Z#01');
    // Without normalising, "…00Z" > "…00.500Z" as text although it is earlier.
    expect(eventOrder(at('2026-03-01T10:00:00.500Z'), 0) > eventOrder(at('2026-03-01T10:00:00Z'), 0)).toBe(true);
  });

  test('a bare time stored by the earlier rule is older than any event at that time, newer than any event before it', () => {
    const stored = '2026-03-01T10:00:00.000Z';
    expect(eventOrder(at(stored), 0) > stored).toBe(true);
    expect(eventOrder(at('2026-03-01T09:59:59.999Z'), 99) < stored).toBe(true);
  });

  test('ranks outside 0..99 and unreadable times are refused (they would break the text order)', () => {
    expect(() => eventOrder(at('2026-03-01T10:00:00.000Z'), 100)).toThrow(RangeError);
    expect(() => eventOrder(at('2026-03-01T10:00:00.000Z'), -1)).toThrow(RangeError);
    expect(() => eventOrder(at('2026-03-01T10:00:00.000Z'), 1.5)).toThrow(RangeError);
    expect(() => eventOrder(at('yesterday'), 0)).toThrow(RangeError);
  });
});

describe('newestWinsFilter', () => {
  test('matches only an older version; with a legacy clause also an entry written before the version field', () => {
    expect(newestWinsFilter({ key: { _id: 'a', tenantId: 't' }, field: 'order', version: 'v' })).toEqual({ _id: 'a', tenantId: 't', order: { $lt: 'v' } });
    expect(newestWinsFilter({ key: { _id: 'a', tenantId: 't' }, field: 'order', version: 'v', legacy: { order: { $exists: false } } })).toEqual({
      _id: 'a',
      tenantId: 't',
      $or: [{ order: { $lt: 'v' } }, { order: { $exists: false } }],
    });
  });
});

describe('lifecycleRanks', () => {
  test("a step's rank is its place in the lifecycle; the event types of one step share it", () => {
    expect(lifecycleRanks(['Qualified', 'Sent', ['Won', 'Lost']])).toEqual({ Qualified: 0, Sent: 1, Won: 2, Lost: 2 });
  });
});
