import { notFound, ruleViolated } from '@vinculo/common';
import type { ApiKeyDoc, ApiKeyModel } from './api-key.model';
import type { ApiKeySpec } from '../domain/api-key';

/** A tenant's API keys: created, listed, rotated and revoked by its ADMIN; checked by id for the gateway. */
export function apiKeyRepository(model: ApiKeyModel) {
  /** By `_id` first (the local engine scans a tenant otherwise), then the tenant is checked. */
  const owned = async (tenantId: string, keyId: string): Promise<ApiKeyDoc> => {
    const doc = await model.findById(keyId).lean<ApiKeyDoc>();
    if (!doc || doc.tenantId !== tenantId) throw notFound('API key', keyId);
    return doc;
  };
  // R-KEY-1: a revoked key stays revoked; a partner needs a new key.
  const revoked = (keyId: string) => ruleViolated('R-KEY-1', `API key ${keyId} is revoked; create a new key`);

  return {
    async create(tenantId: string, keyId: string, spec: ApiKeySpec, secretHash: string, by: string): Promise<ApiKeyDoc> {
      const doc = await model.create({ _id: keyId, tenantId, ...spec, secretHash, createdBy: by, rotatedAt: null, revokedAt: null, revokedBy: null });
      return doc.toObject();
    },

    list(tenantId: string, includeRevoked: boolean): Promise<ApiKeyDoc[]> {
      return model
        .find({ tenantId, ...(includeRevoked ? {} : { revokedAt: null }) })
        .sort({ createdAt: 1, _id: 1 })
        .lean<ApiKeyDoc[]>()
        .exec(); // a promise, not the query: GraphQL may subscribe to it more than once
    },

    /** A new secret for a live key; the old secret stops working with this write. */
    async rotate(tenantId: string, keyId: string, secretHash: string): Promise<ApiKeyDoc> {
      const current = await owned(tenantId, keyId);
      if (current.revokedAt) throw revoked(keyId);
      const doc = await model
        .findOneAndUpdate({ _id: keyId, revokedAt: null }, { $set: { secretHash, rotatedAt: new Date() } }, { new: true })
        .lean<ApiKeyDoc>();
      if (!doc) throw revoked(keyId);
      return doc;
    },

    /** Revoke for good (idempotent: revoking again answers the key as it was revoked). */
    async revoke(tenantId: string, keyId: string, by: string): Promise<ApiKeyDoc> {
      const current = await owned(tenantId, keyId);
      if (current.revokedAt) return current;
      const doc = await model
        .findOneAndUpdate({ _id: keyId, revokedAt: null }, { $set: { revokedAt: new Date(), revokedBy: by } }, { new: true })
        .lean<ApiKeyDoc>();
      return doc ?? owned(tenantId, keyId);
    },

    /** The key with this id, whatever its tenant (the gateway's check; the secret decides). */
    byId(keyId: string): Promise<ApiKeyDoc | null> {
      return model.findById(keyId).lean<ApiKeyDoc>().exec();
    },
  };
}

export type ApiKeyRepository = ReturnType<typeof apiKeyRepository>;
