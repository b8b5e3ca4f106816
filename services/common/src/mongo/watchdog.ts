import mongoose, { type Connection } from 'mongoose';
import type { Logger } from '../log/logger';

export interface StoreWatchdogOptions {
  uri: string;
  logger: Logger;
  /** Called each time the client is rebuilt (metrics). */
  onReconnect?: () => void;
  everyMs?: number;
  /** How long the pooled client may fail while a fresh client reaches the store before it is rebuilt. */
  stuckAfterMs?: number;
}

const withTimeout = <T>(p: Promise<T>, ms: number): Promise<T> =>
  Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms).unref())]);

/**
 * After a store restart the driver normally rediscovers the server by itself. Seldom (seen about
 * once in three store restarts under load on the local engine) one process's client stays
 * "Unknown" for good: every operation fails server selection while the store answers everyone
 * else. Effects are not lost — consumers retry — but they would wait forever. So: when the pooled
 * client has failed for `stuckAfterMs` and a fresh client reaches the store, the pooled client is
 * closed and connected again (models and collections keep working on it).
 */
export function watchStore(conn: Connection, opts: StoreWatchdogOptions): { stop: () => void } {
  const everyMs = opts.everyMs ?? 5_000;
  const stuckAfterMs = opts.stuckAfterMs ?? 20_000;
  let failingSince: number | undefined;
  let busy = false;

  async function freshClientReachesStore(): Promise<boolean> {
    const probe = new mongoose.mongo.MongoClient(opts.uri, { serverSelectionTimeoutMS: 2_000, connectTimeoutMS: 2_000 });
    try {
      await withTimeout(probe.db('admin').command({ ping: 1 }), 4_000);
      return true;
    } catch {
      return false;
    } finally {
      await probe.close(true).catch(() => {});
    }
  }

  async function check(): Promise<void> {
    try {
      await withTimeout(conn.db!.admin().command({ ping: 1 }), 3_000);
      failingSince = undefined;
      return;
    } catch {
      failingSince ??= Date.now();
    }
    if (Date.now() - failingSince < stuckAfterMs || !(await freshClientReachesStore())) return;
    opts.logger.warn({ failingForMs: Date.now() - failingSince }, 'store answers but this client does not; reconnecting it');
    const client = conn.getClient();
    await client.close(true).catch(() => {});
    await client.connect();
    failingSince = undefined;
    opts.onReconnect?.();
  }

  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    check()
      .catch((err: unknown) => opts.logger.warn({ err }, 'store watchdog check failed'))
      .finally(() => (busy = false));
  }, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
