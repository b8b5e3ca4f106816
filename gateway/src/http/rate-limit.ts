import type { Request, RequestHandler } from 'express';
import type { RateLimiter } from '../limits/token-bucket';
import { principalOf } from './auth';
import { sendGraphQLError } from './graphql-error';

/** Who pays for a request: the token's tenant + subject when verified, else the client address. */
export function rateLimitKey(req: Request): string {
  const principal = principalOf(req);
  if (principal) return `user:${principal.tenantId}:${principal.userId}`;
  return `ip:${req.ip ?? req.socket.remoteAddress ?? 'unknown'}`;
}

/** 429 with Retry-After and a GraphQL error body once an identity has spent its budget. */
export function rateLimit(limiter: RateLimiter): RequestHandler {
  return (req, res, next) => {
    const decision = limiter.take(rateLimitKey(req));
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
