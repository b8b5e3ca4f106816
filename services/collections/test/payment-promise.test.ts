import { domainErrorOf } from '@vinculo/common/testing';
import { decidePromise, evaluatePromise, nextFollowUp } from '../src/domain/payment-promise';

const pending = { status: 'PENDING' as const, promisedDate: '2026-05-10', amountMinor: 10000 };

describe('R-COL-I1 payment promises', () => {
  it('R-COL-I1 KEPT as soon as the payments reach the promised amount, even before the date', () => {
    expect(evaluatePromise(pending, 10000, '2026-05-02')).toBe('KEPT');
    expect(evaluatePromise(pending, 12000, '2026-05-10')).toBe('KEPT');
  });
  it('R-COL-I1 BROKEN once the promised date has passed without the amount', () => {
    expect(evaluatePromise(pending, 9999, '2026-05-10')).toBeNull();
    expect(evaluatePromise(pending, 9999, '2026-05-11')).toBe('BROKEN');
  });
  it('R-COL-I1 a settled promise stays settled', () => {
    expect(evaluatePromise({ ...pending, status: 'BROKEN' }, 20000, '2026-05-01')).toBeNull();
  });
  it('R-COL-I1 weekly follow-up, never after the promised date', () => {
    expect(nextFollowUp('2026-05-01', '2026-05-20', 7)).toBe('2026-05-08');
    expect(nextFollowUp('2026-05-01', '2026-05-05', 7)).toBe('2026-05-05');
  });
  it('a promise needs a date from today on and a positive amount', () => {
    expect(domainErrorOf(() => decidePromise({ promisedDate: '2026-04-30', amountMinor: 1, note: null }, '2026-05-01')).details.field).toBe('promisedDate');
    expect(domainErrorOf(() => decidePromise({ promisedDate: '2026-05-01', amountMinor: 0, note: null }, '2026-05-01')).details.field).toBe('amount');
    expect(decidePromise({ promisedDate: '2026-05-01', amountMinor: 5, note: '  llamará  ' }, '2026-05-01').note).toBe('llamará');
  });
});
