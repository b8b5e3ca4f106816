import { authorize, plusHours, workQueuePage, workQueueSummaries, type WorkQueueSpec } from '@vinculo/common';
import type { MeResolvers, QueryResolvers } from '../__generated__/resolvers-types';
import type { ResolverDeps } from './deps';
import type { DigitalSaleDoc } from '../store/digital-sale.model';
import type { SalesOrderDoc } from '../store/sales-order.model';
import { policy } from '../policy';
import { REQUIRED_DOCUMENTS } from '../domain/sales-order';

type Ctx = { principal: { tenantId: string } };

/**
 * Work queues (issue #15): what is pending, for the role that does it, first due first (then id) — the
 * due time of each queue is in domain/work-queues.ts. Cursor connections over the owning collection.
 */
export function salesQueues(deps: ResolverDeps) {
  // §2 step 1.2: a lost call (no customer identified yet) waits for the agent's callback.
  const digitalSaleCallbacks: WorkQueueSpec<DigitalSaleDoc> = {
    name: 'digitalSaleCallbacks',
    roles: policy.readDigitalQueue,
    model: deps.digital,
    sortField: 'receivedAt',
    base: (tenantId) => ({ tenantId, status: 'CALLBACK_PENDING' }),
    dueAt: (d) => d.receivedAt,
  };
  // A8 / R-DIG-3: INSTALLED orders wait for their completion call (the executive's quality-control call,
  // or the digital agent's satisfaction call for a digital sale's order: filter by origin).
  const salesOrdersAwaitingCompletionCall: WorkQueueSpec<SalesOrderDoc> = {
    name: 'salesOrdersAwaitingCompletionCall',
    roles: policy.readCompletionCallQueue,
    model: deps.orders,
    sortField: 'installedAt',
    base: (tenantId) => ({ tenantId, status: 'INSTALLED' }),
    dueAt: async (o, tenantId) => (o.installedAt ? plusHours(o.installedAt, (await deps.tenantPolicy.policyFor(tenantId)).policy.kpi.postSaleTimelinessHours) : null),
  };
  return { digitalSaleCallbacks, salesOrdersAwaitingCompletionCall };
}

export const workQueueQueries = (deps: ResolverDeps): Pick<QueryResolvers, 'digitalSaleCallbacks' | 'salesOrdersAwaitingCompletionCall' | 'saleRequirements'> => {
  const q = salesQueues(deps);
  return {
    digitalSaleCallbacks: (_p, { filter, first, after }, ctx) =>
      workQueuePage(q.digitalSaleCallbacks, ctx.principal, filter?.channel ? { channel: filter.channel } : {}, { first, after }),
    salesOrdersAwaitingCompletionCall: (_p, { filter, first, after }, ctx) => {
      const f: Record<string, unknown> = {};
      if (filter?.origin) f.origin = filter.origin;
      if (filter?.customerId) f.customerId = filter.customerId;
      return workQueuePage(q.salesOrdersAwaitingCompletionCall, ctx.principal, f, { first, after });
    },
    // Requirements known in advance: what acceptCommercialOffer and enterSalesOrder check (R-SAL-2), from the same table.
    saleRequirements: async (_p, { customerId }, ctx) => {
      authorize(policy, 'readPipeline', ctx.principal);
      const customer = await deps.directory.require(ctx.principal.tenantId, customerId);
      return { customerKind: customer.kind, documents: [...(REQUIRED_DOCUMENTS[customer.kind] ?? REQUIRED_DOCUMENTS.PERSON!)], checkedBy: ['acceptCommercialOffer', 'enterSalesOrder'] };
    },
  };
};

/** The caller's sales queues with their counts and first due time (Me, federated from customers). */
export const Me = (deps: ResolverDeps): MeResolvers => {
  const q = salesQueues(deps);
  return {
    __resolveReference: (ref) => ({ userId: ref.userId }),
    salesQueues: (me, _args, ctx) => workQueueSummaries([q.digitalSaleCallbacks, q.salesOrdersAwaitingCompletionCall], ctx.principal, me.userId),
  };
};

/** dueAt of the items while they wait (the same functions the overview uses). */
export const dueAtResolvers = (deps: ResolverDeps) => {
  const q = salesQueues(deps);
  return {
    DigitalSaleRequest: { dueAt: (d: DigitalSaleDoc, _a: unknown, ctx: Ctx) => (d.status === 'CALLBACK_PENDING' ? q.digitalSaleCallbacks.dueAt(d, ctx.principal.tenantId) : null) },
    SalesOrder: { dueAt: (o: SalesOrderDoc, _a: unknown, ctx: Ctx) => (o.status === 'INSTALLED' ? q.salesOrdersAwaitingCompletionCall.dueAt(o, ctx.principal.tenantId) : null) },
  };
};
