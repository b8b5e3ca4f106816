import { Schema, type Connection, type Model } from 'mongoose';
import { outboxPlugin, type EventEnvelope, type TenantPolicy } from '@vinculo/common';

/** A configured tenant (collection `tenants`, `_id` = tenant id). Absent until its first change. */
export interface TenantDoc {
  _id: string;
  name: string;
  currency: string;
  country: string | null;
  timeZone: string;
  /** Letterhead of generated documents (absent on tenants configured before it existed). */
  taxId?: string | null;
  address?: string | null;
  logoAttachmentId?: string | null;
  policy: TenantPolicy;
  updatedBy: string;
  createdAt: Date;
  updatedAt: Date;
  version: number;
  outbox: EventEnvelope[];
}

const tenantSchema = new Schema<TenantDoc>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    currency: { type: String, required: true },
    country: { type: String, default: null },
    timeZone: { type: String, required: true },
    taxId: { type: String, default: null },
    address: { type: String, default: null },
    logoAttachmentId: { type: String, default: null },
    policy: { type: Schema.Types.Mixed, required: true },
    updatedBy: { type: String, required: true },
  },
  { collection: 'tenants', timestamps: true, versionKey: false, minimize: false },
);
tenantSchema.plugin(outboxPlugin);

export type TenantModel = Model<TenantDoc>;
export const tenantModel = (conn: Connection): TenantModel => conn.model<TenantDoc>('Tenant', tenantSchema);
