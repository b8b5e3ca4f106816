import type { Model } from 'mongoose';
import type { RequestContext } from './context';
import { loader } from './loaders';
import { boundedChildPages } from './bounded-children';
import { encodeCursor, paginate, pageSize, type Connection, type PageArgs } from './pagination';

/**
 * A connection field on an entity another subgraph owns (e.g. `Customer.salesOrders`), batched:
 * for N parents on a first page the kit's `boundedChildPages` reads each parent's `first + 1` rows
 * (see there for the two ways); a page `after` a cursor is one query for that parent. Sorted by `sortField` descending, then `_id`.
 */
export function childConnection<T extends { _id: string }>(
  ctx: RequestContext,
  opts: { name: string; model: Model<T>; parentField: string; sortField: keyof T & string },
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
    // Each parent's page cut in the store (first + 1 rows each), never every child of every parent.
    const lists = await boundedChildPages<T>(opts.model, {
      filter: { tenantId },
      parentField: opts.parentField,
      parentIds,
      sort: { field: opts.sortField, descending: true },
      limit: first + 1,
    });
    return lists.map((list) => {
      const page = list.slice(0, first);
      const edges = page.map((node) => ({
        node,
        cursor: encodeCursor(node[opts.sortField] as Date, node._id),
      }));
      return { edges, pageInfo: { hasNextPage: list.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
    });
  })
    .load(parentId)
    .then((c) => c ?? { edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
}
