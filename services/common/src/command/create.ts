import type { AnyKeys, Model } from 'mongoose';
import type { EventEnvelope } from '../events/envelope';
import { isDuplicateKey } from '../mongo/connection';
import type { WithOutbox } from '../mongo/outbox';

/** What a duplicate key on create means: a refusal (throw, e.g. CONFLICT) or the aggregate already there. */
export type OnDuplicate<T> = (err: unknown) => T | Promise<T>;

/**
 * The one way a new aggregate is written with its first events (the creating counterpart of runCommand):
 * one insert of the document with the events in its outbox (version 0), so the state and its events
 * land together, then the relay is woken.
 *
 * A duplicate key (its `_id`, derived from what it belongs to, or a unique index such as "one open claim
 * per invoice") means the aggregate already exists and nothing was written: `onDuplicate` says what that
 * is for this act — a refusal (it throws) or the existing aggregate (an idempotent create completes).
 * Without it the duplicate key is thrown as it came.
 */
export async function createWithEvents<T extends WithOutbox & { _id: string }>(
  model: Model<T>,
  /** The new aggregate (fields with schema defaults may be left out, as with `create`). */
  doc: Partial<Omit<T, 'outbox' | 'version'>> & Pick<T, '_id'>,
  events: EventEnvelope[],
  opts: { published?: () => void; onDuplicate?: OnDuplicate<T> } = {},
): Promise<T> {
  let created: T;
  try {
    const fields = { ...doc, outbox: events } as AnyKeys<T>;
    created = (await model.create(fields)).toObject<T>();
  } catch (err) {
    if (opts.onDuplicate && isDuplicateKey(err)) return opts.onDuplicate(err);
    throw err;
  }
  if (events.length) opts.published?.();
  return created;
}
