import { authorize, newEnvelope, notFound, businessNow } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { VisitDoc } from '../../store/visit.model';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { decideScheduleManager, requireVisitor, validVisitDetails, validVisitTime } from '../../domain/visit';
import { validId } from '../../domain/text';
import { visitData } from '../../events/snapshots';

export const scheduleVisit =
  ({ visits, agenda, employees, customers, tenants }: ResolverDeps): MutationResolvers['scheduleVisit'] =>
  async (_parent, { input }, ctx) => {
    const { principal } = ctx;
    authorize(policy, 'scheduleVisit', principal);
    const tenantId = principal.tenantId;
    const executiveId = validId(input.executiveId ?? principal.userId, 'executiveId');
    const details = validVisitDetails(input);
    const { timeZone } = await tenants.current(ctx);
    const { startsAt, endsAt } = input;
    const day = validVisitTime({ startsAt, endsAt }, timeZone);
    const executive = await employees.find(tenantId, executiveId);
    if (!executive) throw notFound('Employee', executiveId);
    decideScheduleManager(principal, executive);
    requireVisitor(executive);
    if (details.customerId) await customers.get(tenantId, details.customerId);

    const id = visits.newId();
    const now = businessNow(tenantId);
    // Book the time first: of two overlapping bookings only one gets past this line.
    await agenda.reserve(tenantId, executiveId, day, { visitId: id, startsAt, endsAt, reservedAt: now });
    const doc: Omit<VisitDoc, 'createdAt' | 'updatedAt' | 'version' | 'outbox'> = {
      _id: id,
      tenantId,
      executiveId,
      startsAt,
      endsAt,
      day,
      ...details,
      outcome: null,
      status: 'SCHEDULED',
      history: [{ from: null, to: 'SCHEDULED', by: principal.userId, at: now, note: null }],
      scheduledBy: principal.userId,
    };
    const event = newEnvelope('customers', principal, { type: 'customers.VisitScheduled', subject: id, data: visitData(doc) });
    try {
      return { visit: await visits.insert(doc, [event]) };
    } catch (err) {
      await agenda.release(tenantId, executiveId, day, id);
      throw err;
    }
  };
