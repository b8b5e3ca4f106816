import { badInput, ruleViolated } from '../errors/codes';

/**
 * Business time per tenant (issue 13: "a business clock lets a tenant live through its months").
 * Every rule, job and "today" of application code reads `businessNow(tenantId)`, never `new Date()`:
 * outside production a tenant's clock may be advanced (forward only) to live through its months;
 * in production the offset is always 0 and business time is the wall clock.
 *
 * Which time is which:
 * - business time (`businessNow`): "today" and "now" of rules (eligibility, suspension limits, effective
 *   dates, due dates, deadlines and SLAs, promise dates, the closed month a billing run bills, an
 *   indicator's current period), the jobs that fire on those dates, and the dates a business record
 *   carries because a rule reads them later (an invoice's issue date, a request's entry date, a status
 *   change's `at` in a history a rule counts).
 * - wall clock (`new Date()` / `Date.now()`): technical and audit stamps no rule reads — an event
 *   envelope's `time`, outbox / consumer / fault bookkeeping, caches and timeouts, `updatedAt` of read
 *   models, API-key rotation and revocation, the reconciliation report's cutoff (it compares with event
 *   times). An aggregate's `createdAt` may stay wall clock too.
 *
 * The clock is the wall clock plus a per-tenant offset, so time keeps flowing after an advance.
 * Offsets are kept in memory, filled by the business-clock read model every subgraph keeps
 * (readmodels/business-clock.ts) from customers.BusinessClockAdvanced.
 */
const offsets = new Map<string, number>();
const listeners = new Set<(tenantId: string, offsetMs: number) => void>();

/** The tenant's business "now". */
export function businessNow(tenantId: string): Date {
  return new Date(Date.now() + (offsets.get(tenantId) ?? 0));
}

/**
 * The business time of a wall-clock instant of the tenant, e.g. an event's `time` (an audit stamp on the
 * wall clock): when a consumer dates a fact by when it happened (an SLA clock, the month of a charge).
 * Uses the tenant's current offset, which is exact unless the clock was advanced in between.
 */
export function businessTimeOf(tenantId: string, wallTime: Date | string): Date {
  const at = typeof wallTime === 'string' ? Date.parse(wallTime) : wallTime.getTime();
  return new Date(at + (offsets.get(tenantId) ?? 0));
}

/** The tenant's current offset from the wall clock, in ms (0 unless the clock was advanced). */
export function businessClockOffset(tenantId: string): number {
  return offsets.get(tenantId) ?? 0;
}

/**
 * Records the tenant's offset (the clock read model calls this; never lowers it). Returns true when the
 * clock moved forward, after telling the listeners (the subgraph's jobs run for that tenant).
 */
export function setBusinessClockOffset(tenantId: string, offsetMs: number): boolean {
  if (!(offsetMs > (offsets.get(tenantId) ?? 0))) return false;
  offsets.set(tenantId, offsetMs);
  for (const listener of listeners) listener(tenantId, offsetMs);
  return true;
}

/** Be told each time a tenant's clock moves forward in this process; returns the unsubscribe. */
export function onBusinessClockAdvanced(listener: (tenantId: string, offsetMs: number) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Whether a tenant's clock may be advanced from `current` to `to`, and the offset it then has (`to`
 * minus the wall clock `wallNow`). Refused in production (FAILED_PRECONDITION: business time is the
 * wall clock there), and when `to` is not after the tenant's business now (BAD_USER_INPUT: the clock
 * only moves forward, so nothing already decided is decided again at an earlier date).
 */
export function decideClockAdvance(input: { current: Date; to: Date; wallNow: Date; production: boolean }): { offsetMs: number } {
  if (input.production) {
    throw ruleViolated('BUSINESS-CLOCK', 'the business clock cannot be advanced in production: business time is the wall clock there');
  }
  if (Number.isNaN(input.to.getTime())) throw badInput('`to` is not a valid date-time', 'to');
  if (input.to.getTime() <= input.current.getTime()) {
    throw badInput(
      `the business clock only moves forward: ${input.to.toISOString()} is not after the tenant's business now ${input.current.toISOString()}`,
      'to',
    );
  }
  return { offsetMs: input.to.getTime() - input.wallNow.getTime() };
}
