import { createTokenBucketLimiter } from '../src/limits/token-bucket';

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('token bucket rate limiter', () => {
  it('allows a burst of one minute’s worth, then refuses with the time until the next token', () => {
    const c = clock();
    const limiter = createTokenBucketLimiter({ perMinute: 60, now: c.now });
    for (let i = 0; i < 60; i++) expect(limiter.take('alice').allowed).toBe(true);
    expect(limiter.take('alice')).toEqual({ allowed: false, retryAfterMs: 1000 });
  });

  it('refills continuously at the per-minute rate', () => {
    const c = clock();
    const limiter = createTokenBucketLimiter({ perMinute: 60, burst: 1, now: c.now });
    expect(limiter.take('alice').allowed).toBe(true);
    c.advance(400);
    expect(limiter.take('alice')).toEqual({ allowed: false, retryAfterMs: 600 });
    c.advance(600);
    expect(limiter.take('alice').allowed).toBe(true);
  });

  it('never stores more than the burst, however long the identity was idle', () => {
    const c = clock();
    const limiter = createTokenBucketLimiter({ perMinute: 60, burst: 2, now: c.now });
    c.advance(60 * 60_000);
    expect(limiter.take('alice').allowed).toBe(true);
    expect(limiter.take('alice').allowed).toBe(true);
    expect(limiter.take('alice').allowed).toBe(false);
  });

  it('keeps one bucket per identity', () => {
    const c = clock();
    const limiter = createTokenBucketLimiter({ perMinute: 1, now: c.now });
    expect(limiter.take('user:demo:alice').allowed).toBe(true);
    expect(limiter.take('user:demo:alice').allowed).toBe(false);
    expect(limiter.take('user:demo:bob').allowed).toBe(true);
    expect(limiter.take('user:other:alice').allowed).toBe(true);
  });

  it('bounds memory: forgets idle identities first, then the least recently used', () => {
    const c = clock();
    const limiter = createTokenBucketLimiter({ perMinute: 60, maxKeys: 10, now: c.now });
    for (let i = 0; i < 10; i++) limiter.take(`ip:${i}`);
    c.advance(60_000); // every bucket has refilled: forgetting them loses nothing
    limiter.take('ip:new');
    expect(limiter.size()).toBe(1);

    for (let i = 0; i < 50; i++) limiter.take(`busy:${i}`);
    expect(limiter.size()).toBeLessThanOrEqual(10);
  });

  it('keeps a busy identity through evictions, so it cannot reset its debt by flooding new keys', () => {
    const c = clock();
    const limiter = createTokenBucketLimiter({ perMinute: 1, maxKeys: 10, now: c.now });
    expect(limiter.take('alice').allowed).toBe(true);
    for (let i = 0; i < 50; i++) {
      limiter.take(`spoofed:${i}`);
      expect(limiter.take('alice').allowed).toBe(false);
    }
    expect(limiter.size()).toBeLessThanOrEqual(10);
  });
});
