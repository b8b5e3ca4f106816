import { currentOrNextSuspension, planOn, scheduledChanges, statusOn } from '../src/domain/effective';

describe('effective dates: the state in force on a day', () => {
  const s = { requestId: 'psr-1', startDate: '2026-03-11', endDate: '2026-03-20' };
  const product = {
    status: 'SUSPENDED' as const,
    suspensions: [s],
    planCode: 'FIJA-3',
    monthlyFeeMinor: 9000,
    changes: [
      { kind: 'ACTIVATED', from: null, to: 'ACTIVE', effectiveDate: '2026-01-01' },
      { kind: 'SUSPENDED', from: 'ACTIVE', to: 'SUSPENDED', effectiveDate: '2026-03-11' },
      { kind: 'PLAN_CHANGED', from: 'FIJA-1', to: 'FIJA-3', effectiveDate: '2026-04-01', fromFeeMinor: 8000, toFeeMinor: 9000 },
    ],
  };

  it('R-PS-D2 a suspension entered ahead is SUSPENDED only within its dates', () => {
    expect(statusOn(product, '2026-03-10')).toBe('ACTIVE');
    expect(statusOn(product, '2026-03-11')).toBe('SUSPENDED');
    expect(statusOn(product, '2026-03-20')).toBe('SUSPENDED');
    expect(statusOn(product, '2026-03-21')).toBe('ACTIVE');
    expect(statusOn({ ...product, status: 'WITHDRAWN' }, '2026-03-10')).toBe('WITHDRAWN');
    expect(currentOrNextSuspension(product, '2026-03-01')).toEqual(s);
    expect(currentOrNextSuspension(product, '2026-03-21')).toBeNull();
    // Reconnected on its first day: never in force, never current.
    const cancelled = { ...product, suspensions: [{ ...s, endDate: '2026-03-10' }] };
    expect(statusOn(cancelled, '2026-03-11')).toBe('ACTIVE');
    expect(currentOrNextSuspension(cancelled, '2026-03-10')).toBeNull();
  });

  it('a plan change dated later is not in force yet; scheduled changes are those dated after the day', () => {
    expect(planOn(product, '2026-03-31')).toEqual({ planCode: 'FIJA-1', monthlyFeeMinor: 8000 });
    expect(planOn(product, '2026-04-01')).toEqual({ planCode: 'FIJA-3', monthlyFeeMinor: 9000 });
    expect(scheduledChanges(product, '2026-03-10').map((c) => c.kind)).toEqual(['SUSPENDED', 'PLAN_CHANGED']);
    expect(scheduledChanges(product, '2026-04-01')).toEqual([]);
  });
});
