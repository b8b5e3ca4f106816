import { workQueueSummaries } from '@vinculo/common';
import type { MeResolvers } from '../__generated__/resolvers-types';
import type { SalesQueues } from '../application/work-queues';

/** The caller's sales queues with their counts and first due time (Me, federated from customers). */
export const Me = (q: SalesQueues): MeResolvers => ({
  __resolveReference: (ref) => ({ userId: ref.userId }),
  salesQueues: (me, _args, ctx) => workQueueSummaries([q.digitalSaleCallbacks, q.salesOrdersAwaitingCompletionCall], ctx.principal, me.userId),
});
