import { createHash, timingSafeEqual } from 'node:crypto';
import { ConfigError } from '../config/env';

/** Outside production, gateway and subgraphs share this when INTERNAL_API_TOKEN is not set. */
const DEV_INTERNAL_API_TOKEN = 'vinculo-local-dev-internal-token-change-me';

/**
 * The credential only the gateway and the subgraphs hold (`INTERNAL_API_TOKEN`): it guards the
 * internal endpoints the gateway calls (customers' API-key check). Undefined in production when not
 * set: the internal endpoints are then off, and so are API keys.
 */
export function internalApiToken(source: NodeJS.ProcessEnv): string | undefined {
  const value = source.INTERNAL_API_TOKEN;
  if (value) {
    if (value.length < 32) throw new ConfigError(['INTERNAL_API_TOKEN: must be at least 32 characters']);
    return value;
  }
  return source.NODE_ENV === 'production' ? undefined : DEV_INTERNAL_API_TOKEN;
}

/** Compare a presented secret with the expected one in constant time (digests first, so lengths do not leak either). */
export function sameSecret(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== 'string' || given.length === 0) return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
