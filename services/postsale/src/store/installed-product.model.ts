import { Schema, type Connection, type Model } from 'mongoose';
import { outboxPlugin, statusChangeSchema, type EventEnvelope, type StatusChangeDoc } from '@vinculo/common';
import type { InstalledProductStatus, ProductFamily } from '../domain/installed-product';

/** A product installed for a customer, as stored (collection `installed_products`). */
export interface InstalledProductDoc {
  _id: string;
  tenantId: string;
  customerId: string;
  planCode: string;
  family: ProductFamily;
  serviceNumber: string;
  installationAddress: string;
  status: InstalledProductStatus;
  registeredBy: string;
  installedAt: Date;
  history: StatusChangeDoc[];
  version: number;
  outbox: EventEnvelope[];
}

const installedProductSchema = new Schema<InstalledProductDoc>(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    customerId: { type: String, required: true },
    planCode: { type: String, required: true },
    family: { type: String, required: true },
    serviceNumber: { type: String, required: true },
    installationAddress: { type: String, required: true },
    status: { type: String, required: true },
    registeredBy: { type: String, required: true },
    installedAt: { type: Date, required: true },
    history: { type: [statusChangeSchema], default: [] },
  },
  { collection: 'installed_products', versionKey: false },
);
installedProductSchema.plugin(outboxPlugin);
// One installed product per line/service number in a tenant: a duplicate is a CONFLICT.
installedProductSchema.index({ tenantId: 1, serviceNumber: 1 }, { unique: true });
installedProductSchema.index({ tenantId: 1, customerId: 1, installedAt: -1, _id: -1 });

export type InstalledProductModel = Model<InstalledProductDoc>;
export const installedProductModel = (conn: Connection): InstalledProductModel =>
  conn.model<InstalledProductDoc>('InstalledProduct', installedProductSchema);
