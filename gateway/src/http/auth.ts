import type { Request, RequestHandler } from 'express';
import { DomainError, type Principal, type TokenVerifier } from '@vinculo/common';
import { sendGraphQLError } from './graphql-error';

const principals = new WeakMap<Request, Principal>();
const failures = new WeakMap<Request, DomainError>();

/** The verified caller of a request, once `authenticate` has run. */
export function principalOf(req: Request): Principal | undefined {
  return principals.get(req);
}

/**
 * Verify the bearer token and remember the outcome, without answering yet: the rate limiter runs in
 * between, so a client hammering with bad tokens is throttled by IP before it is told 401.
 */
export function authenticate(verify: TokenVerifier): RequestHandler {
  return async (req, _res, next) => {
    try {
      principals.set(req, await verify(req.headers.authorization));
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      failures.set(req, err);
    }
    next();
  };
}

/** Refuse unauthenticated requests with 401 UNAUTHENTICATED; nothing downstream (no subgraph) runs. */
export const requireAuth: RequestHandler = (req, res, next) => {
  if (principals.has(req)) return next();
  const failure = failures.get(req);
  const message = failure?.message ?? 'Authentication required';
  res.setHeader(
    'WWW-Authenticate',
    req.headers.authorization ? `Bearer error="invalid_token", error_description="${message}"` : 'Bearer',
  );
  sendGraphQLError(res, 401, 'UNAUTHENTICATED', message);
};
