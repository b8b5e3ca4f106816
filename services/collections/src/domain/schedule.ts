import { calendarDate, parsePeriod, periodKey } from './period';

/** The collections jobs: the monthly billing run, and the daily standing and promise evaluations. */
export type CollectionsJob = 'billing-run' | 'standings' | 'promises';

/**
 * The period the monthly billing run bills at `now`: the calendar month that has just closed in the
 * tenant's time zone (on 1 April local, March), whatever the UTC date is.
 */
export function periodToBill(now: Date, timeZone: string): string {
  const today = calendarDate(now, timeZone);
  const { year, month } = parsePeriod(today.slice(0, 7));
  return periodKey(month === 1 ? { year: year - 1, month: 12 } : { year, month: month - 1 });
}

/**
 * The key of a job's run at `now`: once per closed period for the billing run, once per tenant
 * calendar day for the evaluations (standing and promise dates are whole days).
 */
export function jobKeyAt(job: CollectionsJob, now: Date, timeZone: string): string {
  return job === 'billing-run' ? periodToBill(now, timeZone) : calendarDate(now, timeZone);
}

/** A job's run for a tenant and key is recorded once done: while that record is missing, the job is due. */
export const jobRunId = (tenantId: string, job: CollectionsJob, key: string): string => `${tenantId}|${job}|${key}`;
