import type { Principal } from './roles';

/**
 * Tokens this process verified lately, with the principal each yields, until the earliest moment the
 * verifier would refuse it (its `exp`, or `iat` + the maximum token age; the clock tolerance is not
 * added, so the cache never accepts what verification would refuse). Why: one Customer 360 sends the
 * same token through the gateway to six subgraphs, and a client sends it with every request; each
 * verification is an HMAC, a claims check and a schema parse. Bounded: cleared when full.
 */
export class VerifiedTokens {
  private readonly entries = new Map<string, { principal: Principal; until: number }>();

  constructor(private readonly maxEntries = 1_000) {}

  /** The principal of a token verified before and still valid at `nowMs`, else undefined. */
  get(authorization: string, nowMs: number): Principal | undefined {
    const hit = this.entries.get(authorization);
    if (!hit) return undefined;
    if (nowMs < hit.until) return copyOf(hit.principal);
    this.entries.delete(authorization);
    return undefined;
  }

  /** Remember a verified token's principal until `untilMs`. */
  set(authorization: string, principal: Principal, untilMs: number): void {
    if (this.maxEntries <= 0) return;
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(authorization, { principal: copyOf(principal), until: untilMs });
  }
}

/** Each request gets its own copy: nothing one request does to its principal reaches another. */
const copyOf = (p: Principal): Principal => ({ ...p, roles: [...p.roles], scopes: [...p.scopes] });

/** When a verified token stops being acceptable: `exp`, or `iat` + the maximum age, whichever is first (ms). */
export function acceptableUntil(payload: { exp?: number | undefined; iat?: number | undefined }, maxTokenAgeSeconds: number): number {
  const exp = (payload.exp ?? 0) * 1000;
  const aged = ((payload.iat ?? 0) + maxTokenAgeSeconds) * 1000;
  return Math.min(exp, aged);
}
