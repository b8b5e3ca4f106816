import { jobKeyAt, jobRunId, periodToBill } from '../src/domain/schedule';

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
});
