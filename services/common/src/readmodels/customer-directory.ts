import { findOneById } from '../mongo/by-id';
import { Schema, type Connection, type Model } from 'mongoose';
import type { EventHandler } from '../events/typed';
import { notFound } from '../errors/codes';
import { isDuplicateKey } from '../mongo/connection';
import { PermanentEventError } from '../kafka/permanent';

/** One customer as another subgraph knows it, from customers.* events (collection `customer_directory`). */
export interface CustomerDirectoryEntry {
  _id: string;
  tenantId: string;
  name: string;
  kind: string;
  status: string;
  executiveId: string | null;
  updatedAt: Date;
}

const schema = new Schema<CustomerDirectoryEntry>(
  {
    _id: String,
    tenantId: { type: String, required: true },
    name: String,
    kind: String,
    status: String,
    executiveId: { type: String, default: null },
    updatedAt: Date,
  },
  { collection: 'customer_directory', versionKey: false },
);
schema.index({ tenantId: 1, _id: 1 });
// An executive's portfolio (techsupport's preventive review lists, sales' ownership checks).
schema.index({ tenantId: 1, executiveId: 1, _id: 1 });

/**
 * The local read model of customers that every other subgraph keeps, so a decision ("does this
 * customer exist in my tenant?") never calls the customers subgraph. Handlers are idempotent upserts.
 */
export function customerDirectory(conn: Connection) {
  const model: Model<CustomerDirectoryEntry> =
    (conn.models.CustomerDirectory as Model<CustomerDirectoryEntry> | undefined) ?? conn.model<CustomerDirectoryEntry>('CustomerDirectory', schema);

  /**
   * Written only inside the event's tenant: the filter names the tenant, so an event of another tenant
   * never matches an entry it does not own; its upsert then collides on `_id` and is refused for good
   * (dead-lettered with the reason) instead of taking the entry over. The same tenant's registration
   * delivered again after a newer change (name, status) also misses the filter and changes nothing.
   */
  const registered: EventHandler<'customers.CustomerRegistered'> = async (e) => {
    const at = new Date(e.time);
    try {
      await model.updateOne(
        { _id: e.data.customerId, tenantId: e.tenantId, $or: [{ updatedAt: { $lte: at } }, { updatedAt: { $exists: false } }] },
        { $set: { tenantId: e.tenantId, name: e.data.name, kind: e.data.kind, status: e.data.status, updatedAt: at } },
        { upsert: true },
      );
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      const owner = await model.findById(e.data.customerId, { tenantId: 1 }).lean<Pick<CustomerDirectoryEntry, 'tenantId'>>();
      if (owner && owner.tenantId !== e.tenantId) {
        throw new PermanentEventError(`customer ${e.data.customerId} belongs to another tenant: a registration of tenant ${e.tenantId} cannot take it over`);
      }
      // Same tenant: a newer change is already stored, or a concurrent delivery inserted it first.
    }
  };
  const assigned: EventHandler<'customers.PortfolioAssigned'> = async (e) => {
    await model.updateOne({ _id: e.data.customerId, tenantId: e.tenantId }, { $set: { executiveId: e.data.executiveId, updatedAt: new Date(e.time) } });
  };

  const updated: EventHandler<'customers.CustomerUpdated'> = async (e) => {
    await model.updateOne({ _id: e.data.customerId, tenantId: e.tenantId }, { $set: { name: e.data.name, updatedAt: new Date(e.time) } });
  };

  const statusChanged: EventHandler<'customers.CustomerStatusChanged'> = async (e) => {
    await model.updateOne({ _id: e.data.customerId, tenantId: e.tenantId }, { $set: { status: e.data.to, updatedAt: new Date(e.time) } });
  };

  return {
    model,
    handlers: {
      'customers.CustomerRegistered': registered,
      'customers.PortfolioAssigned': assigned,
      'customers.CustomerUpdated': updated,
      'customers.CustomerStatusChanged': statusChanged,
    },
    /** The customer as known here; NOT_FOUND when this tenant has no such customer (yet). */
    async require(tenantId: string, customerId: string): Promise<CustomerDirectoryEntry> {
      const entry = await findOneById(model, tenantId, customerId);
      if (!entry) throw notFound('Customer', customerId);
      return entry;
    },
  };
}
export type CustomerDirectory = ReturnType<typeof customerDirectory>;
