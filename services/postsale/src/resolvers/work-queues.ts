import { plusHours, workQueuePage, workQueueSummaries, type WorkQueueSpec } from '@vinculo/common';
import type { MeResolvers, QueryResolvers } from '../__generated__/resolvers-types';
import type { PostSaleRequestDoc } from '../store/request.model';
import type { ResolverDeps } from './deps';
import { policy } from '../policy';

type Ctx = { principal: { tenantId: string } };
const OPEN = ['RECEIVED', 'WAITING_CUSTOMER', 'IN_FIELD', 'AWAITING_ANSWER', 'QC_PENDING'];
const DAY_HOURS = 24;

/**
 * The post-sale queues (issue #15) and what "due" means in each:
 * - postSaleRequests (the bandeja, its own resolver, readable by all staff; the overview shows it to the
 *   roles that work it): an open request is due within the tenant's timeliness hours (R-PS-KPI,
 *   default 24 h) of its reception — the order it already had;
 * - withdrawalsAwaitingEquipment: a WITHDRAWAL IN_FIELD waits for its equipment retrieval work order
 *   (R-PS-H4); due the tenant's work-order deadline (A7, default 5 days) after it was entered.
 */
export function postSaleQueues(deps: ResolverDeps) {
  const hoursOf = async (tenantId: string) => (await deps.tenantPolicy.policyFor(tenantId)).policy;
  const postSaleRequests: WorkQueueSpec<PostSaleRequestDoc> = {
    name: 'postSaleRequests',
    roles: policy.workPostSaleRequests,
    model: deps.requests,
    sortField: 'receivedAt',
    base: (tenantId) => ({ tenantId, status: { $in: OPEN } }),
    dueAt: async (r, tenantId) => plusHours(r.receivedAt, (await hoursOf(tenantId)).kpi.postSaleTimelinessHours),
  };
  const withdrawalsAwaitingEquipment: WorkQueueSpec<PostSaleRequestDoc> = {
    name: 'withdrawalsAwaitingEquipment',
    roles: policy.readWithdrawalEquipmentQueue,
    model: deps.requests,
    sortField: 'enteredAt',
    base: (tenantId) => ({ tenantId, type: 'WITHDRAWAL', status: 'IN_FIELD' }),
    dueAt: async (r, tenantId) => (r.enteredAt ? plusHours(r.enteredAt, (await hoursOf(tenantId)).workOrderDeadlineDays * DAY_HOURS) : null),
  };
  return { postSaleRequests, withdrawalsAwaitingEquipment };
}

export const workQueueQueries = (deps: ResolverDeps): Required<Pick<QueryResolvers, 'withdrawalsAwaitingEquipment'>> => {
  const q = postSaleQueues(deps);
  return {
    withdrawalsAwaitingEquipment: (_p, { filter, first, after }, ctx) => {
      const f: Record<string, unknown> = {};
      if (filter?.customerId) f.customerId = filter.customerId;
      if (filter?.assigneeId) f.assigneeId = filter.assigneeId;
      return workQueuePage(q.withdrawalsAwaitingEquipment, ctx.principal, f, { first, after });
    },
  };
};

/** The caller's post-sale queues with their counts and first due time (Me, federated from customers). */
export const Me = (deps: ResolverDeps): MeResolvers => {
  const q = postSaleQueues(deps);
  return {
    __resolveReference: (ref) => ({ userId: ref.userId }),
    postSaleQueues: (me, _args, ctx) => workQueueSummaries([q.postSaleRequests, q.withdrawalsAwaitingEquipment], ctx.principal, me.userId),
  };
};

/** dueAt of a request: the withdrawal's retrieval deadline while IN_FIELD, else the bandeja's; null once closed. */
export const dueAtResolvers = (deps: ResolverDeps) => {
  const q = postSaleQueues(deps);
  return {
    PostSaleRequest: {
      dueAt: (r: PostSaleRequestDoc, _a: unknown, ctx: Ctx) => {
        if (!OPEN.includes(r.status)) return null;
        const spec = r.type === 'WITHDRAWAL' && r.status === 'IN_FIELD' ? q.withdrawalsAwaitingEquipment : q.postSaleRequests;
        return spec.dueAt(r, ctx.principal.tenantId);
      },
    },
  };
};
