import { SYSTEM_ACTOR, type ScheduledJob } from '@vinculo/common';
import type { ResolverDeps } from '../resolvers/deps';
import type { JobRunModel } from '../store/job-run.model';
import { jobKeyAt, jobRunId, periodToBill, type CollectionsJob } from '../domain/schedule';
import { runBillingPeriod } from './billing-run';
import { evaluateStandings } from './standings';
import { evaluatePromises } from './promises';
import { completeOrphanedPayments } from './payments';

type JobStores = ResolverDeps & { jobRuns: JobRunModel };

/**
 * The scheduled jobs (every JOBS_INTERVAL_MS; off in tests, which drive the same code through the admin
 * mutations with an explicit asOf). For every tenant with billing accounts, each job runs once per key
 * (closed period / tenant day) and is marked done afterwards; the work itself is idempotent (deterministic
 * invoice ids, versioned ledger writes), so a crash or two replicas at once only repeat harmless work.
 */
export function collectionsJobs(stores: JobStores): ScheduledJob[] {
  const job = (name: CollectionsJob, work: (tenantId: string, now: Date) => Promise<unknown>): ScheduledJob => ({
    name: `collections.${name}`,
    run: async (now) => {
      const tenants = (await stores.accounts.distinct('tenantId')) as string[];
      const failures: unknown[] = [];
      for (const tenantId of tenants.sort()) {
        // One tenant's failure never holds back the others; it is retried at the next tick.
        try {
          const { timeZone } = await stores.tenantPolicy.policyFor(tenantId);
          const key = jobKeyAt(name, now, timeZone);
          const id = jobRunId(tenantId, name, key);
          if (await stores.jobRuns.exists({ _id: id })) continue;
          await work(tenantId, now);
          await stores.jobRuns.updateOne({ _id: id }, { $setOnInsert: { tenantId, job: name, key, doneAt: now } }, { upsert: true });
          stores.published();
        } catch (err) {
          failures.push(err);
        }
      }
      if (failures.length) throw new AggregateError(failures, `${name}: ${failures.length} tenant(s) failed`);
    },
  });
  const system = (tenantId: string) => ({ tenantId, actor: SYSTEM_ACTOR });
  return [
    job('billing-run', async (tenantId, now) => {
      const { timeZone } = await stores.tenantPolicy.policyFor(tenantId);
      return runBillingPeriod(stores, system(tenantId), periodToBill(now, timeZone), now);
    }),
    job('standings', async (tenantId, now) => {
      // A payment a crash left unapplied counts before the standing is evaluated.
      await completeOrphanedPayments(stores, system(tenantId), now);
      return evaluateStandings(stores, system(tenantId), now);
    }),
    job('promises', (tenantId, now) => evaluatePromises(stores, system(tenantId), now)),
  ];
}
