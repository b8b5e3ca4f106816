import { byIdLoader, childConnection, findByIds, findOneById, type PageArgs, paginate, type Principal, type RequestContext } from '@vinculo/common';
import type { SalesOrderDoc, SalesOrderModel } from './sales-order.model';

/** Sales orders as stored: reads for resolvers and use cases, and the one creation write (state changes go through runCommand). */
export function salesOrderRepository(model: SalesOrderModel) {
  return {
    model,
    /** An order of the caller's tenant by id, batched per request. */
    load: (ctx: RequestContext, id: string): Promise<SalesOrderDoc | null> => byIdLoader(model, 'salesOrderById')(ctx, id),
    find: (tenantId: string, id: string): Promise<SalesOrderDoc | null> => findOneById(model, tenantId, id),
    /** By business number (already parsed); null when unknown in the tenant. */
    byNumber: (tenantId: string, number: string): Promise<SalesOrderDoc | null> => model.findOne({ number, tenantId }).lean<SalesOrderDoc>().exec(),
    exists: async (tenantId: string, id: string): Promise<boolean> => !!(await model.exists({ _id: id, tenantId })),
    /** Write a new order (with its outbox); a duplicate _id or number throws the store's duplicate key. */
    create: async (doc: SalesOrderDoc): Promise<SalesOrderDoc> => (await model.create(doc)).toObject(),
    /** Entry quality control's queue: ENTERED or RETURNED, the first placed first. */
    toCheck: (principal: Principal, args: PageArgs) =>
      paginate<SalesOrderDoc>(model, { tenantId: principal.tenantId, status: { $in: ['ENTERED', 'RETURNED'] } }, args, principal, {
        field: 'placedAt',
        descending: false,
      }),
    ofCustomer: (ctx: RequestContext, customerId: string, args: PageArgs) =>
      childConnection<SalesOrderDoc>(ctx, { name: 'Customer.salesOrders', model, parentField: 'customerId', sortField: 'placedAt' }, customerId, args),
    /** Only the entry checks of these orders (R-DIG-KPI: a reworked entry is not efficient). */
    entryChecksOf: (tenantId: string, ids: readonly string[]) => findByIds(model, tenantId, ids, { entryChecks: 1 }),
  };
}
export type SalesOrderRepository = ReturnType<typeof salesOrderRepository>;
