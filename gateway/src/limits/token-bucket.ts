/** The outcome of asking for one request's worth of budget. */
export interface RateDecision {
  allowed: boolean;
  /** When refused: how long until one request's worth has refilled. 0 when allowed. */
  retryAfterMs: number;
}

export interface RateLimiter {
  take(key: string): RateDecision;
  /** Identities currently tracked (for tests and a sanity metric). */
  size(): number;
}

export interface TokenBucketOptions {
  /** Sustained rate per identity. */
  perMinute: number;
  /** Largest burst; defaults to one minute's worth. */
  burst?: number;
  /** Bound on tracked identities, so a flood of new keys cannot grow memory without limit. */
  maxKeys?: number;
  now?: () => number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * In-memory token bucket per identity. Each gateway replica limits on its own: with N replicas behind
 * a balancer an identity gets up to N× the rate, which is acceptable for a fairness guard (a shared
 * store would make every request pay a network round trip).
 */
export function createTokenBucketLimiter(options: TokenBucketOptions): RateLimiter {
  const capacity = options.burst ?? options.perMinute;
  const perMs = options.perMinute / 60_000;
  const maxKeys = options.maxKeys ?? 100_000;
  const now = options.now ?? Date.now;
  const buckets = new Map<string, Bucket>();

  const refilled = (bucket: Bucket, t: number): number => Math.min(capacity, bucket.tokens + (t - bucket.updatedAt) * perMs);

  const evict = (t: number): void => {
    // A full bucket behaves exactly like a fresh one, so forgetting it loses nothing.
    for (const [key, bucket] of buckets) {
      if (refilled(bucket, t) >= capacity) buckets.delete(key);
    }
    // Still too many active identities: drop the least recently used (take() keeps the Map in use order).
    for (const key of buckets.keys()) {
      if (buckets.size <= maxKeys * 0.9) break;
      buckets.delete(key);
    }
  };

  return {
    take(key) {
      const t = now();
      let bucket = buckets.get(key);
      if (bucket) {
        // Move to the end: Map order is then least-recently-used first, for eviction.
        buckets.delete(key);
      } else {
        if (buckets.size >= maxKeys) evict(t);
        bucket = { tokens: capacity, updatedAt: t };
      }
      buckets.set(key, bucket);
      bucket.tokens = refilled(bucket, t);
      bucket.updatedAt = t;
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { allowed: true, retryAfterMs: 0 };
      }
      return { allowed: false, retryAfterMs: Math.ceil((1 - bucket.tokens) / perMs) };
    },
    size: () => buckets.size,
  };
}
