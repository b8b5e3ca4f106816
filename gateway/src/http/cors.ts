import type { RequestHandler } from 'express';
import { ConfigError } from '@vinculo/common';

/**
 * Which browser origins may call the graph. An entry is an exact origin (`https://app.example.com`)
 * or an origin whose port is `*` (`http://localhost:*`, any port of that scheme and host).
 */
export interface CorsPolicy {
  readonly origins: readonly string[];
}

/** What the local and test stacks allow when `CORS_ORIGINS` is unset: front ends served from this machine. */
export const LOOPBACK_ORIGINS = ['http://localhost:*', 'http://127.0.0.1:*', 'http://[::1]:*', 'https://localhost:*'] as const;

const ORIGIN = /^https?:\/\/(\[[0-9a-f:]+\]|[a-z0-9.-]+)(:(\d{1,5}|\*))?$/i;

/**
 * `CORS_ORIGINS` (comma-separated) → the allowlist; unset → none in production (a deployment names
 * its front ends), the loopback origins elsewhere. Throws on an entry that is not an origin, so a
 * typo (a path, a trailing slash, `*`) is a start-up error rather than a silently closed door.
 */
export function corsPolicyOf(value: string | undefined, production: boolean): CorsPolicy {
  if (value === undefined) return { origins: production ? [] : [...LOOPBACK_ORIGINS] };
  const origins = value
    .split(',')
    .map((o) => o.trim())
    .filter((o) => o.length > 0);
  const bad = origins.filter((o) => !ORIGIN.test(o));
  if (bad.length > 0) throw new ConfigError([`CORS_ORIGINS: not an origin (scheme://host[:port|:*]): ${bad.join(', ')}`]);
  return { origins: origins.map((o) => o.toLowerCase()) };
}

export function originAllowed(policy: CorsPolicy, origin: string): boolean {
  const o = origin.toLowerCase();
  return policy.origins.some((allowed) => {
    if (!allowed.endsWith(':*')) return allowed === o;
    const base = allowed.slice(0, -2);
    return o === base || (o.startsWith(`${base}:`) && /^\d{1,5}$/.test(o.slice(base.length + 1)));
  });
}

const ALLOW_METHODS = 'GET, POST, OPTIONS';
// What our clients send: the token or key, JSON, Apollo's CSRF header, a correlation id.
const ALLOW_HEADERS = 'authorization, content-type, x-api-key, x-request-id, apollo-require-preflight';
const EXPOSE_HEADERS = 'x-request-id, retry-after';

/**
 * CORS for /graphql, mounted before authentication: a preflight carries no token, so it is answered
 * here (204 for an allowed origin, 403 otherwise) and never reaches auth. Real requests from an
 * allowed origin get `Access-Control-Allow-Origin` echoed; from any other origin they get no CORS
 * header, so the browser withholds the answer. Credentials are never allowed: callers authenticate
 * with a bearer token or an API key in a header, never with cookies.
 */
export function cors(policy: CorsPolicy): RequestHandler {
  return (req, res, next) => {
    const origin = req.headers.origin;
    if (typeof origin !== 'string' || origin.length === 0) return next(); // not a browser cross-origin call
    res.vary('Origin');
    const allowed = originAllowed(policy, origin);
    const preflight = req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
    if (preflight) {
      if (!allowed) {
        res.status(403).end();
        return;
      }
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Methods', ALLOW_METHODS);
      res.setHeader('Access-Control-Allow-Headers', ALLOW_HEADERS);
      res.setHeader('Access-Control-Max-Age', '600');
      res.status(204).end();
      return;
    }
    if (allowed) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Expose-Headers', EXPOSE_HEADERS);
    }
    next();
  };
}
