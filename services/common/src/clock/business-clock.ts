/**
 * Business time per tenant (issue 13: "a business clock lets a tenant live through its months").
 * Every rule, job and "today" of application code reads `businessNow(tenantId)`, never `new Date()`:
 * outside production a tenant's clock may be advanced (forward only) to live through its months;
 * in production the offset is always 0 and business time is the wall clock.
 *
 * The clock is the wall clock plus a per-tenant offset, so time keeps flowing after an advance.
 * Offsets are kept in memory, filled by the clock read model of each subgraph.
 */
const offsets = new Map<string, number>();

/** The tenant's business "now". */
export function businessNow(tenantId: string): Date {
  return new Date(Date.now() + (offsets.get(tenantId) ?? 0));
}

/** The tenant's current offset from the wall clock, in ms (0 unless the clock was advanced). */
export function businessClockOffset(tenantId: string): number {
  return offsets.get(tenantId) ?? 0;
}

/** Records the tenant's offset (the clock read model calls this; never lowers it). */
export function setBusinessClockOffset(tenantId: string, offsetMs: number): void {
  if (offsetMs > (offsets.get(tenantId) ?? 0)) offsets.set(tenantId, offsetMs);
}
