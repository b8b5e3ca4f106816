import { authorize, paginate } from '@vinculo/common';
import type { QueryResolvers } from '../../__generated__/resolvers-types';
import type { DamageTicketDoc } from '../../store/ticket.model';
import type { SupportVisitDoc } from '../../store/visit.model';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';

/**
 * Work queues (issue 15): damage tickets by status (open ones by default: the coordinator's and the
 * analysts' desk, §3 E) and support visits still to schedule (the remote attempt failed, §3 L), oldest
 * first — each is due from the moment it was registered (business-clock dates).
 */
export const damageTicketQueue =
  ({ tickets }: ResolverDeps): QueryResolvers['damageTicketQueue'] =>
  (_parent, { filter, first, after }, ctx) => {
    authorize(policy, 'readTickets', ctx.principal);
    const statuses = filter?.status?.length ? filter.status : ['WITH_COORDINATOR', 'IN_REMOTE_DIAGNOSIS', 'DISPATCHED'];
    const query: Record<string, unknown> = { tenantId: ctx.principal.tenantId, status: { $in: statuses } };
    if (filter?.priority) query.priority = filter.priority;
    if (filter?.service) query.service = filter.service;
    return paginate<DamageTicketDoc>(tickets, query, { first, after }, ctx.principal, { field: 'createdAt', descending: false });
  };

export const supportVisitsToSchedule =
  ({ visits }: ResolverDeps): QueryResolvers['supportVisitsToSchedule'] =>
  (_parent, { first, after }, ctx) => {
    authorize(policy, 'readVisits', ctx.principal);
    return paginate<SupportVisitDoc>(visits, { tenantId: ctx.principal.tenantId, status: 'REMOTE_FAILED' }, { first, after }, ctx.principal, { field: 'createdAt', descending: false });
  };
