import { DomainError } from '@vinculo/common';
import { dueForFollowUp, followUpAfterCall, validChannel, validNote, validOutcome, weekOf } from '../src/domain/overdue-management';
import { queueKeyOf } from '../src/domain/billing-claim';

describe('overdue management (§3 I)', () => {
  it('the week is Monday to Sunday around a date', () => {
    expect(weekOf('2026-03-18')).toEqual({ start: '2026-03-16', end: '2026-03-22' }); // a Wednesday
    expect(weekOf('2026-03-16')).toEqual({ start: '2026-03-16', end: '2026-03-22' }); // Monday
    expect(weekOf('2026-03-22')).toEqual({ start: '2026-03-16', end: '2026-03-22' }); // Sunday
    expect(weekOf('2026-01-01')).toEqual({ start: '2025-12-29', end: '2026-01-04' });
  });

  it('R-COL-I1 a pending promise is on the weekly follow-up list when its follow-up falls by the end of the week, missed ones included', () => {
    const week = weekOf('2026-03-18');
    expect(dueForFollowUp({ status: 'PENDING', followUpDate: '2026-03-22' }, week)).toBe(true);
    expect(dueForFollowUp({ status: 'PENDING', followUpDate: '2026-03-09' }, week)).toBe(true);
    expect(dueForFollowUp({ status: 'PENDING', followUpDate: '2026-03-23' }, week)).toBe(false);
    expect(dueForFollowUp({ status: 'KEPT', followUpDate: '2026-03-18' }, week)).toBe(false);
    expect(dueForFollowUp({ status: 'BROKEN', followUpDate: '2026-03-18' }, week)).toBe(false);
  });

  it('R-COL-I1 a collection call is the follow-up: the next one a week later, never after the promised date', () => {
    expect(followUpAfterCall({ promisedDate: '2026-04-30', followUpDate: '2026-03-18' }, '2026-03-18', 7)).toBe('2026-03-25');
    expect(followUpAfterCall({ promisedDate: '2026-03-20', followUpDate: '2026-03-18' }, '2026-03-18', 7)).toBe('2026-03-20');
    expect(followUpAfterCall({ promisedDate: '2026-03-20', followUpDate: '2026-03-20' }, '2026-03-21', 7)).toBe('2026-03-20');
    // an early extra call never pulls the follow-up back
    expect(followUpAfterCall({ promisedDate: '2026-04-30', followUpDate: '2026-03-30' }, '2026-03-18', 7)).toBe('2026-03-30');
  });

  it('channels, outcomes and notes are validated (BAD_USER_INPUT)', () => {
    expect(validChannel('WHATSAPP')).toBe('WHATSAPP');
    expect(() => validChannel('FAX')).toThrow(DomainError);
    expect(validOutcome('NO_ANSWER')).toBe('NO_ANSWER');
    expect(() => validOutcome('MAYBE')).toThrow(DomainError);
    expect(validNote('  ')).toBeNull();
    expect(() => validNote('x'.repeat(501))).toThrow(DomainError);
  });

  it('the claims queue key puts urgent claims first, then the oldest', () => {
    const old = new Date('2026-03-01T10:00:00Z');
    const recent = new Date('2026-03-10T10:00:00Z');
    const keys = [queueKeyOf(false, old), queueKeyOf(true, recent), queueKeyOf(false, recent), queueKeyOf(true, old)].sort();
    expect(keys).toEqual([queueKeyOf(true, old), queueKeyOf(true, recent), queueKeyOf(false, old), queueKeyOf(false, recent)]);
  });
});
