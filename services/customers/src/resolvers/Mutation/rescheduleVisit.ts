import { authorize, badInput, newEnvelope, businessNow } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { decideScheduleManager, decideVisitMove, requireVisitor, validVisitTime } from '../../domain/visit';
import { optionalText } from '../../domain/text';
import { visitData } from '../../events/snapshots';

export const rescheduleVisit =
  ({ visits, agenda, employees, tenants }: ResolverDeps): MutationResolvers['rescheduleVisit'] =>
  async (_parent, { input }, ctx) => {
    const { principal } = ctx;
    authorize(policy, 'scheduleVisit', principal);
    const tenantId = principal.tenantId;
    const note = optionalText(input.note, 'note', 1, 500);
    const current = await visits.get(tenantId, input.visitId);
    const executive = await employees.get(tenantId, current.executiveId);
    decideScheduleManager(principal, executive);
    decideVisitMove(current.status, 'RESCHEDULED');
    requireVisitor(executive);
    const { timeZone } = await tenants.current(ctx);
    const { startsAt, endsAt } = input;
    const day = validVisitTime({ startsAt, endsAt }, timeZone);
    if (+startsAt === +current.startsAt && +endsAt === +current.endsAt) throw badInput('the visit is already at that time', 'startsAt');

    const now = businessNow(tenantId);
    await agenda.reserve(tenantId, current.executiveId, day, { visitId: current._id, startsAt, endsAt, reservedAt: now });
    const moved = { ...current, startsAt, endsAt };
    const entry = { from: 'SCHEDULED', to: 'SCHEDULED', by: principal.userId, at: now, note: `rescheduled to ${startsAt.toISOString()}–${endsAt.toISOString()}${note ? `: ${note}` : ''}` };
    const event = newEnvelope('customers', principal, { type: 'customers.VisitRescheduled', subject: current._id, data: visitData(moved, note) });
    let updated;
    try {
      updated = await visits.change(current, { $set: { startsAt, endsAt, day }, $push: { history: entry } }, [event]);
    } catch (err) {
      await agenda.release(tenantId, current.executiveId, day, current._id, day === current.day ? current : null);
      throw err;
    }
    // The old time is free now (a crash before this line leaves a slot that no longer holds).
    await agenda.release(tenantId, current.executiveId, current.day, current._id, day === current.day ? { startsAt, endsAt } : null);
    return { visit: updated };
  };
