import {
  changeWithEvents,
  defaultTenantPolicy,
  DEFAULT_TENANT_SETTINGS,
  DomainError,
  isDuplicateKey,
  loader,
  type EventEnvelope,
  type RequestContext,
  type TenantPolicy,
} from '@vinculo/common';
import type { TenantDoc, TenantModel } from './tenant.model';
import type { TenantProfile } from '../domain/tenant';

/** A tenant as read: the stored one, or the defaults (`configured: false`, version 0). */
export interface TenantView extends TenantProfile {
  tenantId: string;
  policy: TenantPolicy;
  configured: boolean;
  version: number;
  updatedAt: Date | null;
  updatedBy: string | null;
}

const view = (doc: TenantDoc): TenantView => ({
  tenantId: doc._id,
  name: doc.name,
  currency: doc.currency,
  country: doc.country ?? null,
  timeZone: doc.timeZone,
  taxId: doc.taxId ?? null,
  address: doc.address ?? null,
  logoAttachmentId: doc.logoAttachmentId ?? null,
  policy: doc.policy,
  configured: true,
  version: doc.version,
  updatedAt: doc.updatedAt,
  updatedBy: doc.updatedBy,
});

/** A tenant nobody configured: named after its id, default settings and policy. */
export const defaultTenant = (tenantId: string): TenantView => ({
  tenantId,
  name: tenantId,
  ...DEFAULT_TENANT_SETTINGS,
  taxId: null,
  address: null,
  logoAttachmentId: null,
  policy: defaultTenantPolicy(DEFAULT_TENANT_SETTINGS.currency),
  configured: false,
  version: 0,
  updatedAt: null,
  updatedBy: null,
});

const stale = (tenantId: string) => new DomainError('stale_version', `Tenant ${tenantId} was changed by someone else; reload and retry`);

/**
 * The tenant document: created lazily by its first change (until then it reads as the defaults),
 * then changed under optimistic versioning.
 */
export function tenantRepository(model: TenantModel, published: () => void) {
  return {
    model,

    /** The caller's tenant, read once per request. */
    current(ctx: RequestContext): Promise<TenantView> {
      return loader<string, TenantView>(ctx, 'tenant', async (ids) => {
        const docs = await model.find({ _id: { $in: [...ids] } }).lean<TenantDoc[]>();
        return ids.map((id) => {
          const doc = docs.find((d) => d._id === id);
          return doc ? view(doc) : defaultTenant(id);
        });
      })
        .load(ctx.principal.tenantId)
        .then((t) => t ?? defaultTenant(ctx.principal.tenantId));
    },

    /** A tenant by id outside a request. */
    async get(tenantId: string): Promise<TenantView> {
      const doc = await model.findById(tenantId).lean<TenantDoc>();
      return doc ? view(doc) : defaultTenant(tenantId);
    },

    /**
     * Write the tenant's new state if it is still at `current.version`: the first change inserts
     * the document (a concurrent first change loses on the `_id`), later ones are versioned.
     */
    async save(current: TenantView, next: TenantProfile & { policy: TenantPolicy }, by: string, events: EventEnvelope[]): Promise<TenantView> {
      const state = {
        name: next.name,
        currency: next.currency,
        country: next.country,
        timeZone: next.timeZone,
        taxId: next.taxId ?? null,
        address: next.address ?? null,
        logoAttachmentId: next.logoAttachmentId ?? null,
        policy: next.policy,
        updatedBy: by,
      };
      if (current.version === 0) {
        try {
          const created = await model.create({ _id: current.tenantId, ...state, version: 1, outbox: events });
          published();
          return view(created.toObject());
        } catch (err) {
          if (isDuplicateKey(err)) throw stale(current.tenantId);
          throw err;
        }
      }
      const updated = await model
        .findOneAndUpdate({ _id: current.tenantId, version: current.version }, changeWithEvents<TenantDoc>({ $set: state }, events), { new: true })
        .lean<TenantDoc>();
      if (!updated) throw stale(current.tenantId);
      published();
      return view(updated);
    },
  };
}
export type TenantRepository = ReturnType<typeof tenantRepository>;

/** The policy as the TenantPolicy type resolves it: with the currency its money amounts are in (and the country its holidays follow). */
export type TenantPolicyView = TenantPolicy & { currency: string; country?: string | null };
