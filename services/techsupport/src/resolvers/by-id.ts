import { byKeys, loader, type RequestContext } from '@vinculo/common';
import type { Model } from 'mongoose';

/**
 * One document of the caller's tenant by id, through the per-request DataLoader `name`: every
 * `__resolveReference` and cross-entity field of this subgraph reads through one, so N references
 * cost one query (and another tenant's id reads as null).
 */
export function loadById<T extends { _id: string }>(model: Model<T>, name: string, ctx: RequestContext, id: string): Promise<T | null> {
  return loader<string, T>(ctx, name, async (ids) =>
    byKeys(ids, await model.find({ tenantId: ctx.principal.tenantId, _id: { $in: [...ids] } } as never).lean<T[]>(), (d) => d._id),
  ).load(id);
}
