import { byDay, churnContribution, churnDelta, daysCovering, placeOf, rowsFromDays } from '../src/domain/churn-totals';
import { analyseChurn } from '../src/domain/churn';

const churnAt = (iso: string, note: string | null = 'PRICE') => ({ to: 'CHURNED', at: new Date(iso), note });

describe('churn counts (issue #18): per UTC day and quarter of an hour, read back as the analysis rows', () => {
  it('places a move by its UTC day and quarter; reason and segment escaped so a path never splits', () => {
    expect(placeOf(new Date('2026-04-30T03:59:59.999Z'), 'PRICE', 'EMPRESAS')).toBe('2026-04-30|c.15.PRICE~EMPRESAS');
    expect(placeOf(new Date('2026-04-30T04:00:00.000Z'), 'a.b$c~d%', null)).toBe('2026-04-30|c.16.a%2Eb%24c%7Ed%25~NONE');
  });

  it('a customer counts each move to CHURNED under its current segment; a new segment moves them all', () => {
    const c = {
      segment: 'EMPRESAS',
      history: [{ to: 'ACTIVE', at: new Date('2026-01-01T00:00:00Z') }, churnAt('2026-02-01T10:00:00Z'), churnAt('2026-03-01T10:00:00Z', null)],
    };
    expect(churnContribution(c)).toEqual({ '2026-02-01|c.40.PRICE~EMPRESAS': 1, '2026-03-01|c.40.UNKNOWN~EMPRESAS': 1 });
    expect(churnDelta(c, { ...c, segment: 'RESIDENCIAL' })).toEqual({
      '2026-02-01|c.40.PRICE~EMPRESAS': -1,
      '2026-03-01|c.40.UNKNOWN~EMPRESAS': -1,
      '2026-02-01|c.40.PRICE~RESIDENCIAL': 1,
      '2026-03-01|c.40.UNKNOWN~RESIDENCIAL': 1,
    });
    expect(churnDelta(c, { ...c })).toEqual({});
  });

  it('the rows read back from the counts give the analysis of the moves themselves, in any time zone, cut at local midnights', () => {
    const moves = [
      { at: '2026-04-30T03:59:59.999Z', reason: 'PRICE', segment: 'EMPRESAS' }, // La Paz: still April 29
      { at: '2026-04-30T04:00:00.000Z', reason: 'PRICE', segment: 'EMPRESAS' },
      { at: '2026-04-30T18:14:59.000Z', reason: 'a.b', segment: null }, // Kathmandu (+5:45): still April 30
      { at: '2026-04-30T18:15:00.000Z', reason: 'a.b', segment: null },
      { at: '2026-05-31T23:59:00.000Z', reason: 'MOVED', segment: 'EMPRESAS' },
    ];
    const counts: Record<string, number> = {};
    for (const m of moves) {
      const p = placeOf(new Date(m.at), m.reason, m.segment);
      counts[p] = (counts[p] ?? 0) + 1;
    }
    const days = [...byDay(counts)].map(([day, paths]) => {
      const c: Record<string, Record<string, number>> = {};
      for (const [path, n] of Object.entries(paths)) {
        const [, quarter, key] = path.split('.') as [string, string, string];
        (c[quarter] ??= {})[key] = n;
      }
      return { day, c };
    });
    for (const [timeZone, start, end] of [
      ['America/La_Paz', '2026-04-30T04:00:00Z', '2026-06-01T04:00:00Z'],
      ['Asia/Kathmandu', '2026-04-29T18:15:00Z', '2026-04-30T18:15:00Z'],
      ['UTC', '2026-04-01T00:00:00Z', '2026-07-01T00:00:00Z'],
    ] as const) {
      const s = new Date(start);
      const e = new Date(end);
      const direct = moves.filter((m) => new Date(m.at) >= s && new Date(m.at) < e).map((m) => ({ at: new Date(m.at), reason: m.reason, segment: m.segment }));
      expect(analyseChurn(rowsFromDays(days, s, e), timeZone)).toEqual(analyseChurn(direct, timeZone));
    }
  });

  it('the days covering a period are the UTC days its quarters fall in', () => {
    expect(daysCovering(new Date('2026-04-29T18:15:00Z'), new Date('2026-04-30T18:15:00Z'))).toEqual(['2026-04-29', '2026-04-30']);
    expect(daysCovering(new Date('2026-05-01T00:00:00Z'), new Date('2026-05-02T00:00:00Z'))).toEqual(['2026-05-01']);
  });
});
