import { addDays, businessNow, localDay, type JobClock, type Principal } from '@vinculo/common';
import type { PostSaleDeps } from './deps';
import type { InstalledProductDoc } from '../store/installed-product.model';
import { suspensionExpired } from '../domain/suspension';
import { subscriptionChangedEvent, systemActor } from './events';
import { planOn } from '../domain/effective';
import { applyProductStep, change } from './product-steps';

/**
 * Automatic reactivation: every SUSPENDED product of a tenant whose suspension ended before the local
 * day of `asOf` is ACTIVE again from the day after its end date (SubscriptionChanged RECONNECTED).
 * Keyed by the suspension's request, versioned: safe to run twice or in two replicas at once.
 */
export async function reactivateExpired(deps: PostSaleDeps, tenantId: string, asOf: Date): Promise<InstalledProductDoc[]> {
  const { timeZone } = await deps.tenantPolicy.policyFor(tenantId);
  const today = localDay(asOf, timeZone);
  const due = await deps.products.find({ tenantId, status: 'SUSPENDED', 'suspension.endDate': { $lt: today } }).lean<InstalledProductDoc[]>();
  const done: InstalledProductDoc[] = [];
  const who = systemActor(tenantId);
  for (const p of due) {
    if (!p.suspension || !suspensionExpired(p.suspension.endDate, today)) continue;
    const from = addDays(p.suspension.endDate, 1);
    try {
      done.push(
        await applyProductStep(
          deps.products,
          p,
          `${p.suspension.requestId}:expired`,
          {
            $set: { status: 'ACTIVE', suspension: null },
            $push: {
              history: { from: 'SUSPENDED', to: 'ACTIVE', by: 'system', at: asOf, note: `suspension ended ${p.suspension.endDate}` },
              changes: change({
                kind: 'RECONNECTED',
                from: 'SUSPENDED',
                to: 'ACTIVE',
                effectiveDate: from,
                requestId: p.suspension.requestId,
                by: 'system',
                at: asOf,
                note: 'automatic reactivation',
              }),
            },
          },
          [subscriptionChangedEvent(who, { ...p, ...planOn(p, from) }, 'RECONNECTED', from)],
        ),
      );
    } catch {
      // Changed meanwhile (a reconnection, another replica): the next run looks again.
    }
  }
  if (done.length) deps.published();
  return done;
}

/** The ADMIN mutation behind the same sweep ("run now"), at the tenant's business now. */
export async function reactivateExpiredAsAdmin(deps: PostSaleDeps, principal: Principal): Promise<InstalledProductDoc[]> {
  return reactivateExpired(deps, principal.tenantId, businessNow(principal.tenantId));
}

/**
 * The scheduled job: every tenant with a suspended product (or the one whose clock was just advanced),
 * each at its own business now; the local day is decided per tenant.
 */
export async function reactivationJob(deps: PostSaleDeps, clock: JobClock): Promise<void> {
  const tenants = clock.tenantId ? [clock.tenantId] : ((await deps.products.distinct('tenantId', { status: 'SUSPENDED' })) as string[]);
  for (const tenantId of tenants.sort()) await reactivateExpired(deps, tenantId, clock.now(tenantId));
}
