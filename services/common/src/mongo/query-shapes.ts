import { appendFileSync } from 'node:fs';
import type { Connection } from 'mongoose';
import { onStoreCall } from './connection';

/**
 * Query shapes: what the services ask the store, without the values, and whether an index serves
 * it. The local engine scans and sorts in memory whatever the indexes, so a missing index never shows
 * as slowness in tests; on MongoDB at a real tenant's size it is the difference between a millisecond
 * and a collection scan. With `VINCULO_QUERY_SHAPES=<file>` every connection appends each distinct
 * shape it issues (and the indexes its models declare) to that file; `scripts/query-shapes.js` checks
 * them after the test suite (`npm test`) with {@link supportingIndex}.
 */

/** How a filter constrains a field: an index can seek on `eq` (and `in`), bound a `range`, not use `other`. */
export type FieldUse = 'eq' | 'in' | 'range' | 'other';

export interface QueryShape {
  collection: string;
  method: string;
  /** Field → how the filter uses it (top level; `$or`/`$and` branches are `other`, they never make the seek). */
  filter: Record<string, FieldUse>;
  /** Sort keys in order, 1 or -1. */
  sort: [string, number][];
}

export interface DeclaredIndex {
  key: [string, number][];
  unique?: boolean;
}

const RANGE_OPS = new Set(['$gt', '$gte', '$lt', '$lte']);

function useOf(value: unknown): FieldUse {
  if (value === null || typeof value !== 'object' || value instanceof Date || Array.isArray(value)) return 'eq';
  const ops = Object.keys(value as object);
  if (!ops[0]?.startsWith('$')) return 'eq'; // a whole sub-document, or an ObjectId/Decimal
  if (ops.every((op) => op === '$eq')) return 'eq';
  if (ops.every((op) => op === '$in')) return 'in';
  if (ops.every((op) => RANGE_OPS.has(op))) return 'range';
  // `$exists: true` on an indexed (sparse) field is a scan of that index's entries only.
  if (ops.length === 1 && ops[0] === '$exists' && (value as { $exists: unknown }).$exists) return 'range';
  return 'other';
}

/** The stronger of two uses of one field (an `$and` of several conditions on it). */
const STRENGTH: FieldUse[] = ['other', 'range', 'in', 'eq'];
const stronger = (a: FieldUse | undefined, b: FieldUse): FieldUse => (a && STRENGTH.indexOf(a) > STRENGTH.indexOf(b) ? a : b);

/** The shape of a filter: top-level fields and how each is used. */
export function filterShape(filter: unknown): Record<string, FieldUse> {
  const shape: Record<string, FieldUse> = {};
  if (!filter || typeof filter !== 'object') return shape;
  for (const [field, value] of Object.entries(filter as Record<string, unknown>)) {
    if (field === '$and' && Array.isArray(value)) {
      // Conditions joined by $and constrain their fields as if written side by side.
      for (const part of value) for (const [f, use] of Object.entries(filterShape(part))) shape[f] = stronger(shape[f], use);
    } else if (field === '$or' && Array.isArray(value) && value.length) {
      // A keyset cursor (`a > x OR (a = x AND _id > y)`): a field every branch bounds is a range.
      const branches = value.map((b) => filterShape(b));
      for (const f of Object.keys(branches[0]!)) {
        if (f !== '$or' && branches.every((b) => b[f] && b[f] !== 'other')) shape[f] = stronger(shape[f], 'range');
      }
      if (!Object.keys(branches[0]!).some((f) => branches.every((b) => b[f] && b[f] !== 'other'))) shape.$or = 'other';
    } else {
      shape[field] = field.startsWith('$') ? 'other' : useOf(value);
    }
  }
  return shape;
}

function sortShape(sort: unknown): [string, number][] {
  if (!sort || typeof sort !== 'object') return [];
  if (Array.isArray(sort)) return sort.map((s) => (Array.isArray(s) ? [String(s[0]), Number(s[1]) < 0 ? -1 : 1] : [String(s), 1]));
  return Object.entries(sort as Record<string, unknown>).map(([f, d]) => [f, Number(d) < 0 || d === 'desc' || d === 'descending' ? -1 : 1]);
}

/** Read and write methods whose filter decides what is scanned (inserts have none). */
const FILTER_FIRST = new Set([
  'find',
  'findOne',
  'countDocuments',
  'updateOne',
  'updateMany',
  'deleteOne',
  'deleteMany',
  'findOneAndUpdate',
  'findOneAndDelete',
  'findOneAndReplace',
  'replaceOne',
]);

/**
 * The shapes of one driver call as mongoose's debug hook sees it (collection method and its
 * arguments), or none for calls that read no filter.
 */
