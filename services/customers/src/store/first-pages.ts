import { type Connection, encodeCursor, findByIds, groupByKeys, loader, type RequestContext } from '@vinculo/common';
import type { FilterQuery, Model } from 'mongoose';

/**
 * The first page of a filtered child connection (e.g. `Employee.portfolio(first, filter)`) for N
 * parents in two queries, whatever N: the sort keys of every matching row of all the parents (a
 * narrow projection), cut to `first` per parent, then the rows of those pages by id.
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
  const dir = sort.descending ? -1 : 1;
  return loader<string, Connection<T>>(ctx, `${opts.name}:first=${first}:query=${JSON.stringify(query)}`, async (parentIds) => {
    type Key = { _id: string } & Record<string, unknown>;
    const keys = await model
      .find({ ...query, [parentField]: { $in: [...parentIds] } } as FilterQuery<T>, { [parentField]: 1, [sort.field]: 1 })
      .sort({ [sort.field]: dir, _id: dir })
      .lean<Key[]>();
    const lists = groupByKeys(parentIds, keys, (k) => k[parentField] as string);
    const pageIds = lists.flatMap((list) => list.slice(0, first).map((k) => k._id));
    const rows = pageIds.length
      ? await findByIds(model, ctx.principal.tenantId, pageIds)
      : [];
    const byId = new Map<string, T>(rows.map((r): [string, T] => [r._id, r]));
    return lists.map((list) => {
      // A row gone between the two reads is left out of the page.
      const page = list.slice(0, first).flatMap((k) => byId.get(k._id) ?? []);
      const edges = page.map((node) => ({ node, cursor: encodeCursor(node[sort.field] as string | Date, node._id) }));
      return { edges, pageInfo: { hasNextPage: list.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
    });
  })
    .load(parentId)
    .then((c) => c ?? { edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
}
