import type { FilterQuery, Model } from 'mongoose';
import type { RequestContext } from './context';
import { loader, groupByKeys } from './loaders';
import { encodeCursor, paginate, pageSize, type Connection, type PageArgs } from './pagination';

/**
 * A connection field on an entity another subgraph owns (e.g. `Customer.salesOrders`), batched:
 * for N parents on a first page it runs one query for all of them; a page `after` a cursor is one
 * query for that parent. Sorted by `sortField` descending, then `_id`.
 */
export function childConnection<T extends { _id: string }>(
  ctx: RequestContext,
  opts: { name: string; model: Model<any>; parentField: string; sortField: keyof T & string },
  parentId: string,
  args: PageArgs,
): Promise<Connection<T>> {
  const tenantId = ctx.principal.tenantId;
  if (args.after) {
    return paginate<T>(opts.model, { tenantId, [opts.parentField]: parentId }, args, ctx.principal, {
      field: opts.sortField,
      descending: true,
    });
  }
  const first = pageSize(args, ctx.principal);
  return loader<string, Connection<T>>(ctx, `${opts.name}:first=${first}`, async (parentIds) => {
    const filter: FilterQuery<any> = { tenantId, [opts.parentField]: { $in: [...parentIds] } };
    const rows = await opts.model.find(filter).sort({ [opts.sortField]: -1, _id: -1 }).lean<T[]>();
    return groupByKeys(parentIds, rows, (r) => (r as Record<string, unknown>)[opts.parentField] as string).map(
      (list) => {
        const page = list.slice(0, first);
        const edges = page.map((node) => ({
          node,
          cursor: encodeCursor(node[opts.sortField] as Date, node._id),
        }));
        return { edges, pageInfo: { hasNextPage: list.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
      },
    );
  })
    .load(parentId)
    .then((c) => c ?? { edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
}
