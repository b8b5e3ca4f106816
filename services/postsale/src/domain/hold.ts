import type { RequestStatus } from './request';

/**
 * How long a product hold may name a request that was never stored before the hold counts as
 * abandoned. Receiving a request takes the hold and then stores the request: a crash in between
 * leaves a hold with no request. Storing takes milliseconds, so a minute only protects a request
 * still being stored, and no sweeper is needed: the next request on the product takes the hold over.
 */
export const ORPHAN_HOLD_GRACE_MS = 60_000;

/** The request a hold names, as found now (null: never stored). */
export interface HoldHolder {
  status: RequestStatus;
}

/**
 * Whether a product hold still binds. It does while its request is open. It does not when the request
 * was closed (a crash between closing the request and releasing the product) nor when the request was
 * never stored and the grace period is over (a crash between taking the hold and storing the request).
 */
export function holdBinds(holder: HoldHolder | null, heldSince: Date | null, now: Date, graceMs = ORPHAN_HOLD_GRACE_MS): boolean {
  if (holder) return holder.status !== 'CLOSED' && holder.status !== 'CLOSED_INCOMPLETE';
  // A hold written before holds carried their time (no pendingSince) has no age: with no request behind it, it is abandoned.
  return heldSince !== null && now.getTime() - heldSince.getTime() <= graceMs;
}
