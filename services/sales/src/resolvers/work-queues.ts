import { authorize, paginate } from '@vinculo/common';
import type { QueryResolvers } from '../__generated__/resolvers-types';
import type { ResolverDeps } from './deps';
import type { DigitalSaleDoc } from '../store/digital-sale.model';
import type { SalesOrderDoc } from '../store/sales-order.model';
import { policy } from '../policy';
import { REQUIRED_DOCUMENTS } from '../domain/sales-order';

/**
 * Work queues (issue 15): what is pending, for the role that does it, oldest first — each item is due
 * from the moment it started waiting, so the longest wait is the first due (business time: the dates
 * are business-clock dates). Cursor connections over the owning collection, filtered by status.
 */
export const workQueueQueries = (deps: ResolverDeps): Pick<QueryResolvers, 'digitalSaleCallbacks' | 'salesOrdersAwaitingCompletionCall' | 'saleRequirements'> => ({
  // §2 step 1.2: a lost call (no customer identified yet) waits for the agent's callback.
  digitalSaleCallbacks: (_p, { filter, first, after }, ctx) => {
    authorize(policy, 'readDigitalQueue', ctx.principal);
    const query: Record<string, unknown> = { tenantId: ctx.principal.tenantId, status: 'CALLBACK_PENDING' };
    if (filter?.channel) query.channel = filter.channel;
    return paginate<DigitalSaleDoc>(deps.digital, query, { first, after }, ctx.principal, { field: 'receivedAt', descending: false });
  },
  // A8 / R-DIG-3: INSTALLED orders wait for their completion call (the executive's quality-control call,
  // or the digital agent's satisfaction call for a digital sale's order: filter by origin).
  salesOrdersAwaitingCompletionCall: (_p, { filter, first, after }, ctx) => {
    authorize(policy, 'readCompletionCallQueue', ctx.principal);
    const query: Record<string, unknown> = { tenantId: ctx.principal.tenantId, status: 'INSTALLED' };
    if (filter?.origin) query.origin = filter.origin;
    if (filter?.customerId) query.customerId = filter.customerId;
    return paginate<SalesOrderDoc>(deps.orders, query, { first, after }, ctx.principal, { field: 'placedAt', descending: false });
  },
  // Requirements known in advance: what acceptCommercialOffer and enterSalesOrder check (R-SAL-2), from the same table.
  saleRequirements: async (_p, { customerId }, ctx) => {
    authorize(policy, 'readPipeline', ctx.principal);
    const customer = await deps.directory.require(ctx.principal.tenantId, customerId);
    return { customerKind: customer.kind, documents: [...(REQUIRED_DOCUMENTS[customer.kind] ?? REQUIRED_DOCUMENTS.PERSON!)], checkedBy: ['acceptCommercialOffer', 'enterSalesOrder'] };
  },
});
