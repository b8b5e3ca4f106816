import type { FilterQuery, Model, UpdateQuery } from 'mongoose';
import { isDuplicateKey } from '../mongo/connection';

/**
 * The one ordering rule of "newest version wins" read models (a snapshot per event: tenant policy,
 * coverage nodes, catalog plans, staff…): an event's snapshot is written when the stored entry's version
 * is LOWER than the event's, and inserted when there is no entry. An equal or higher stored version
 * means this snapshot, or a newer one, is already here: nothing changes. So redeliveries and replays in
 * any order leave the newest snapshot, and applying one twice is the same as once.
 *
 * The version must grow with every change of the entry: an aggregate's version, a revision, a forward-
 * only offset, or the event time where one change makes one event (two events of one change sharing a
 * time would keep only the first).
 *
 * How it is written: one upsert whose filter matches only an older entry (`version: { $lt }`). When a
 * newer or equal entry exists the filter misses, the upsert tries to insert, and the `_id` unique index
 * refuses it: that duplicate key is the "older" outcome, not an error (also when a concurrent delivery
 * inserted first). No read before the write, no transaction.
 */
export interface NewestWrite {
  /** The entry's `_id`, and what else it must match (e.g. its tenant: another tenant's entry is never written). */
  key: { _id: string } & Record<string, unknown>;
  /** The field that holds the version. */
  field: string;
  /** This snapshot's version (numbers and ISO times compare as stored). */
  version: number | string;
  /** The snapshot's fields (the version field is set too). */
  set: Record<string, unknown>;
  /** Fields written only when the entry is created. */
  setOnInsert?: Record<string, unknown>;
}

/** The upsert's filter: the entry, only while its version is lower than this one. */
export function newestWinsFilter(w: Pick<NewestWrite, 'key' | 'field' | 'version'>): Record<string, unknown> {
  return { ...w.key, [w.field]: { $lt: w.version } };
}

/** The upsert's update: the snapshot with its version (and the insert-only fields). */
export function newestWinsUpdate(w: Pick<NewestWrite, 'field' | 'version' | 'set' | 'setOnInsert'>): Record<string, unknown> {
  const update: Record<string, unknown> = { $set: { ...w.set, [w.field]: w.version } };
  if (w.setOnInsert && Object.keys(w.setOnInsert).length) update.$setOnInsert = w.setOnInsert;
  return update;
}

/**
 * Write the snapshot if it is the newest (see NewestWrite). `true` when it was written, `false` when
 * the entry already holds this version or a newer one.
 */
export async function upsertNewest<T>(model: Model<T>, w: NewestWrite): Promise<boolean> {
  try {
    const r = await model.updateOne(newestWinsFilter(w) as FilterQuery<T>, newestWinsUpdate(w) as UpdateQuery<T>, { upsert: true });
    return r.matchedCount > 0 || r.upsertedCount > 0;
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    return false;
  }
}
