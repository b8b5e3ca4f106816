import { authorize, newEnvelope, businessNow } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { decideOutcome, decideScheduleManager } from '../../domain/visit';
import { visitData } from '../../events/snapshots';

export const recordVisitOutcome =
  ({ visits, employees }: ResolverDeps): MutationResolvers['recordVisitOutcome'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'recordVisitOutcome', principal);
    const current = await visits.get(principal.tenantId, input.visitId);
    decideScheduleManager(principal, await employees.get(principal.tenantId, current.executiveId));
    const now = businessNow(principal.tenantId);
    const outcome = decideOutcome(current, input.outcome, now);
    const done = { ...current, status: 'DONE' as const, outcome };
    const event = newEnvelope('customers', principal, { type: 'customers.VisitCompleted', subject: current._id, data: visitData(done) });
    const entry = { from: current.status, to: 'DONE', by: principal.userId, at: now, note: null };
    return { visit: await visits.change(current, { $set: { status: 'DONE', outcome }, $push: { history: entry } }, [event]) };
  };
