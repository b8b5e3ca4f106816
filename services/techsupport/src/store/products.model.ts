import { Schema, type Connection, type Model } from 'mongoose';
import { lifecycleRanks, timeOrderedWriter, type EventOf, type Handlers } from '@vinculo/common';

/** A customer's installed product as techsupport knows it, from postsale events (collection `installed_products`). */
export interface InstalledProductEntry {
  _id: string;
  tenantId: string;
  customerId: string;
  planCode: string;
  family: string;
  serviceNumber: string;
  address: string;
  status: 'ACTIVE' | 'SUSPENDED' | 'WITHDRAWN';
  /** Time of the last event applied. */
  asOf: Date;
  /** The last event applied, `eventOrder(event, lifecycle rank)`: an older one changes nothing (absent on entries written before it). */
  order?: string;
}

const schema = new Schema<InstalledProductEntry>(
  {
    _id: String,
    tenantId: String,
    customerId: String,
    planCode: String,
    family: String,
    serviceNumber: String,
    address: String,
    status: String,
    asOf: Date,
    // Absent on entries written before it (and on bulk-loaded ones): the legacy clause orders those by time.
    order: { type: String, required: false },
  },
  { collection: 'installed_products', versionKey: false },
);
schema.index({ tenantId: 1, customerId: 1, _id: 1 });

const STATUS_OF: Record<string, InstalledProductEntry['status']> = {
  ACTIVATED: 'ACTIVE',
  PLAN_CHANGED: 'ACTIVE',
  RECONNECTED: 'ACTIVE',
  SUSPENDED: 'SUSPENDED',
  WITHDRAWN: 'WITHDRAWN',
};

type ProductEvent = 'postsale.InstalledProductRegistered' | 'postsale.SubscriptionChanged' | 'postsale.InstalledProductWithdrawn';

/** A product's lifecycle, for two events of one command (same time): the later step wins. */
const RANK = lifecycleRanks<ProductEvent>(['postsale.InstalledProductRegistered', 'postsale.SubscriptionChanged', 'postsale.InstalledProductWithdrawn']);

/** The subscriptions read model behind preventive review lists (postsale contracts; idempotent upserts). */
export function installedProducts(conn: Connection) {
  const model: Model<InstalledProductEntry> = conn.model<InstalledProductEntry>('InstalledProductEntry', schema);
  const write = timeOrderedWriter(model, {
    field: 'order',
    // Entries written before `order` existed keep the rule they were written under (event time), once.
    legacy: (e) => ({ order: { $exists: false }, asOf: { $lte: new Date(e.time) } }),
  });
  const upsert = <K extends ProductEvent>(type: K, e: EventOf<K>, id: string, set: Partial<InstalledProductEntry>) =>
    write(e, RANK[type], id, { set: { ...set, asOf: new Date(e.time) } });
  const handlers = {
    'postsale.InstalledProductRegistered': async (e) => {
      const d = e.data;
      await upsert('postsale.InstalledProductRegistered', e, d.installedProductId, {
        customerId: d.customerId,
        planCode: d.planCode,
        family: d.family,
        serviceNumber: d.serviceNumber,
        address: d.installationAddress,
        status: 'ACTIVE',
      });
    },
    'postsale.SubscriptionChanged': async (e) => {
      const d = e.data;
      await upsert('postsale.SubscriptionChanged', e, d.installedProductId, {
        customerId: d.customerId,
        planCode: d.planCode,
        status: STATUS_OF[d.change] ?? 'ACTIVE',
      });
    },
    'postsale.InstalledProductWithdrawn': async (e) => {
      const d = e.data;
      await upsert('postsale.InstalledProductWithdrawn', e, d.installedProductId, { customerId: d.customerId, status: 'WITHDRAWN' });
    },
  } satisfies Handlers;
  return { model, handlers };
}
export type InstalledProducts = ReturnType<typeof installedProducts>;

/** The customers' products still in service (not withdrawn), by id. */
export const inServiceOf = (model: InstalledProducts['model'], tenantId: string, customerIds: string[]) =>
  model
    .find({ tenantId, customerId: { $in: customerIds }, status: { $ne: 'WITHDRAWN' } })
    .sort({ _id: 1 })
    .lean<InstalledProductEntry[]>()
    .exec();
