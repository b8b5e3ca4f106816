import { byIdLoader, childConnection, findOneById, type PageArgs, type RequestContext } from '@vinculo/common';
import type { DigitalSaleDoc, DigitalSaleModel } from './digital-sale.model';

/** Digital sale requests as stored: reads for resolvers and use cases, and the creation write. */
export function digitalSaleRepository(model: DigitalSaleModel) {
  return {
    model,
    /** A request of the caller's tenant by id, batched per request. */
    load: (ctx: RequestContext, id: string): Promise<DigitalSaleDoc | null> => byIdLoader(model, 'digitalSaleById')(ctx, id),
    find: (tenantId: string, id: string): Promise<DigitalSaleDoc | null> => findOneById(model, tenantId, id),
    create: async (doc: DigitalSaleDoc): Promise<DigitalSaleDoc> => (await model.create(doc)).toObject(),
    ofCustomer: (ctx: RequestContext, customerId: string, args: PageArgs) =>
      childConnection<DigitalSaleDoc>(
        ctx,
        { name: 'Customer.digitalSaleRequests', model, parentField: 'customerId', sortField: 'receivedAt' },
        customerId,
        args,
      ),
    /** The requests received on a day (status and order only): R-DIG-KPI is daily. */
    receivedOn: (tenantId: string, day: string) =>
      model.find({ tenantId, receivedDay: day }, { status: 1, orderId: 1 }).lean<Pick<DigitalSaleDoc, '_id' | 'status' | 'orderId'>[]>().exec(),
  };
}
export type DigitalSaleRepository = ReturnType<typeof digitalSaleRepository>;
