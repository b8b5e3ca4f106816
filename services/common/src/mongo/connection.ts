import { createHash, randomUUID } from 'node:crypto';
import mongoose, { type Connection, type Schema } from 'mongoose';

/** Default server-side time limit of every store read, when the caller does not give one. */
export const DEFAULT_MAX_TIME_MS = 8000;

/** The read operations of mongoose queries (writes are bounded by their filter on `_id` or a key). */
const READ_OPS = ['find', 'findOne', 'countDocuments', 'estimatedDocumentCount', 'distinct'] as const;

/**
 * Schema plugin: every query read and aggregation carries `maxTimeMS` unless it set its own, so a
 * read that would scan too long is stopped by the server (error code 50, MaxTimeMSExpired) instead
 * of holding a connection and a request. Real MongoDB enforces it; the local Mongo-wire engine
 * accepts the option and ignores it.
 */
export function maxTimeMSPlugin(maxTimeMS: number) {
  return (schema: Schema): void => {
    schema.pre([...READ_OPS], function () {
      if (this.getOptions().maxTimeMS === undefined) this.maxTimeMS(maxTimeMS);
    });
    schema.pre('aggregate', function () {
      if (this.options.maxTimeMS === undefined) this.option({ maxTimeMS });
    });
  };
}

/**
 * Open a service's own database. Works on real MongoDB and on the local Mongo-wire engine; no
 * `serverApi` (the local engine answers `ismaster`, not `hello`) and no multi-document transactions.
 * Every read carries `maxTimeMS` (maxTimeMSPlugin).
 */
export async function connectMongo(uri: string, dbName: string, opts: { maxTimeMS?: number } = {}): Promise<Connection> {
  // Mongoose captures `new Error().stack` on every query only to word a "Query was already executed"
  // error; the capture showed in every subgraph's CPU profile under load.
  mongoose.set('skipOriginalStackTraces', true);
  const conn = mongoose.createConnection(uri, {
    dbName,
    serverSelectionTimeoutMS: 10_000,
    maxPoolSize: 20,
    autoIndex: true,
    autoCreate: true,
  });
  // Applies to every model compiled on this connection afterwards (models are made in wire()).
  conn.plugin(maxTimeMSPlugin(opts.maxTimeMS ?? DEFAULT_MAX_TIME_MS));
  await conn.asPromise();
  return conn;
}

type StoreCallListener = (collection: string, method: string, args: unknown[]) => void;
const storeCallListeners = new WeakMap<Connection, StoreCallListener[]>();

/**
 * Call `listener` with every driver call made on `conn` (collection, method, arguments). Mongoose has
 * one debug hook per connection; this shares it between listeners (operation metrics, query shapes).
 */
export function onStoreCall(conn: Connection, listener: StoreCallListener): void {
  let listeners = storeCallListeners.get(conn);
  if (!listeners) {
    const all: StoreCallListener[] = [];
    listeners = all;
    storeCallListeners.set(conn, all);
    conn.set('debug', (collection: string, method: string, ...args: unknown[]) => {
      for (const l of all) l(collection, method, args);
    });
  }
  listeners.push(listener);
}

/** Ready when the store answers ping. */
export async function pingMongo(conn: Connection): Promise<boolean> {
  try {
    await conn.db?.admin().command({ ping: 1 });
    return true;
  } catch {
    return false;
  }
}

/** True for a duplicate-key error (unique index), on MongoDB and the local engine alike. */
export function isDuplicateKey(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;
}

/** A new opaque id with a readable prefix, e.g. `cus_1f0c…`. */
export function newId(prefix: string): string {
  return `${prefix}_${randomUUID().replace(/-/g, '')}`;
}

/**
 * The id of a document created in reaction to an event: derived from the event id, so a
 * redelivered event hits the same `_id` (duplicate key) instead of creating a second document.
 */
export function idFromEvent(prefix: string, eventId: string): string {
  return `${prefix}_${createHash('sha256').update(eventId).digest('hex').slice(0, 32)}`;
}

/** Insert, treating a duplicate `_id` as "already done" (idempotent effects). Returns true if inserted. */
export async function insertOnce<T>(model: import('mongoose').Model<T>, doc: Partial<T>): Promise<boolean> {
  try {
    await model.create(doc);
    return true;
  } catch (err) {
    if (isDuplicateKey(err)) return false;
    throw err;
  }
}
