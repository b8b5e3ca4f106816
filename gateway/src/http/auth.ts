import type { Request, RequestHandler } from 'express';
import { DomainError, unauthenticated, type Principal, type TokenVerifier } from '@vinculo/common';
import { sendGraphQLError } from './graphql-error';
import { KeyCheckUnavailable, presentedKey, type ApiKeyAuthenticator, type AuthenticatedKey } from './api-keys';

const principals = new WeakMap<Request, Principal>();
const keys = new WeakMap<Request, AuthenticatedKey>();
const failures = new WeakMap<Request, DomainError | KeyCheckUnavailable>();

/** The verified caller of a request, once `authenticate` has run. */
export function principalOf(req: Request): Principal | undefined {
  return principals.get(req);
}

/** The API key a request was authenticated by (its id and rate), if it was. */
export function apiKeyOf(req: Request): AuthenticatedKey | undefined {
  return keys.get(req);
}

/**
 * What the subgraphs receive as `authorization`: a person's bearer token as sent (each subgraph
 * verifies it again), or for an API key the short-lived token minted for its principal.
 */
export function forwardedAuthorization(req: Request): string {
  return keys.get(req)?.authorization ?? req.headers.authorization ?? '';
}

/**
 * Verify the bearer token or API key and remember the outcome, without answering yet: the rate
 * limiter runs in between, so a client hammering with bad credentials is throttled by IP before it
 * is told 401. `apiKeys` undefined: keys are off (not configured) and refused.
 */
export function authenticate(verify: TokenVerifier, apiKeys?: ApiKeyAuthenticator): RequestHandler {
  return async (req, _res, next) => {
    try {
      const presented = presentedKey(req.headers);
      if (presented.kind === 'none') {
        principals.set(req, await verify(req.headers.authorization));
      } else if (presented.kind === 'invalid') {
        throw unauthenticated(presented.reason);
      } else {
        if (!apiKeys) throw unauthenticated('API keys are not enabled on this gateway');
        const key = await apiKeys(presented.key);
        keys.set(req, key);
        principals.set(req, key.principal);
      }
    } catch (err) {
      if (!(err instanceof DomainError) && !(err instanceof KeyCheckUnavailable)) throw err;
      failures.set(req, err);
    }
    next();
  };
}

/** Refuse unauthenticated requests with 401 UNAUTHENTICATED; nothing downstream (no subgraph) runs. */
export const requireAuth: RequestHandler = (req, res, next) => {
  if (principals.has(req)) return next();
  const failure = failures.get(req);
  if (failure instanceof KeyCheckUnavailable) {
    res.setHeader('Retry-After', '1');
    return sendGraphQLError(res, 503, 'INTERNAL_SERVER_ERROR', failure.message);
  }
  const message = failure?.message ?? 'Authentication required';
  const scheme = presentedKey(req.headers).kind === 'none' ? 'Bearer' : 'ApiKey';
  res.setHeader(
    'WWW-Authenticate',
    req.headers.authorization || req.headers['x-api-key'] ? `${scheme} error="invalid_token", error_description="${message}"` : 'Bearer',
  );
  sendGraphQLError(res, 401, 'UNAUTHENTICATED', message);
};
