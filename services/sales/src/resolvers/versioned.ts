import type { FilterQuery, Model } from 'mongoose';
import { byKeys, DomainError, loader, notFound, type RequestContext } from '@vinculo/common';

/**
 * An aggregate of the tenant at the version the caller saw: NOT_FOUND, or CONFLICT when it moved on
 * (the versioned write re-checks it atomically; this refuses early, before anything is computed or written).
 */
export async function loadAtVersion<T extends { _id: string; version: number }>(model: Model<T>, what: string, tenantId: string, id: string, expectedVersion: number): Promise<T> {
  const doc = await model.findOne({ _id: id, tenantId } as FilterQuery<T>).lean<T>();
  if (!doc) throw notFound(what, id);
  if (doc.version !== expectedVersion) throw new DomainError('stale_version', `${what} ${id} is at version ${doc.version}, not ${expectedVersion}; reload and retry`);
  return doc;
}

/** Documents of the caller's tenant by id, batched per request (entity references, child fields). */
export const byIdLoader =
  <T extends { _id: string }>(model: Model<T>, name: string) =>
  (ctx: RequestContext, id: string): Promise<T | null> =>
    loader<string, T>(ctx, name, async (ids) => byKeys(ids, await model.find({ tenantId: ctx.principal.tenantId, _id: { $in: [...ids] } } as FilterQuery<T>).lean<T[]>(), (d) => d._id)).load(id);
