import type { Request, RequestHandler } from 'express';
import { createTokenBucketLimiter, type RateLimiter } from '../limits/token-bucket';
import { apiKeyOf, principalOf } from './auth';
import { sendGraphQLError } from './graphql-error';

/** Who pays for a request: the token's tenant + subject when verified, else the client address. */
export function rateLimitKey(req: Request): string {
  const principal = principalOf(req);
  if (principal) return `user:${principal.tenantId}:${principal.userId}`;
  return `ip:${req.ip ?? req.socket.remoteAddress ?? 'unknown'}`;
}

/** One bucket limiter per distinct key rate (a key's rate is fixed when it is created). */
export function keyLimiters(create: (perMinute: number) => RateLimiter = (perMinute) => createTokenBucketLimiter({ perMinute })) {
  const byRate = new Map<number, RateLimiter>();
  return (perMinute: number): RateLimiter => {
    let limiter = byRate.get(perMinute);
    if (!limiter) byRate.set(perMinute, (limiter = create(perMinute)));
    return limiter;
  };
}

/**
 * 429 with Retry-After and a GraphQL error body once an identity has spent its budget: an API key
 * spends its own rate (set by the ADMIN who created it), everyone else the gateway's.
 */
export function rateLimit(limiter: RateLimiter, forKeys: (perMinute: number) => RateLimiter = keyLimiters()): RequestHandler {
  return (req, res, next) => {
    const key = apiKeyOf(req);
    const decision = key ? forKeys(key.rateLimitPerMinute).take(`key:${key.keyId}`) : limiter.take(rateLimitKey(req));
    if (decision.allowed) return next();
    const retryAfterSeconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
    res.setHeader('Retry-After', String(retryAfterSeconds));
    // No rate-limit code in the closed set: FAILED_PRECONDITION + reason, and the HTTP status says 429.
    sendGraphQLError(res, 429, 'FAILED_PRECONDITION', `Rate limit exceeded; retry in ${retryAfterSeconds} s`, {
      reason: 'RATE_LIMITED',
      retryAfterSeconds,
    });
  };
}
