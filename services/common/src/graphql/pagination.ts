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

/** Longest cursor we decode: ours are well under 200 characters. */
const MAX_CURSOR_LENGTH = 512;

/**
 * Read a cursor back, accepting only the shape encodeCursor writes (`[{d: ISO} | {v: string|number}, id]`).
 * Anything else — an object, an operator like `{"$gt": ""}` in place of the value, an invalid date,
 * a huge string — is the client's bad input, never a store query.
 */
export function decodeCursor(cursor: string): [CursorValue, string] {
  const invalid = () => badInput('after is not a valid cursor (use the endCursor of a previous page)', 'after');
  if (cursor.length > MAX_CURSOR_LENGTH) throw invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw invalid();
  const [v, id] = parsed as [unknown, unknown];
  if (typeof id !== 'string' || id.length === 0 || typeof v !== 'object' || v === null || Array.isArray(v)) throw invalid();
  const keys = Object.keys(v);
  if (keys.length !== 1) throw invalid();
  const box = v as { d?: unknown; v?: unknown };
  if (keys[0] === 'd' && typeof box.d === 'string') {
    const date = new Date(box.d);
    if (Number.isNaN(date.getTime())) throw invalid();
    return [date, id];
  }
  if (keys[0] === 'v' && (typeof box.v === 'string' || (typeof box.v === 'number' && Number.isFinite(box.v)))) return [box.v, id];
  throw invalid();
}

/**
 * One page of a cursor connection over `model`, sorted by `sortField` then `_id` (a stable order),
 * newest/greatest first when `descending`. Reads `first + 1` rows to know whether more follow.
 */
export async function paginate<T extends { _id: string }>(
  model: Model<T>,
  filter: FilterQuery<T>,
  args: PageArgs,
  principal: Principal,
  sort: { field: keyof T & string; descending: boolean },
): Promise<Connection<T>> {
  const first = pageSize(args, principal);
  const op = sort.descending ? '$lt' : '$gt';
  let query: FilterQuery<T> = filter;
  if (args.after) {
    const [value, id] = decodeCursor(args.after);
    query = {
      $and: [filter, { $or: [{ [sort.field]: { [op]: value } }, { [sort.field]: value, _id: { [op]: id } }] } as FilterQuery<T>],
    } as FilterQuery<T>;
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
