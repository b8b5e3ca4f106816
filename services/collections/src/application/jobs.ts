import { SYSTEM_ACTOR, type JobClock, type ScheduledJob } from '@vinculo/common';
import type { ResolverDeps } from '../resolvers/deps';
import type { JobRunModel } from '../store/job-run.model';
import { jobKeyAt, jobRunId, periodsToBill, type CollectionsJob } from '../domain/schedule';
import { runBillingPeriod } from './billing-run';
import { evaluateStandings } from './standings';
import { evaluatePromises } from './promises';
import { completeOrphanedPayments } from './payments';

type JobStores = ResolverDeps & { jobRuns: JobRunModel };

/**
 * The scheduled jobs: every JOBS_INTERVAL_MS for every tenant with billing accounts, and for one tenant as
 * soon as its business clock is advanced; each tenant at its business now (`clock.now`). Each job runs
 * once per key (closed period / tenant day) and is marked done afterwards; the work itself is idempotent
 * (deterministic invoice ids, versioned ledger writes), so a crash or two replicas at once only repeat
 * harmless work. The billing run bills every period that closed since the last one it billed.
 */
export function collectionsJobs(stores: JobStores): ScheduledJob[] {
  const job = (
    name: CollectionsJob,
    keysOf: (tenantId: string, now: Date, timeZone: string) => Promise<string[]>,
    work: (tenantId: string, now: Date, key: string) => Promise<unknown>,
  ): ScheduledJob => ({
    name: `collections.${name}`,
    run: async (clock: JobClock) => {
      // Only tenants with billing accounts: a run marks its keys done, and a tenant with nothing to bill yet has nothing to mark.
      const tenants = clock.tenantId
        ? (await stores.accounts.exists({ tenantId: clock.tenantId }))
          ? [clock.tenantId]
          : []
        : ((await stores.accounts.distinct('tenantId')) as string[]);
      const failures: unknown[] = [];
      for (const tenantId of tenants.sort()) {
        // One tenant's failure never holds back the others; it is retried at the next tick.
        try {
          const now = clock.now(tenantId);
          const { timeZone } = await stores.tenantPolicy.policyFor(tenantId);
          for (const key of await keysOf(tenantId, now, timeZone)) {
            const id = jobRunId(tenantId, name, key);
            if (await stores.jobRuns.exists({ _id: id })) continue;
            await work(tenantId, now, key);
            await stores.jobRuns.updateOne({ _id: id }, { $setOnInsert: { tenantId, job: name, key, doneAt: now } }, { upsert: true });
            stores.published();
          }
        } catch (err) {
          failures.push(err);
        }
      }
      if (failures.length) throw new AggregateError(failures, `${name}: ${failures.length} tenant(s) failed`);
    },
  });
  const system = (tenantId: string) => ({ tenantId, actor: SYSTEM_ACTOR });
  const today = (name: CollectionsJob) => async (_tenantId: string, now: Date, timeZone: string) => [jobKeyAt(name, now, timeZone)];
  const closedPeriods = async (tenantId: string, now: Date, timeZone: string) => {
    const last = await stores.jobRuns.findOne({ tenantId, job: 'billing-run' }, { key: 1 }).sort({ key: -1 }).lean();
    const first = last ? null : await stores.accounts.findOne({ tenantId }, { openedAt: 1 }).sort({ openedAt: 1 }).lean();
    return periodsToBill(now, timeZone, { lastBilled: last?.key ?? null, firstOpened: first?.openedAt ?? null });
  };
  return [
    job('billing-run', closedPeriods, (tenantId, now, period) => runBillingPeriod(stores, system(tenantId), period, now, { collect: false })),
    job('standings', today('standings'), async (tenantId, now) => {
      // A payment a crash left unapplied counts before the standing is evaluated.
      await completeOrphanedPayments(stores, system(tenantId), now);
      return evaluateStandings(stores, system(tenantId), now);
    }),
    job('promises', today('promises'), (tenantId, now) => evaluatePromises(stores, system(tenantId), now)),
  ];
}
