import { randomUUID } from 'node:crypto';
import type { Model, mongo } from 'mongoose';
import { rawCollection } from '../mongo/raw-collection';
import { sumCounters, type CounterPaths } from './counter-paths';

/**
 * The write every maintained aggregate of the pending-delta pattern shares (collections' indicator
 * totals, postsale's KPI months): a writer stores its change on its own document in the same versioned
 * write (a delta with a key that exists once), then adds it to the aggregate document and takes it off;
 * a read or a later writer adds what a dead writer left. Adding happens here, and only once per key:
 * the aggregate remembers the keys it added (`applied`, the latest `keysKept`) and gets a new `rev` on
 * every add.
 *
 * A few deltas are checked by the store itself (`applied: { $nin: keys }` in the update's filter). More
 * are checked against a read of `applied` and written only if `rev` has not moved since (the local
 * engine's `$nin` compares every key with every remembered one: 3.7 s for a batch of 1,000).
 */
export interface AddOnceOptions<T> {
  key: (delta: T) => string;
  /** The counter paths (`$inc`) a delta adds. */
  inc: (delta: T) => CounterPaths;
  /** How many added keys the aggregate remembers (far more than deltas in flight at once). */
  keysKept: number;
  /**
   * The aggregate does not exist: build it (the build counts what the sources hold, deltas seen
   * pending included) and resolve true to go on adding the rest, false to give up. Absent: give up.
   */
  onMissing?: () => Promise<boolean>;
}

/** What an aggregate holds besides its counters. */
export interface OnceAddedAggregate {
  _id: string;
  /** The latest keys added. */
  applied?: string[];
  /** Changes on every add: a write checked against a read lands only if nothing was added since. */
  rev?: string | null;
}

/** Up to this many deltas are checked against the remembered keys by the store, more by a read. */
export const STORE_CHECKED_KEYS = 16;
const ATTEMPTS = 4;

/**
 * Add deltas to aggregate `_id` of `model`, each once, whoever else adds them at the same time and however often.
 * Returns those it did not add: the aggregate does not exist (and `onMissing` did not build it), or it
 * kept moving under this writer for every attempt. Those stay pending where they are; the next fold
 * adds them.
 */
export async function addOnce<T, A extends OnceAddedAggregate>(model: Model<A>, _id: string, deltas: readonly T[], opts: AddOnceOptions<T>): Promise<T[]> {
  // The fields this touches; the counters are the caller's.
  const aggregates = rawCollection(model) as unknown as mongo.Collection<OnceAddedAggregate>;
  let todo = [...deltas];
  const notAdded = (applied: readonly string[] | undefined) => {
    const seen = new Set(applied);
    todo = todo.filter((d) => !seen.has(opts.key(d)));
  };
  const missing = async () => (opts.onMissing ? opts.onMissing() : false);
  for (let attempt = 1; todo.length && attempt <= ATTEMPTS; attempt++) {
    let read: OnceAddedAggregate | null = null;
    if (todo.length > STORE_CHECKED_KEYS) {
      read = await aggregates.findOne({ _id }, { projection: { applied: 1, rev: 1 } });
      if (!read) {
        if (!(await missing())) return todo;
        continue; // built: the deltas it saw are remembered, the others are added next
      }
      notAdded(read.applied);
      if (!todo.length) break;
    }
    const keys = todo.map(opts.key);
    const inc = sumCounters(todo.map(opts.inc));
    const r = await aggregates.updateOne(read ? { _id, rev: read.rev ?? null } : { _id, applied: { $nin: keys } }, {
      ...(Object.keys(inc).length ? { $inc: inc } : {}),
      $set: { rev: randomUUID() },
      $push: { applied: { $each: keys, $slice: -opts.keysKept } },
    });
    if (r.matchedCount === 1) return [];
    if (read) continue; // written in between: read again
    // Some keys were added already, or there is no aggregate yet.
    const doc = await aggregates.findOne({ _id }, { projection: { applied: 1 } });
    if (!doc) {
      if (!(await missing())) return todo;
      continue;
    }
    notAdded(doc.applied);
  }
  return todo;
}
