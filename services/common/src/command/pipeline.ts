import type { Model, UpdateQuery } from 'mongoose';
import type { EventEnvelope } from '../events/envelope';
import { DomainError } from '../errors/codes';
import { loadAtVersion } from '../mongo/by-id';
import { updateVersioned, type WithOutbox } from '../mongo/outbox';

/**
 * The one way a state change is written (issue #17): load the aggregate → decide (pure) → one versioned
 * write of the new state with its events (the outbox, mongo/outbox.ts) → wake the relay.
 *
 * Who acts decides how a concurrent change is met:
 * - a person saw the aggregate at a version (`expectedVersion`): the act applies to that version only;
 *   moved on → CONFLICT (stale_version), so nobody overwrites what they did not see;
 * - the system (a consumed event, a job) acts on whatever is current (`retry`): a stale write re-loads
 *   and re-decides, a bounded number of times, then fails (the consumer retries the event later).
 *
 * `decide` gets the aggregate as stored and returns the update and the events, or `null` when there is
 * nothing to do (already applied: redelivered event, repeated act). It must not write anything itself;
 * it may throw a DomainError (wrong state → FAILED_PRECONDITION, bad input → BAD_USER_INPUT), and then
 * nothing is written.
 */
export interface Decision<T> {
  update: UpdateQuery<T>;
  events: EventEnvelope[];
}

/** How a stale version is met: the caller's version, or re-decide up to `attempts` times. */
export type Concurrency = { expectedVersion: number | null } | { retry: number };

/** System actors re-decide this many times by default before giving up (then the event is retried). */
export const SYSTEM_RETRY: Concurrency = { retry: 8 };

export interface Command<T extends WithOutbox & { _id: string; tenantId: string }> {
  model: Model<T>;
  /** The aggregate's name in errors ("SalesOrder"). */
  what: string;
  tenantId: string;
  id: string;
  concurrency: Concurrency;
  decide: (current: T) => Decision<T> | null;
  /** Called after a write that carried events (wakes the outbox relay). */
  published?: () => void;
}

export interface CommandResult<T> {
  /** The aggregate after the act (as stored; unchanged when `changed` is false). */
  doc: T;
  changed: boolean;
  events: EventEnvelope[];
}

/** Run one act on one aggregate. Unknown id → NOT_FOUND; another tenant's id → NOT_FOUND. */
export async function runCommand<T extends WithOutbox & { _id: string; tenantId: string }>(cmd: Command<T>): Promise<CommandResult<T>> {
  const attempts = 'retry' in cmd.concurrency ? Math.max(1, cmd.concurrency.retry) : 1;
  const expected = 'expectedVersion' in cmd.concurrency ? cmd.concurrency.expectedVersion : null;
  for (let attempt = 1; ; attempt++) {
    const current = await loadAtVersion<T>(cmd.model, cmd.what, cmd.tenantId, cmd.id, attempt === 1 ? expected : null);
    const decision = cmd.decide(current);
    if (!decision) return { doc: current, changed: false, events: [] };
    try {
      // `current` was loaded for the tenant (loadAtVersion checks it): the write filters `{ _id, version }`.
      const doc = await updateVersioned(cmd.model, current, current.version, decision.update, decision.events);
      if (decision.events.length) cmd.published?.();
      return { doc, changed: true, events: decision.events };
    } catch (err) {
      if (isStale(err) && attempt < attempts) continue;
      throw err;
    }
  }
}

/**
 * Bounded re-try of any read-decide-write step that fails on a stale version (for writes that are not
 * one aggregate's versioned update, e.g. a conditional update of a read model or an agenda slot).
 */
export async function retryOnStale<R>(attempts: number, step: (attempt: number) => Promise<R>): Promise<R> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await step(attempt);
    } catch (err) {
      if (isStale(err) && attempt < attempts) continue;
      throw err;
    }
  }
}

export const isStale = (err: unknown): boolean => err instanceof DomainError && err.kind === 'stale_version';
