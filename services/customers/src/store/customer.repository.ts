import {
  byKeys,
  conflict,
  isDuplicateKey,
  loader,
  notFound,
  paginate,
  updateVersioned,
  type EventEnvelope,
  type PageArgs,
  type Principal,
  type RequestContext,
} from '@vinculo/common';
import type { FilterQuery } from 'mongoose';
import type { CustomerDoc, CustomerModel, PortfolioAssignmentDoc } from './customer.model';
import type { CustomerKind, CustomerStatus } from '../domain/customer';

export interface CustomerFilter {
  status?: CustomerStatus | null;
  kind?: CustomerKind | null;
  executiveId?: string | null;
  nameContains?: string | null;
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Reads and writes of customers, always scoped to one tenant. */
export function customerRepository(model: CustomerModel, published: () => void) {
  return {
    /** The customer by id through the request's DataLoader (one query for N references). */
    load(ctx: RequestContext, id: string): Promise<CustomerDoc | null> {
      const tenantId = ctx.principal.tenantId;
      return loader<string, CustomerDoc>(ctx, 'customerById', async (ids) =>
        byKeys(ids, await model.find({ tenantId, _id: { $in: [...ids] } }).lean<CustomerDoc[]>(), (c) => c._id),
      ).load(id);
    },

    async get(tenantId: string, id: string): Promise<CustomerDoc> {
      const found = await model.findOne({ tenantId, _id: id }).lean<CustomerDoc>();
      if (!found) throw notFound('Customer', id);
      return found;
    },

    page(principal: Principal, filter: CustomerFilter, args: PageArgs) {
      const query: FilterQuery<CustomerDoc> = { tenantId: principal.tenantId };
      if (filter.status) query.status = filter.status;
      if (filter.kind) query.kind = filter.kind;
      if (filter.executiveId) query.executiveId = filter.executiveId;
      if (filter.nameContains) query.nameKey = { $regex: escapeRegex(filter.nameContains.toLowerCase()) };
      return paginate<CustomerDoc>(model, query, args, principal, { field: 'nameKey', descending: false });
    },

    /** Insert a new customer with its events; a duplicate document in the tenant is a CONFLICT. */
    async insert(doc: Omit<CustomerDoc, 'createdAt' | 'updatedAt' | 'version' | 'outbox'>, events: EventEnvelope[]) {
      try {
        const created = await model.create({ ...doc, outbox: events });
        published();
        return created.toObject();
      } catch (err) {
        if (isDuplicateKey(err)) {
          throw conflict(`A customer with ${doc.documentKey.replace(':', ' ')} already exists`, { field: 'document' });
        }
        throw err;
      }
    },

    async assign(current: CustomerDoc, assignment: PortfolioAssignmentDoc, events: EventEnvelope[]) {
      const updated = await updateVersioned(
        model,
        { _id: current._id, tenantId: current.tenantId },
        current.version,
        { $set: { executiveId: assignment.executiveId }, $push: { portfolioHistory: assignment } },
        events,
      );
      published();
      return updated;
    },
  };
}
export type CustomerRepository = ReturnType<typeof customerRepository>;
