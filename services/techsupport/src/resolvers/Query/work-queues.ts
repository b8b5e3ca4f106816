import { plusHours, workQueuePage, workQueueSummaries, type WorkQueueSpec } from '@vinculo/common';
import type { MeResolvers, QueryResolvers } from '../../__generated__/resolvers-types';
import type { DamageTicketDoc } from '../../store/ticket.model';
import type { SupportVisitDoc } from '../../store/visit.model';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { OPEN_TICKET } from '../../domain/ticket';

type Ctx = { principal: { tenantId: string } };

/**
 * Work queues (issue #15): damage tickets by status and assignee (open ones by default: the
 * coordinator's and the analysts' desk, §3 E) and support visits still to schedule (the remote attempt
 * failed, §3 L), first due first, then id. Both are post-sale requests of seed 002: each is due within
 * the tenant's timeliness hours (R-PS-KPI, default 24 h) of its registration (business-clock dates).
 */
export function supportQueues(deps: ResolverDeps) {
  const hours = async (tenantId: string) => (await deps.tenantPolicy.policyFor(tenantId)).policy.kpi.postSaleTimelinessHours;
  const damageTicketQueue: WorkQueueSpec<DamageTicketDoc> = {
    name: 'damageTicketQueue',
    roles: policy.readTicketQueue,
    model: deps.tickets,
    sortField: 'createdAt',
    base: (tenantId) => ({ tenantId, status: { $in: [...OPEN_TICKET] } }),
    dueAt: async (t, tenantId) => plusHours(t.createdAt, await hours(tenantId)),
  };
  const supportVisitsToSchedule: WorkQueueSpec<SupportVisitDoc> = {
    name: 'supportVisitsToSchedule',
    roles: policy.readVisitQueue,
    model: deps.visits,
    sortField: 'createdAt',
    base: (tenantId) => ({ tenantId, status: 'REMOTE_FAILED' }),
    dueAt: async (v, tenantId) => plusHours(v.createdAt, await hours(tenantId)),
  };
  return { damageTicketQueue, supportVisitsToSchedule };
}

export const damageTicketQueue = (deps: ResolverDeps): NonNullable<QueryResolvers['damageTicketQueue']> => {
  const q = supportQueues(deps);
  return (_parent, { filter, first, after }, ctx) => {
    const f: Record<string, unknown> = {};
    if (filter?.status?.length) f.status = { $in: filter.status };
    if (filter?.priority) f.priority = filter.priority;
    if (filter?.service) f.service = filter.service;
    if (filter?.assigneeId) f.assigneeId = filter.assigneeId;
    return workQueuePage(q.damageTicketQueue, ctx.principal, f, { first, after });
  };
};

export const supportVisitsToSchedule = (deps: ResolverDeps): NonNullable<QueryResolvers['supportVisitsToSchedule']> => {
  const q = supportQueues(deps);
  return (_parent, { first, after }, ctx) => workQueuePage(q.supportVisitsToSchedule, ctx.principal, {}, { first, after });
};

/** The caller's technical-support queues with their counts and first due time (Me, federated from customers). */
export const Me = (deps: ResolverDeps): MeResolvers => {
  const q = supportQueues(deps);
  return {
    __resolveReference: (ref) => ({ userId: ref.userId }),
    supportQueues: (me, _args, ctx) => workQueueSummaries([q.damageTicketQueue, q.supportVisitsToSchedule], ctx.principal, me.userId),
  };
};

/** dueAt of the items while they wait (the same functions the overview uses). */
export const dueAtResolvers = (deps: ResolverDeps) => {
  const q = supportQueues(deps);
  return {
    DamageTicket: {
      dueAt: (t: DamageTicketDoc, _a: unknown, ctx: Ctx) => (OPEN_TICKET.includes(t.status) ? q.damageTicketQueue.dueAt(t, ctx.principal.tenantId) : null),
    },
    SupportVisit: {
      dueAt: (v: SupportVisitDoc, _a: unknown, ctx: Ctx) => (v.status === 'REMOTE_FAILED' ? q.supportVisitsToSchedule.dueAt(v, ctx.principal.tenantId) : null),
    },
  };
};
