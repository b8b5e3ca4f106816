import { DomainError } from '../errors/codes';

/**
 * A consumer failure is transient unless proven permanent: the partition pauses and the event is
 * retried (capped backoff, no limit on attempts) until its effect is written. Only a failure that
 * can never succeed — a refusal whatever the retry, data that will never be valid — goes to the
 * dead-letter topic. A handler says so by throwing `PermanentEventError` (or `permanent(err)`).
 */
export class PermanentEventError extends Error {
  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'PermanentEventError';
  }
}

/** Mark a handler's failure as one that no retry can fix. */
export function permanent(err: unknown): PermanentEventError {
  if (err instanceof PermanentEventError) return err;
  return new PermanentEventError(err instanceof Error ? err.message : String(err), err);
}

/**
 * Permanent: marked so by the handler, or invalid input (the event's own data breaks a rule of
 * shape: waiting will not change it). Everything else — the store down, a stale version, a read
 * model that has not heard of the entity yet, an illegal transition that a later event may allow —
 * is retried.
 */
export function isPermanent(err: unknown): boolean {
  if (err instanceof PermanentEventError) return true;
  return err instanceof DomainError && err.kind === 'invalid_input';
}
