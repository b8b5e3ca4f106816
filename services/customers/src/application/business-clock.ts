import { businessClockOffset, decideClockAdvance, newEnvelope, type Principal } from '@vinculo/common';
import type { BusinessClockStore, BusinessClockView } from '../store/business-clock.model';

/**
 * Advance the tenant's business clock (forward only, never in production) with
 * customers.BusinessClockAdvanced in the same write; the caller's next request runs at the new time.
 */
export async function advanceBusinessClock(clock: BusinessClockStore, principal: Principal, to: Date): Promise<BusinessClockView> {
  const tenantId = principal.tenantId;
  const stored = await clock.stored(tenantId);
  const wallNow = new Date();
  const currentOffset = Math.max(stored?.offsetMs ?? 0, businessClockOffset(tenantId));
  const current = new Date(wallNow.getTime() + currentOffset);
  const { offsetMs } = decideClockAdvance({ current, to, wallNow, production: clock.production });
  const event = newEnvelope('customers', principal, {
    type: 'customers.BusinessClockAdvanced',
    subject: tenantId,
    data: { from: current.toISOString(), to: to.toISOString(), offsetMs },
  });
  await clock.moveForward(tenantId, { tenantId, offsetMs, advancedTo: to, advancedAt: wallNow, advancedBy: principal.userId }, [event]);
  return clock.view(tenantId);
}
