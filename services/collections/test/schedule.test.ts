import { jobKeyAt, jobRunId, MAX_CATCH_UP_PERIODS, periodsToBill, periodToBill } from '../src/domain/schedule';

const LA_PAZ = 'America/La_Paz'; // UTC−4

describe('scheduled jobs: which period, is it due', () => {
  it('the billing run bills the month that has just closed in the tenant time zone', () => {
    // 1 April 03:30 UTC is still 31 March 23:30 in La Paz: February is the last closed month.
    expect(periodToBill(new Date('2026-04-01T03:30:00Z'), LA_PAZ)).toBe('2026-02');
    expect(periodToBill(new Date('2026-04-01T04:00:00Z'), LA_PAZ)).toBe('2026-03');
    expect(periodToBill(new Date('2026-04-30T23:59:00Z'), 'UTC')).toBe('2026-03');
    expect(periodToBill(new Date('2027-01-01T12:00:00Z'), LA_PAZ)).toBe('2026-12');
  });

  it('evaluations run once per tenant calendar day; the billing run once per closed period', () => {
    expect(jobKeyAt('standings', new Date('2026-04-01T03:30:00Z'), LA_PAZ)).toBe('2026-03-31');
    expect(jobKeyAt('promises', new Date('2026-04-01T04:30:00Z'), LA_PAZ)).toBe('2026-04-01');
    // All of April bills March once: the same key (run record) every day of the month.
    expect(jobKeyAt('billing-run', new Date('2026-04-02T12:00:00Z'), LA_PAZ)).toBe('2026-03');
    expect(jobKeyAt('billing-run', new Date('2026-05-01T03:59:00Z'), LA_PAZ)).toBe('2026-03');
    expect(jobKeyAt('billing-run', new Date('2026-05-01T04:00:00Z'), LA_PAZ)).toBe('2026-04');
    expect(jobRunId('t1', 'billing-run', '2026-03')).not.toBe(jobRunId('t2', 'billing-run', '2026-03'));
    expect(jobRunId('t1', 'billing-run', '2026-03')).not.toBe(jobRunId('t1', 'standings', '2026-03'));
  });

  it('R-COL-BILL1 a clock passing several month ends bills each closed month once: since the last billed, else since the first account opened', () => {
    const now = new Date('2026-07-10T12:00:00Z');
    // Billed up to March: April, May and June are due, oldest first.
    expect(periodsToBill(now, LA_PAZ, { lastBilled: '2026-03', firstOpened: null })).toEqual(['2026-04', '2026-05', '2026-06']);
    // Up to date: only June (its run record makes the job skip it).
    expect(periodsToBill(now, LA_PAZ, { lastBilled: '2026-06', firstOpened: null })).toEqual([]);
    // Never billed: from the month the first account opened (tenant time zone: 1 May 02:00 UTC is still 30 April).
    expect(periodsToBill(now, LA_PAZ, { lastBilled: null, firstOpened: new Date('2026-05-01T02:00:00Z') })).toEqual(['2026-04', '2026-05', '2026-06']);
    // Nothing known: the month that has just closed.
    expect(periodsToBill(now, LA_PAZ, { lastBilled: null, firstOpened: null })).toEqual(['2026-06']);
    // An account opened this month has no closed month yet.
    expect(periodsToBill(now, LA_PAZ, { lastBilled: null, firstOpened: new Date('2026-07-02T12:00:00Z') })).toEqual([]);
    // Across a year end, and capped to the last MAX_CATCH_UP_PERIODS months.
    expect(periodsToBill(new Date('2027-02-15T12:00:00Z'), LA_PAZ, { lastBilled: '2026-11', firstOpened: null })).toEqual(['2026-12', '2027-01']);
    const capped = periodsToBill(now, LA_PAZ, { lastBilled: '2020-01', firstOpened: null });
    expect(capped).toHaveLength(MAX_CATCH_UP_PERIODS);
    expect([capped[0], capped.at(-1)]).toEqual(['2025-07', '2026-06']);
  });
});
