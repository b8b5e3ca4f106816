import { boundedChildPages, type Connection, encodeCursor, loader, type RequestContext } from '@vinculo/common';
import type { FilterQuery, Model } from 'mongoose';

/**
 * The first page of a filtered child connection (e.g. `Employee.portfolio(first, filter)`) for N
 * parents, each parent's `first + 1` rows cut in the store (the kit's `boundedChildPages`), never
 * every matching row of all the parents.
 *
 * The kit's `childConnection` does this for unfiltered lists newest first; this one also takes the
 * field's filter and sort order. Parents share a batch only when they ask the same page: the loader
 * is named by `first` and the query (JSON of plain values: strings, numbers, dates, `{ $regex: string }`).
 * A page `after` a cursor belongs to one parent: the caller pages it with `paginate` (one query).
 */
export function firstPage<T extends { _id: string; tenantId: string }>(
  ctx: RequestContext,
  opts: {
    name: string;
    model: Model<T>;
    /** The tenant-scoped query of the field, without the parent. */
    query: FilterQuery<T>;
    parentField: keyof T & string;
    sort: { field: keyof T & string; descending: boolean };
  },
  first: number,
  parentId: string,
): Promise<Connection<T>> {
  const { model, query, parentField, sort } = opts;
  return loader<string, Connection<T>>(ctx, `${opts.name}:first=${first}:query=${JSON.stringify(query)}`, async (parentIds) => {
    // Each parent's page cut in the store (first + 1 rows each): the kit's bounded child pages.
    const lists = await boundedChildPages<T>(model, { filter: query, parentField, parentIds, sort, limit: first + 1 });
    return lists.map((list) => {
      const page = list.slice(0, first);
      const edges = page.map((node) => ({ node, cursor: encodeCursor(node[sort.field] as string | Date, node._id) }));
      return { edges, pageInfo: { hasNextPage: list.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
    });
  })
    .load(parentId)
    .then((c) => c ?? { edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
}
