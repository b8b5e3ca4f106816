import { authorize, newEnvelope, businessNow } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { decideScheduleManager, decideVisitMove } from '../../domain/visit';
import { requiredText } from '../../domain/text';
import { visitData } from '../../events/snapshots';

export const cancelVisit =
  ({ visits, agenda, employees }: ResolverDeps): MutationResolvers['cancelVisit'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'cancelVisit', principal);
    const tenantId = principal.tenantId;
    const reason = requiredText(input.reason, 'reason', 3, 500);
    const current = await visits.get(tenantId, input.visitId);
    decideScheduleManager(principal, await employees.get(tenantId, current.executiveId));
    decideVisitMove(current.status, 'CANCELLED');
    const cancelled = { ...current, status: 'CANCELLED' as const };
    const event = newEnvelope('customers', principal, { type: 'customers.VisitCancelled', subject: current._id, data: visitData(cancelled, reason) });
    const entry = { from: current.status, to: 'CANCELLED', by: principal.userId, at: businessNow(principal.tenantId), note: reason };
    const updated = await visits.change(current, { $set: { status: 'CANCELLED' }, $push: { history: entry } }, [event]);
    await agenda.release(tenantId, current.executiveId, current.day, current._id);
    return { visit: updated };
  };
