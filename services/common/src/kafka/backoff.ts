/** Capped exponential backoff with jitter, shared by the consumer's retries and the outbox relay. */
export interface Backoff {
  initialMs: number;
  maxMs: number;
}

/**
 * Delay before attempt `attempt + 1` (attempt ≥ 1): initial·2^(attempt−1), capped, with ±20 %
 * jitter so replicas retrying the same fault do not hit the store in step.
 */
export function backoffDelay(b: Backoff, attempt: number, random: () => number = Math.random): number {
  const exp = Math.min(b.maxMs, b.initialMs * 2 ** Math.min(attempt - 1, 30));
  const jitter = 0.8 + 0.4 * random();
  return Math.max(1, Math.round(Math.min(b.maxMs, exp * jitter)));
}
