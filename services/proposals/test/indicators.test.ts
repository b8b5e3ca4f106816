import { proposalIndicators, ratePercent } from '../src/domain/indicators';
import { weekOf, weeklyFollowUp } from '../src/domain/follow-up';

const h = (to: string, at: string, from: string | null = null) => ({ from, to, by: 'u', at: new Date(at), note: null });

describe('indicators', () => {
  it('win rate, first-pass rate, cycle time per stage and pipeline value', () => {
    const won = {
      status: 'WON' as const,
      currency: 'BOB',
      businessCase: null,
      history: [h('QUALIFIED', '2026-03-01T00:00:00Z'), h('GO', '2026-03-01T10:00:00Z'), h('WON', '2026-03-02T00:00:00Z')],
      proposals: [{ complianceReview: { outcome: 'APPROVED', at: new Date('2026-03-01T12:00:00Z') } } as never],
    };
    const lost = {
      ...won,
      status: 'LOST' as const,
      history: [h('QUALIFIED', '2026-03-01T00:00:00Z'), h('LOST', '2026-03-01T20:00:00Z')],
      proposals: [{ complianceReview: { outcome: 'RETURNED', at: new Date('2026-03-01T12:00:00Z') } } as never],
    };
    const open = { ...won, status: 'SENT' as const, history: [h('QUALIFIED', '2026-02-01T00:00:00Z')], proposals: [{ priceMinor: 12_345 } as never] };
    const r = proposalIndicators([won, lost, open, { ...open }], new Date('2026-03-01T00:00:00Z'), new Date('2026-04-01T00:00:00Z'));
    expect(r).toMatchObject({ won: 1, lost: 1, noGo: 0, winRate: '50.00', complianceFirstPassRate: '50.00' });
    expect(r.cycleTimes).toEqual(
      expect.arrayContaining([
        { status: 'QUALIFIED', transitions: 2, averageHours: 15 },
        { status: 'GO', transitions: 1, averageHours: 14 },
      ]),
    );
    expect(r.pipeline).toEqual([{ status: 'SENT', count: 2, valueMinor: 24_690, currency: 'BOB' }]);
  });
  it('rates are rounded half up, null without a denominator', () => {
    expect(ratePercent(2, 3)).toBe('66.67');
    expect(ratePercent(1, 8)).toBe('12.50');
    expect(ratePercent(0, 0)).toBeNull();
  });
});

describe('weekly follow-up', () => {
  it('the Monday–Sunday week in the tenant calendar; open items with age; lessons learned of the week', () => {
    const week = weekOf('2026-03-04');
    expect(week).toEqual({ weekStart: '2026-03-02', weekEnd: '2026-03-08' });
    const open = [
      { _id: 'o1', status: 'SENT' as const, qualifiedAt: new Date('2026-02-20T15:00:00Z'), history: [h('SENT', '2026-03-01T15:00:00Z')], loss: null },
    ];
    // 2026-03-09T02:00Z is still Sunday 8 March in La Paz (UTC−4): inside the week.
    const lost = [
      {
        _id: 'o2',
        status: 'LOST' as const,
        qualifiedAt: new Date('2026-02-01T00:00:00Z'),
        history: [],
        loss: { reason: 'price', lessonsLearned: 'learned', by: 'u', at: new Date('2026-03-09T02:00:00Z') },
      },
      {
        _id: 'o3',
        status: 'LOST' as const,
        qualifiedAt: new Date('2026-02-01T00:00:00Z'),
        history: [],
        loss: { reason: 'price', lessonsLearned: 'later', by: 'u', at: new Date('2026-03-09T05:00:00Z') },
      },
    ];
    const r = weeklyFollowUp(open, lost, week, new Date('2026-03-04T15:00:00Z'), 'America/La_Paz');
    expect(r.open).toEqual([{ opportunityId: 'o1', status: 'SENT', ageDays: 12, daysInStage: 3 }]);
    expect(r.lessonsLearned.map((l) => l.opportunityId)).toEqual(['o2']);
  });
});
