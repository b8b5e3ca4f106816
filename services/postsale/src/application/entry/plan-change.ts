import type { PostSaleRequestDoc } from '../../store/request.model';
import type { EntryContext } from './context';
import { decidePlanChange } from '../../domain/product-changes';
import { subscriptionChangedEvent } from '../events';
import { change } from '../product-steps';
import { NO_HOLD } from '../product-hold';

/** A plan change (002 B): the plan and fee from the catalog as it is at entry, effective today or on the date asked. */
export async function enterPlanChange({ deps, principal, req, inForce, done, today, now, by, entry }: EntryContext): Promise<PostSaleRequestDoc | void> {
  const d = req.details;
  const tenantId = req.tenantId;
  const pc = d.planChange!;
  // 002 B: plan and fee from the catalog as it is at entry (a price changed since reception applies).
  const decided = done
    ? { planCode: pc.planCode, monthlyFeeMinor: pc.monthlyFeeMinor, direction: pc.direction }
    : decidePlanChange({ ...inForce, currency: req.currency }, { planCode: pc.planCode, plan: await deps.catalog.planOf(tenantId, pc.planCode) });
  const effectiveDate = done?.effectiveDate ?? (pc.effectiveDate && pc.effectiveDate > today ? pc.effectiveDate : today);
  Object.assign(entry.set, {
    'details.planChange.effectiveDate': effectiveDate,
    'details.planChange.monthlyFeeMinor': decided.monthlyFeeMinor,
    'details.planChange.direction': decided.direction,
  });
  entry.product = {
    update: {
      $set: { planCode: decided.planCode, monthlyFeeMinor: decided.monthlyFeeMinor, ...NO_HOLD },
      $push: {
        changes: change({
          kind: 'PLAN_CHANGED',
          from: inForce.planCode,
          to: decided.planCode,
          effectiveDate,
          requestId: req._id,
          by,
          at: now,
          note: decided.direction,
          fromFeeMinor: inForce.monthlyFeeMinor,
          toFeeMinor: decided.monthlyFeeMinor,
        }),
      },
    },
    events: (after) => [subscriptionChangedEvent(principal, after, 'PLAN_CHANGED', effectiveDate)],
  };
}
