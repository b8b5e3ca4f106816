import { ageing, bucketOf, percent } from '../src/domain/indicators';

describe('collections indicators', () => {
  it('ages unpaid invoices by days past due', () => {
    expect(['2026-05-01', '2026-04-30', '2026-04-01', '2026-03-02', '2026-03-01', '2026-01-01'].map((d) => bucketOf(d, '2026-05-01'))).toEqual([
      'NOT_DUE',
      'DAYS_1_30',
      'DAYS_1_30',
      'DAYS_31_60',
      'DAYS_61_90',
      'OVER_90',
    ]);
  });
  it('sums only what is still unpaid, every bucket present', () => {
    const inv = (dueDate: string, totalMinor: number, paidMinor: number) => ({
      invoiceId: dueDate,
      period: dueDate.slice(0, 7),
      dueDate,
      totalMinor,
      paidMinor,
    });
    expect(ageing([inv('2026-04-01', 10000, 2500), inv('2026-01-01', 5000, 5000), inv('2026-06-01', 300, 0)], '2026-05-01')).toEqual([
      { bucket: 'NOT_DUE', amountMinor: 300 },
      { bucket: 'DAYS_1_30', amountMinor: 7500 },
      { bucket: 'DAYS_31_60', amountMinor: 0 },
      { bucket: 'DAYS_61_90', amountMinor: 0 },
      { bucket: 'OVER_90', amountMinor: 0 },
    ]);
  });
  it('percentages round half up to two decimals; none without a base', () => {
    expect(percent(1, 3)).toBe(33.33);
    expect(percent(2, 3)).toBe(66.67);
    expect(percent(1, 8)).toBe(12.5);
    expect(percent(0, 0)).toBeNull();
  });
});
