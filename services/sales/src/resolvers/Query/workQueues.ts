import { authorize, workQueuePage } from '@vinculo/common';
import type { QueryResolvers } from '../../__generated__/resolvers-types';
import type { SalesQueues } from '../../application/work-queues';
import { REQUIRED_DOCUMENTS } from '../../domain/sales-order';
import { policy } from '../../policy';
import type { ResolverDeps } from '../deps';

/** The sales work queues (the queue's roles are checked by the kit's page) and the requirements known in advance. */
export const workQueueQueries = (
  deps: ResolverDeps,
  q: SalesQueues,
): Required<Pick<QueryResolvers, 'digitalSaleCallbacks' | 'salesOrdersAwaitingCompletionCall' | 'saleRequirements'>> => ({
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
    return {
      customerKind: customer.kind,
      documents: [...(REQUIRED_DOCUMENTS[customer.kind] ?? REQUIRED_DOCUMENTS.PERSON!)],
      checkedBy: ['acceptCommercialOffer', 'enterSalesOrder'],
    };
  },
});
