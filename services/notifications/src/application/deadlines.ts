import { localDay, type JobClock } from '@vinculo/common';
import { deadlineAlertsDue, PROPOSAL_NEAR_DAYS } from '../domain/deadlines';
import type { DeadlineDoc, DeadlineModel } from '../store/deadline.model';
import { dispatch, type DispatchDeps } from './dispatch';

/**
 * The deadline sweep (scheduled job): promises due today or earlier and proposals whose delivery date
 * is near, each alerted once per deadline and date (deterministic ids, `alerts` recorded).
 */
export function deadlineAlerts(deps: DispatchDeps & { deadlines: DeadlineModel; timeZoneOf: (tenantId: string) => Promise<string> }) {
  return {
    name: 'deadline-alerts',
    async run(clock: JobClock) {
      const tenants = clock.tenantId ? [clock.tenantId] : ((await deps.deadlines.distinct('tenantId', { open: true })) as string[]);
      for (const tenantId of tenants) {
        const now = clock.now(tenantId);
        const today = localDay(now, await deps.timeZoneOf(tenantId));
        // Proposals are alerted a few days ahead; the query takes the widest window, the rule decides.
        const horizon = new Date(Date.parse(`${today}T00:00:00Z`) + PROPOSAL_NEAR_DAYS * 86_400_000).toISOString().slice(0, 10);
        const open = await deps.deadlines.find({ tenantId, open: true, dueDay: { $lte: horizon } }).lean<DeadlineDoc[]>();
        for (const d of open) {
          for (const alert of deadlineAlertsDue(d, today)) {
            if (d.alerts.includes(alert.id)) continue;
            await dispatch(deps, { id: alert.id, tenantId, type: alert.type, time: now.toISOString(), actorId: null, data: d.data });
            await deps.deadlines.updateOne({ _id: d._id, tenantId }, { $addToSet: { alerts: alert.id } });
          }
        }
      }
    },
  };
}
