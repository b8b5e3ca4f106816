import {
  byIdLoader,
  byKeys,
  conflict,
  type EventEnvelope,
  findByIds,
  findOneById,
  isDuplicateKey,
  loader,
  notFound,
  type PageArgs,
  pageSize,
  paginate,
  type Principal,
  type RequestContext,
} from '@vinculo/common';
import type { FilterQuery } from 'mongoose';
import type { ContactDoc, CustomerDoc, CustomerModel } from './customer.model';
import type { CustomerKind, CustomerStatus } from '../domain/customer';
import type { CustomerCategory, Market } from '../domain/customer-profile';
import { firstPage } from './first-pages';

export interface CustomerFilter {
  status?: CustomerStatus | null;
  kind?: CustomerKind | null;
  executiveId?: string | null;
  segment?: string | null;
  market?: Market | null;
  category?: CustomerCategory | null;
  nameContains?: string | null;
  /** Already in the stored form (see domain/documents `documentSearchKey`). */
  taxId?: string | null;
  identityCard?: string | null;
  /** Digits only; matches a contact number or its ending. */
  phoneDigits?: string | null;
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The Mongo query of a customer search, always scoped to the tenant. */
function searchQuery(tenantId: string, filter: CustomerFilter): FilterQuery<CustomerDoc> {
  const query: FilterQuery<CustomerDoc> = { tenantId };
  if (filter.status) query.status = filter.status;
  if (filter.kind) query.kind = filter.kind;
  if (filter.executiveId) query.executiveId = filter.executiveId;
  if (filter.segment) query.segment = filter.segment.trim().toUpperCase();
  if (filter.market) query.market = filter.market;
  if (filter.category) query.category = filter.category;
  if (filter.taxId) query.taxId = filter.taxId;
  if (filter.identityCard) query.identityCard = filter.identityCard;
  if (filter.phoneDigits) query.phoneKeys = { $regex: `${escapeRegex(filter.phoneDigits)}$` };
  if (filter.nameContains) {
    const part = { $regex: escapeRegex(filter.nameContains.trim().toLowerCase()) };
    query.$or = [{ nameKey: part }, { tradeNameKey: part }];
  }
  return query;
}

/** Reads and writes of customers, always scoped to one tenant. */
export function customerRepository(model: CustomerModel, published: () => void) {
  return {
    model,
    /** Wakes the outbox relay after a write that carried events. */
    published,

    /** The customer by id through the request's DataLoader (one query for N references). */
    load(ctx: RequestContext, id: string): Promise<CustomerDoc | null> {
      return byIdLoader(model, 'customerById')(ctx, id);
    },

    /** A contact by its id, batched: the customer holding it is found by `contacts.id`. */
    loadContact(ctx: RequestContext, id: string): Promise<ContactDoc | null> {
      const tenantId = ctx.principal.tenantId;
      return loader<string, ContactDoc>(ctx, 'contactById', async (ids) => {
        const holders = await model.find({ tenantId, 'contacts.id': { $in: [...ids] } }, { contacts: 1 }).lean<Pick<CustomerDoc, 'contacts'>[]>();
        return byKeys(
          ids,
          holders.flatMap((c) => c.contacts),
          (c) => c.id,
        );
      }).load(id);
    },

    /** The customer if the tenant has it (event consumers: an event only touches its own tenant). */
    find(tenantId: string, id: string): Promise<CustomerDoc | null> {
      return findOneById(model, tenantId, id);
    },

    /** The executive's portfolio customers in these statuses (a loyalty call list), at most `limit`. */
    portfolioIn(tenantId: string, executiveId: string, statuses: CustomerStatus[], limit: number): Promise<CustomerDoc[]> {
      return model
        .find({ tenantId, executiveId, status: { $in: statuses } })
        .sort({ nameKey: 1, _id: 1 })
        .limit(limit)
        .lean<CustomerDoc[]>()
        .exec();
    },

    /** Customers with a move to CHURNED in [from, to) (churn analysis reads their history). */
    churnedBetween(tenantId: string, from: Date, to: Date): Promise<Pick<CustomerDoc, '_id' | 'segment' | 'history'>[]> {
      return model
        .find({ tenantId, history: { $elemMatch: { to: 'CHURNED', at: { $gte: from, $lt: to } } } }, { segment: 1, history: 1 })
        .lean<Pick<CustomerDoc, '_id' | 'segment' | 'history'>[]>()
        .exec();
    },

    async get(tenantId: string, id: string): Promise<CustomerDoc> {
      const found = await findOneById(model, tenantId, id);
      if (!found) throw notFound('Customer', id);
      return found;
    },

    /** Who holds each of these customers (customer id → executive id); unknown ids are absent. */
    async owners(tenantId: string, ids: string[]): Promise<Map<string, string | null>> {
      const rows = await findByIds(model, tenantId, ids, { executiveId: 1 });
      return new Map(rows.map((r) => [r._id, r.executiveId ?? null]));
    },

    /** How many customers the executive's portfolio holds. */
    portfolioSize(tenantId: string, executiveId: string): Promise<number> {
      return model.countDocuments({ tenantId, executiveId });
    },

    page(principal: Principal, filter: CustomerFilter, args: PageArgs) {
      return paginate<CustomerDoc>(model, searchQuery(principal.tenantId, filter), args, principal, { field: 'nameKey', descending: false });
    },

    /**
     * A page of the executive's portfolio (`Employee.portfolio`), by name. First pages are batched:
     * N employees asking the same (first, filter) cost two queries together (see `firstPage`).
     */
    portfolioPage(ctx: RequestContext, executiveId: string, filter: CustomerFilter, args: PageArgs) {
      if (args.after) return this.page(ctx.principal, { ...filter, executiveId }, args);
      return firstPage<CustomerDoc>(
        ctx,
        {
          name: 'Employee.portfolio',
          model,
          query: searchQuery(ctx.principal.tenantId, { ...filter, executiveId: null }),
          parentField: 'executiveId',
          sort: { field: 'nameKey', descending: false },
        },
        pageSize(args, ctx.principal),
        executiveId,
      );
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
  };
}
export type CustomerRepository = ReturnType<typeof customerRepository>;
