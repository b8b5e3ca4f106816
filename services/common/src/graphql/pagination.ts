import type { FilterQuery, Model } from 'mongoose';
import { badInput } from '../errors/codes';
import type { Principal } from '../auth/roles';

export const DEFAULT_PAGE = 20;
export const MAX_PAGE = 100;
export const MAX_REPORTING_PAGE = 1000;

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** Validate `first`: 1..100, or up to 1000 for callers with the `reporting` scope. */
export function pageSize(args: PageArgs, principal: Principal): number {
  const first = args.first ?? DEFAULT_PAGE;
  const max = principal.scopes.includes('reporting') ? MAX_REPORTING_PAGE : MAX_PAGE;
  if (!Number.isInteger(first) || first < 1 || first > max) {
    throw badInput(`first must be between 1 and ${max}`, 'first');
  }
  return first;
}

type CursorValue = string | number | Date;

/** Opaque cursor for a row: its sort value and id. */
export function encodeCursor(value: CursorValue, id: string): string {
  const v = value instanceof Date ? { d: value.toISOString() } : { v: value };
  return Buffer.from(JSON.stringify([v, id])).toString('base64url');
}

function decodeCursor(cursor: string): [CursorValue, string] {
  try {
    const [v, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [
      { d?: string; v?: string | number },
      string,
    ];
    const value = v.d !== undefined ? new Date(v.d) : v.v;
    if (value === undefined || typeof id !== 'string') throw new Error('bad cursor');
    return [value, id];
  } catch {
    throw badInput('after is not a valid cursor', 'after');
  }
}

/**
 * One page of a cursor connection over `model`, sorted by `sortField` then `_id` (a stable order),
 * newest/greatest first when `descending`. Reads `first + 1` rows to know whether more follow.
 */
export async function paginate<T extends { _id: string }>(
  model: Model<any>,
  filter: FilterQuery<any>,
  args: PageArgs,
  principal: Principal,
  sort: { field: keyof T & string; descending: boolean },
): Promise<Connection<T>> {
  const first = pageSize(args, principal);
  const op = sort.descending ? '$lt' : '$gt';
  let query: FilterQuery<any> = filter;
  if (args.after) {
    const [value, id] = decodeCursor(args.after);
    query = {
      $and: [filter, { $or: [{ [sort.field]: { [op]: value } }, { [sort.field]: value, _id: { [op]: id } }] }],
    };
  }
  const dir = sort.descending ? -1 : 1;
  const rows = await model
    .find(query)
    .sort({ [sort.field]: dir, _id: dir })
    .limit(first + 1)
    .lean<T[]>();
  const page = rows.slice(0, first);
  const edges = page.map((node) => ({ node, cursor: encodeCursor(node[sort.field] as CursorValue, node._id) }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
  };
}
