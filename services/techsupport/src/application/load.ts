import { DomainError, notFound } from '@vinculo/common';
import type { Model } from 'mongoose';

/**
 * An aggregate of the tenant as the caller last saw it: NOT_FOUND when absent, CONFLICT when it has
 * moved past `expectedVersion` (null: the system acting on the current version).
 */
export async function loadAtVersion<T extends { _id: string; version: number }>(model: Model<T>, what: string, tenantId: string, id: string, expectedVersion: number | null): Promise<T> {
  const doc = await model.findOne({ _id: id, tenantId } as never).lean<T>();
  if (!doc) throw notFound(what, id);
  if (expectedVersion !== null && doc.version !== expectedVersion) {
    throw new DomainError('stale_version', `${what} ${id} is at version ${doc.version}, not ${expectedVersion}; reload and retry`);
  }
  return doc;
}
