/**
 * E-mail delivery: every message is recorded with its status, and a failed attempt is retried with
 * capped exponential backoff (5 s → 30 min). Only a refusal the relay calls permanent (5xx for that
 * message) ends it as FAILED; an unreachable relay is never permanent, so nothing is lost while SMTP is down.
 */
export type DeliveryStatus = 'PENDING' | 'SENT' | 'FAILED' | 'SKIPPED';

export const RETRY_INITIAL_MS = 5_000;
export const RETRY_MAX_MS = 30 * 60_000;
/** Permanent refusals are retried this many times anyway (a misconfigured relay may answer 5xx to everything). */
export const PERMANENT_ATTEMPTS = 5;

export function nextAttemptDelay(attempt: number, initialMs = RETRY_INITIAL_MS, maxMs = RETRY_MAX_MS): number {
  return Math.min(maxMs, initialMs * 2 ** Math.max(0, attempt - 1));
}

/** What one failed attempt leads to. `responseCode`: the SMTP reply code when the relay answered. */
export function afterFailure(
  attempt: number,
  responseCode: number | undefined,
  now: Date,
  initialMs = RETRY_INITIAL_MS,
): { status: DeliveryStatus; nextAttemptAt: Date | null } {
  const permanent = responseCode !== undefined && responseCode >= 500 && responseCode < 600;
  if (permanent && attempt >= PERMANENT_ATTEMPTS) return { status: 'FAILED', nextAttemptAt: null };
  return { status: 'PENDING', nextAttemptAt: new Date(now.getTime() + nextAttemptDelay(attempt, initialMs)) };
}
