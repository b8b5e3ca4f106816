import { holdBinds, ORPHAN_HOLD_GRACE_MS } from '../src/domain/hold';

describe('product hold (one product-changing request at a time)', () => {
  const takenAt = new Date('2026-03-02T12:00:00Z');
  const later = (ms: number) => new Date(takenAt.getTime() + ms);

  it('binds while its request is open, whatever its age', () => {
    for (const status of ['RECEIVED', 'WAITING_CUSTOMER', 'IN_FIELD', 'QC_PENDING', 'AWAITING_ANSWER'] as const) {
      expect(holdBinds({ status }, takenAt, later(30 * 86_400_000))).toBe(true);
    }
  });

  it('is abandoned once its request is closed (a crash between closing the request and releasing the product)', () => {
    expect(holdBinds({ status: 'CLOSED' }, takenAt, later(1))).toBe(false);
    expect(holdBinds({ status: 'CLOSED_INCOMPLETE' }, takenAt, later(1))).toBe(false);
  });

  it('with no stored request binds only during the grace period (the request may still be being stored)', () => {
    expect(holdBinds(null, takenAt, later(1_000))).toBe(true);
    expect(holdBinds(null, takenAt, later(ORPHAN_HOLD_GRACE_MS))).toBe(true);
    expect(holdBinds(null, takenAt, later(ORPHAN_HOLD_GRACE_MS + 1))).toBe(false);
    expect(holdBinds(null, null, later(0))).toBe(false);
  });
});