export function shapesOfCall(collection: string, method: string, args: unknown[]): QueryShape[] {
  if (FILTER_FIRST.has(method)) {
    const options = (method.startsWith('findOneAnd') || method.startsWith('update') || method === 'replaceOne' ? args[2] : args[1]) as
      { sort?: unknown } | undefined;
    return [{ collection, method, filter: filterShape(args[0]), sort: sortShape(options?.sort) }];
  }
  if (method === 'distinct') return [{ collection, method, filter: filterShape(args[1]), sort: [] }];
  if (method === 'aggregate') {
    const pipeline = (args[0] ?? []) as Record<string, unknown>[];
    const match = pipeline[0]?.$match;
    const sortStage = pipeline[match ? 1 : 0]?.$sort;
    return [{ collection, method, filter: filterShape(match), sort: sortShape(sortStage) }];
  }
  if (method === 'bulkWrite') {
    const ops = (args[0] ?? []) as Record<string, { filter?: unknown }>[];
    const shapes: QueryShape[] = [];
    for (const op of ops) {
      const [kind, body] = Object.entries(op)[0] ?? [];
      if (kind && kind !== 'insertOne' && body?.filter) shapes.push({ collection, method: `bulkWrite.${kind}`, filter: filterShape(body.filter), sort: [] });
    }
    return shapes;
  }
  return [];
}

/**
 * The index that serves a shape on MongoDB, or null. An index serves it when it can seek: its
 * leading keys are fields the filter fixes (`eq`/`in`, any order), or its first key is a range the
 * filter bounds; and when a sort is asked, the keys right after that prefix are the sort (fields fixed
 * by equality may be skipped; past the end of a unique index the tie-breakers never matter) in the same
 * or the exactly reversed direction — so the first page is read in order and nothing is sorted in
 * memory. `_id` fixed by the filter is always served.
 */
export function supportingIndex(shape: Pick<QueryShape, 'filter' | 'sort'>, indexes: DeclaredIndex[]): DeclaredIndex | null {
  const fixed = (f: string) => shape.filter[f] === 'eq' || shape.filter[f] === 'in';
  const idIndex: DeclaredIndex = { key: [['_id', 1]], unique: true };
  if (fixed('_id')) return idIndex;
  const sort = shape.sort.filter(([f]) => !fixed(f));
  for (const index of [idIndex, ...indexes]) {
    const keys = index.key;
    let i = 0;
    while (i < keys.length && fixed(keys[i]![0])) i++;
    const first = keys[0]?.[0];
    const seeks = i > 0 || (first !== undefined && shape.filter[first] === 'range');
    // A sort-only read of the whole collection (no filter at all) is served by an index in its order.
    const sortOnly = Object.keys(shape.filter).length === 0 && sort.length > 0;
    if (!seeks && !sortOnly) continue;
    if (!sort.length) return index;
    // Past the last key of a unique index no two entries tie: later sort keys never decide the order.
    const deciding = index.unique ? sort.slice(0, keys.length - i) : sort;
    const next = keys.slice(i, i + deciding.length);
    if (!deciding.length || next.length < deciding.length || next.some(([f], k) => f !== deciding[k]![0])) continue;
    const same = next.every(([, d], k) => d === deciding[k]![1]);
    const reversed = next.every(([, d], k) => d === -deciding[k]![1]);
    if (same || reversed) return index;
  }
  return null;
}

/** The indexes the models of `conn` declare on `collection` (schema indexes and unique paths). */
function declaredIndexes(conn: Connection, collection: string): DeclaredIndex[] {
  const found: DeclaredIndex[] = [];
  for (const model of Object.values(conn.models)) {
    if (model.collection.collectionName !== collection) continue;
    for (const [fields, options] of model.schema.indexes()) {
      found.push({ key: Object.entries(fields).map(([f, d]) => [f, Number(d) < 0 ? -1 : 1]), unique: Boolean((options as { unique?: boolean }).unique) });
    }
  }
  return found;
}

/**
 * Append every distinct shape `conn` issues (and, once per collection, the indexes its models declare)
 * to `file` as JSON lines. Test-time instrumentation only: it runs synchronously in the driver's path.
 */
export function recordQueryShapes(conn: Connection, file: string, service: string): void {
  const seen = new Set<string>();
  const collections = new Set<string>();
  onStoreCall(conn, (collection, method, args) => {
    for (const shape of shapesOfCall(collection, method, args)) {
      const key = JSON.stringify(shape);
      if (seen.has(key)) continue;
      seen.add(key);
      const lines = [JSON.stringify({ kind: 'shape', service, db: conn.name, ...shape })];
      if (!collections.has(collection)) {
        collections.add(collection);
        lines.push(JSON.stringify({ kind: 'indexes', service, db: conn.name, collection, indexes: declaredIndexes(conn, collection) }));
      }
      appendFileSync(file, lines.join('\n') + '\n');
    }
  });
}
