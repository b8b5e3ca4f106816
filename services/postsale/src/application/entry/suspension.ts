import type { PostSaleRequestDoc } from '../../store/request.model';
import type { EntryContext } from './context';
import { decideSuspension } from '../../domain/suspension';
import { planOn } from '../../domain/effective';
import { subscriptionChangedEvent } from '../events';
import { change } from '../product-steps';
import { NO_HOLD } from '../product-hold';

/** A temporary suspension: the product is SUSPENDED from the start date, billing follows. */
export async function enterSuspension({ deps, principal, req, p, done, today, now, tenant, by, entry }: EntryContext): Promise<PostSaleRequestDoc | void> {
  const d = req.details;
  const tenantId = req.tenantId;
  const s = done
    ? d.suspension!
    : decideSuspension(p, d.suspension!, {
        today,
        standing: await deps.standing.standingOf(tenantId, req.customerId),
        perYear: tenant.policy.suspensionsPerProductPerYear,
        maxMonths: tenant.policy.maxSuspensionMonths,
      });
  const suspension = { requestId: req._id, ...s };
  // `suspension` is the one in force or next; one already there (in force, or sooner) stays it.
  const kept = p.suspension && p.suspension.endDate >= today && p.suspension.startDate <= s.startDate ? p.suspension : suspension;
  entry.product = {
    update: {
      $set: { status: 'SUSPENDED', suspension: kept, ...NO_HOLD },
      $push: {
        suspensions: suspension,
        history: { from: p.status, to: 'SUSPENDED', by, at: now, note: `${s.startDate} to ${s.endDate}` },
        changes: change({
          kind: 'SUSPENDED',
          from: p.status,
          to: 'SUSPENDED',
          effectiveDate: s.startDate,
          requestId: req._id,
          by,
          at: now,
          note: `until ${s.endDate}`,
        }),
      },
    },
    // Billing from the start date at the plan in force that day (a plan change dated later is not yet).
    events: (after) => [subscriptionChangedEvent(principal, { ...after, ...planOn(after, s.startDate) }, 'SUSPENDED', s.startDate)],
  };
}
