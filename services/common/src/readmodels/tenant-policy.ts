import { Schema, type Connection, type Model } from 'mongoose';
import type { EventData, EventHandler } from '../events/typed';
import { upsertNewest } from './newest-wins';
import { defaultTenantPolicy, defaultTenantSnapshot, type TenantPolicy, type TenantPolicySnapshot } from '../policy/defaults';

/** One tenant's policy as another subgraph knows it, from customers.TenantPolicyChanged (collection `tenant_policy`). */
export interface TenantPolicyEntry {
  /** The tenant id. */
  _id: string;
  tenantVersion: number;
  currency: string;
  country: string | null;
  timeZone: string;
  policy: TenantPolicy;
  updatedAt: Date;
  /** The tenant's name, tax id and address (letterheads); absent on entries written before they were kept. */
  name?: string;
  taxId?: string | null;
  address?: string | null;
  logo?: { attachmentId: string; contentType: string; base64: string } | null;
}

/** What a generated document's letterhead and formats need of the tenant. */
export interface TenantLetterhead {
  name: string;
  taxId: string | null;
  address: string | null;
  /** The logo's bytes (PNG or JPEG), when the tenant configured one. */
  logo: Buffer | null;
  currency: string;
  country: string | null;
  timeZone: string;
}

/** The data of customers.TenantPolicyChanged (schemas/events). */
export type TenantPolicyChangedData = EventData<'customers.TenantPolicyChanged'>;

const schema = new Schema<TenantPolicyEntry>(
  {
    _id: String,
    tenantVersion: { type: Number, required: true },
    currency: String,
    country: { type: String, default: null },
    timeZone: String,
    policy: { type: Schema.Types.Mixed, required: true },
    updatedAt: Date,
    name: String,
    taxId: { type: String, default: null },
    address: { type: String, default: null },
    logo: { type: Schema.Types.Mixed, default: null },
  },
  { collection: 'tenant_policy', versionKey: false, minimize: false },
);

/**
 * The local read model of tenant policy that every subgraph other than customers keeps, so its rules
 * read policy (suspension limits, fees, deadlines, KPI thresholds) and never constants. Each event
 * carries the full snapshot; the handler is an idempotent upsert keyed by tenant that ignores a
 * snapshot older than the one it holds (redelivery or out-of-order replay).
 */
export function tenantPolicyReadModel(conn: Connection) {
  const model: Model<TenantPolicyEntry> =
    (conn.models.TenantPolicy as Model<TenantPolicyEntry> | undefined) ?? conn.model<TenantPolicyEntry>('TenantPolicy', schema);

  const changed: EventHandler<'customers.TenantPolicyChanged'> = async (e) => {
    const { tenantVersion, name, currency, country, timeZone, policy } = e.data;
    const taxId = e.data.taxId ?? null;
    const address = e.data.address ?? null;
    const logo = e.data.logo ?? null;
    await upsertNewest(model, {
      key: { _id: e.tenantId },
      field: 'tenantVersion',
      version: tenantVersion,
      set: { name, taxId, address, logo, currency, country, timeZone, policy, updatedAt: new Date(e.time) },
    });
  };

  return {
    model,
    handlers: { 'customers.TenantPolicyChanged': changed },
    /**
     * What a generated document's letterhead and formats need: the tenant's name (its id until the
     * tenant is configured), currency, country and time zone.
     */
    async letterheadOf(tenantId: string): Promise<TenantLetterhead> {
      const entry = await model.findOne({ _id: tenantId }).lean<TenantPolicyEntry>();
      const defaults = defaultTenantSnapshot();
      return entry
        ? {
            name: entry.name ?? tenantId,
            taxId: entry.taxId ?? null,
            address: entry.address ?? null,
            logo: entry.logo ? Buffer.from(entry.logo.base64, 'base64') : null,
            currency: entry.currency,
            country: entry.country,
            timeZone: entry.timeZone,
          }
        : { name: tenantId, taxId: null, address: null, logo: null, currency: defaults.currency, country: defaults.country, timeZone: defaults.timeZone };
    },
    /** The tenant's policy snapshot; the documented defaults when the tenant never changed it. */
    async policyFor(tenantId: string): Promise<TenantPolicySnapshot> {
      const entry = await model.findOne({ _id: tenantId }).lean<TenantPolicyEntry>();
      if (!entry) return defaultTenantSnapshot();
      // Numbers added to the policy after this snapshot was published read as their defaults.
      const defaults = defaultTenantPolicy(entry.currency);
      const policy = { ...defaults, ...entry.policy, kpi: { ...defaults.kpi, ...entry.policy.kpi } };
      return { tenantVersion: entry.tenantVersion, currency: entry.currency, country: entry.country, timeZone: entry.timeZone, policy };
    },
  };
}
export type TenantPolicyReadModel = ReturnType<typeof tenantPolicyReadModel>;
