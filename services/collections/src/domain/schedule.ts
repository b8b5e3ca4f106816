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

const previous = ({ year, month }: { year: number; month: number }) => (month === 1 ? { year: year - 1, month: 12 } : { year, month: month - 1 });
const next = ({ year, month }: { year: number; month: number }) => (month === 12 ? { year: year + 1, month: 1 } : { year, month: month + 1 });

/** The most closed months one billing run catches up on (a tenant's clock advanced a year at once, a long outage). */
export const MAX_CATCH_UP_PERIODS = 12;

/**
 * The periods the monthly billing run bills at `now`, oldest first: every month that closed since the
 * last one it billed (`lastBilled`), else since the month the tenant's first account opened
 * (`firstOpened`), else just the month that has just closed — so a clock advanced over several months
 * bills each of them, once (at most the last MAX_CATCH_UP_PERIODS).
 */
export function periodsToBill(now: Date, timeZone: string, since: { lastBilled: string | null; firstOpened: Date | null }): string[] {
  const last = parsePeriod(periodToBill(now, timeZone));
  let from = since.lastBilled
    ? next(parsePeriod(since.lastBilled))
    : since.firstOpened
      ? parsePeriod(calendarDate(since.firstOpened, timeZone).slice(0, 7))
      : last;
  let earliest = last;
  for (let i = 1; i < MAX_CATCH_UP_PERIODS; i++) earliest = previous(earliest);
  if (periodKey(from) < periodKey(earliest)) from = earliest;
  const periods: string[] = [];
  for (let p = from; periodKey(p) <= periodKey(last); p = next(p)) periods.push(periodKey(p));
  return periods;
}
