import { findOneById } from '../mongo/by-id';
import { Schema, type Connection, type Model } from 'mongoose';
import type { EventHandler, EventOf } from '../events/typed';
import { notFound } from '../errors/codes';
import { PermanentEventError } from '../kafka/permanent';
import { lifecycleRanks, timeOrderedWriter } from './newest-wins';

/** One customer as another subgraph knows it, from customers.* events (collection `customer_directory`). */
export interface CustomerDirectoryEntry {
  _id: string;
  tenantId: string;
  name: string;
  kind: string;
  status: string;
  executiveId: string | null;
  /** Time of the last event applied. */
  updatedAt: Date;
  /** The last event applied, `eventOrder(event, lifecycle rank)`: an older one changes nothing (absent on entries written before it). */
  order?: string;
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
    // Absent on entries written before it (and on bulk-loaded ones): the legacy clause orders those by time.
    order: { type: String, required: false },
  },
  { collection: 'customer_directory', versionKey: false },
);
schema.index({ tenantId: 1, _id: 1 });
// An executive's portfolio (techsupport's preventive review lists, sales' ownership checks).
schema.index({ tenantId: 1, executiveId: 1, _id: 1 });

type DirectoryEvent = 'customers.CustomerRegistered' | 'customers.CustomerUpdated' | 'customers.PortfolioAssigned' | 'customers.CustomerStatusChanged';

/** A customer's events in the order one command would write them (same time): registration first. */
const RANK = lifecycleRanks<DirectoryEvent>([
  'customers.CustomerRegistered',
  'customers.CustomerUpdated',
  'customers.PortfolioAssigned',
  'customers.CustomerStatusChanged',
]);

/**
 * The local read model of customers that every other subgraph keeps, so a decision ("does this
 * customer exist in my tenant?") never calls the customers subgraph. Handlers are idempotent upserts.
 */
export function customerDirectory(conn: Connection) {
  const model: Model<CustomerDirectoryEntry> =
    (conn.models.CustomerDirectory as Model<CustomerDirectoryEntry> | undefined) ?? conn.model<CustomerDirectoryEntry>('CustomerDirectory', schema);

  /**
   * Every event is a snapshot of the fields it carries, written by the one newest-wins rule on the
   * entry's `order` (`eventOrder`: event time, then the rank above), so a redelivered or replayed older
   * event never undoes a newer one (a late CustomerUpdated used to bring the old name back). Only the
   * registration creates the entry: a later event for an entry not here (yet) changes nothing.
   * Entries written before `order` existed take the first event at or after their `updatedAt`.
   */
  const writer = timeOrderedWriter(model, {
    field: 'order',
    legacy: (e) => ({ order: { $exists: false }, $or: [{ updatedAt: { $lte: new Date(e.time) } }, { updatedAt: { $exists: false } }] }),
  });
  const write = <K extends DirectoryEvent>(type: K, e: EventOf<K>, set: Partial<CustomerDirectoryEntry>, insert = false) =>
    writer(e, RANK[type], e.data.customerId, { set: { ...set, updatedAt: new Date(e.time) }, insert });

  /**
   * Written only inside the event's tenant: the key names the tenant, so an event of another tenant
   * never matches an entry it does not own; its registration's insert then collides on `_id` and is
   * refused for good (dead-lettered with the reason) instead of taking the entry over. The same tenant's
   * registration delivered again after a newer change (name, status) also changes nothing.
   */
  const registered: EventHandler<'customers.CustomerRegistered'> = async (e) => {
    const written = await write('customers.CustomerRegistered', e, { name: e.data.name, kind: e.data.kind, status: e.data.status }, true);
    if (written) return;
    const owner = await model.findById(e.data.customerId, { tenantId: 1 }).lean<Pick<CustomerDirectoryEntry, 'tenantId'>>();
    if (owner && owner.tenantId !== e.tenantId) {
      throw new PermanentEventError(`customer ${e.data.customerId} belongs to another tenant: a registration of tenant ${e.tenantId} cannot take it over`);
    }
    // Same tenant: this registration or a newer change is already stored, or a concurrent delivery inserted it first.
  };
  const assigned: EventHandler<'customers.PortfolioAssigned'> = async (e) => {
    await write('customers.PortfolioAssigned', e, { executiveId: e.data.executiveId });
  };

  const updated: EventHandler<'customers.CustomerUpdated'> = async (e) => {
    await write('customers.CustomerUpdated', e, { name: e.data.name });
  };

  const statusChanged: EventHandler<'customers.CustomerStatusChanged'> = async (e) => {
    await write('customers.CustomerStatusChanged', e, { status: e.data.to });
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
