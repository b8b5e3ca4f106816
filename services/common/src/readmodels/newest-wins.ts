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
 * only offset, or — for read models fed by contracts that carry no version — `eventOrder(e, rank)`: the
 * event time with the event type's place in the entry's lifecycle, so two events of one command sharing
 * a time both apply, in lifecycle order (a bare time would keep only the first).
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
  /**
   * `false`: only an existing entry changes, an absent one is not created (an event that carries part of
   * the entry, e.g. a new name, must not create an entry without the rest). Default `true`.
   */
  insert?: boolean;
  /**
   * Entries written before this read model had its version field (a migration, not a second rule): such
   * an entry matching this filter is overwritten too, once — the write sets the version field, and from
   * then on only the version decides. E.g. `{ order: { $exists: false }, asOf: { $lte: time } }`.
   */
  legacy?: Record<string, unknown>;
}

/** The upsert's filter: the entry, only while its version is lower than this one (or it is a matching legacy entry). */
export function newestWinsFilter(w: Pick<NewestWrite, 'key' | 'field' | 'version' | 'legacy'>): Record<string, unknown> {
  const newer = { [w.field]: { $lt: w.version } };
  return w.legacy ? { ...w.key, $or: [newer, w.legacy] } : { ...w.key, ...newer };
}

/**
 * The version of a snapshot from an event whose contract carries no aggregate version (time-ordered read
 * models): `<event time, ISO>#<rank>`, where rank is the event type's place in the entry's lifecycle
 * (e.g. WorkOrderCreated 0 < Progressed 1 < Closed 2). Compared as strings, a later time always wins;
 * at the same time (several events of one command) the later step of the lifecycle wins, so both apply
 * in order; the same event again is equal, so a redelivery or replay never re-applies an older one.
 * The time is normalised (`toISOString`: fixed width, comparable as text). A bare ISO time stored
 * before this key sorts just below the same time with any rank, so entries written by the earlier
 * `$lte`-on-time rule stay ordered: the first new event at or after their time wins.
 */
export function eventOrder(e: { time: string }, rank: number): string {
  if (!Number.isInteger(rank) || rank < 0 || rank > 99) throw new RangeError(`eventOrder: rank ${rank} is not an integer from 0 to 99`);
  const at = new Date(e.time);
  if (Number.isNaN(at.getTime())) throw new RangeError(`eventOrder: event time ${e.time} is not a date`);
  return `${at.toISOString()}#${String(rank).padStart(2, '0')}`;
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
    const r = await model.updateOne(newestWinsFilter(w) as FilterQuery<T>, newestWinsUpdate(w) as UpdateQuery<T>, { upsert: w.insert !== false });
    return r.matchedCount > 0 || r.upsertedCount > 0;
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    return false;
  }
}

/**
 * Ranks for `eventOrder` from a read model's lifecycle, its steps in order (a step may be several event
 * types of equal rank, e.g. won or lost): `lifecycleRanks(['Created', 'Progressed', 'Closed'])`.
 */
export function lifecycleRanks<K extends string>(steps: readonly (K | readonly K[])[]): Record<K, number> {
  const ranks = {} as Record<K, number>;
  steps.forEach((step, rank) => {
    for (const type of typeof step === 'string' ? [step] : step) ranks[type as K] = rank;
  });
  return ranks;
}

/**
 * The writer of a time-ordered read model (its contracts carry no version): an event's snapshot of
 * entry `id` in the event's tenant, written by upsertNewest at `eventOrder(event, rank)` in `field`.
 * `legacy`: the filter of entries written before `field` existed (see NewestWrite.legacy).
 */
export function timeOrderedWriter<T>(model: Model<T>, o: { field: string; legacy?: (e: { time: string }) => Record<string, unknown> }) {
  return (e: { tenantId: string; time: string }, rank: number, id: string, w: Pick<NewestWrite, 'set' | 'setOnInsert' | 'insert'>): Promise<boolean> =>
    upsertNewest(model, { key: { _id: id, tenantId: e.tenantId }, field: o.field, version: eventOrder(e, rank), legacy: o.legacy?.(e), ...w });
}
