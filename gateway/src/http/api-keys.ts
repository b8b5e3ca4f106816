import type { IncomingHttpHeaders } from 'node:http';
import { z } from 'zod';
import { MACHINE_ROLES, SCOPES, signForwardedToken, unauthenticated, type JwtConfig, type Logger, type Principal } from '@vinculo/common';

/** Same shape customers issues (`vk_<24 hex id>_<43 base64url>`): anything else is refused without asking. */
const KEY_SHAPE = /^vk_[0-9a-f]{24}_[A-Za-z0-9_-]{43}$/;

/** The API key a request presents (`Authorization: ApiKey …` or `x-api-key`), none, or why it is unusable. */
export type PresentedKey = { kind: 'none' } | { kind: 'key'; key: string } | { kind: 'invalid'; reason: string };

export function presentedKey(headers: IncomingHttpHeaders): PresentedKey {
  const authorization = headers.authorization;
  const scheme = /^ApiKey\s+(\S+)$/i.exec(authorization ?? '');
  const header = headers['x-api-key'];
  const xApiKey = Array.isArray(header) ? header[0] : header;
  if (!scheme && xApiKey === undefined) return { kind: 'none' };
  // Two credentials would leave it open which one the request is made as.
  if (authorization && !scheme && xApiKey !== undefined) return { kind: 'invalid', reason: 'Send a bearer token or an API key, not both' };
  const key = scheme?.[1] ?? xApiKey ?? '';
  if (scheme && xApiKey !== undefined && xApiKey !== key) return { kind: 'invalid', reason: 'Two different API keys sent' };
  return KEY_SHAPE.test(key) ? { kind: 'key', key } : { kind: 'invalid', reason: 'Invalid API key' };
}

/** What customers answers for a valid key. */
const grantSchema = z.object({
  keyId: z.string().min(1),
  tenantId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/),
  partner: z.string().min(1),
  role: z.enum(MACHINE_ROLES),
  scopes: z.array(z.enum(SCOPES)),
  rateLimitPerMinute: z.number().int().min(1),
});
export type KeyGrant = z.infer<typeof grantSchema>;

/** The caller an API key stands for: its role and scopes, in its tenant, as `apikey:<id>`. */
export function principalOfKey(grant: KeyGrant): Principal & { partner: string } {
  return {
    userId: `apikey:${grant.keyId}`,
    tenantId: grant.tenantId,
    roles: [grant.role],
    scopes: [...grant.scopes],
    partner: grant.partner,
  };
}

/** Customers could not say (down, slow, odd answer): 503, the key may well be good. */
export class KeyCheckUnavailable extends Error {
  constructor() {
    super('API key could not be checked; retry shortly');
    this.name = 'KeyCheckUnavailable';
  }
}

export interface AuthenticatedKey {
  principal: Principal;
  keyId: string;
  rateLimitPerMinute: number;
  /** What the subgraphs receive instead of the key: a short-lived token for the principal. */
  authorization: string;
}

export type ApiKeyAuthenticator = (key: string) => Promise<AuthenticatedKey>;

export interface ApiKeyAuthenticatorOptions {
  /** Customers' internal check endpoint. */
  checkUrl: string;
  internalToken: string;
  jwt: JwtConfig;
  timeoutMs: number;
  logger: Logger;
}

/**
 * Check every request's key with customers (nothing cached: a revoked or rotated key is refused
 * from the next request on every replica), then mint the token the subgraphs verify.
 */
export function apiKeyAuthenticator(opts: ApiKeyAuthenticatorOptions): ApiKeyAuthenticator {
  return async (key) => {
    let res: Response;
    try {
      res = await fetch(opts.checkUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-internal-token': opts.internalToken },
        body: JSON.stringify({ key }),
        signal: AbortSignal.timeout(opts.timeoutMs),
      });
    } catch (err) {
      opts.logger.warn({ err }, 'API key check: customers did not answer');
      throw new KeyCheckUnavailable();
    }
    if (res.status === 401) {
      await res.text();
      throw unauthenticated('Invalid API key');
    }
    const body: unknown = await res.json().catch(() => undefined);
    const grant = res.ok ? grantSchema.safeParse(body) : undefined;
    if (!grant?.success) {
      opts.logger.warn({ status: res.status }, 'API key check: unexpected answer from customers');
      throw new KeyCheckUnavailable();
    }
    const principal = principalOfKey(grant.data);
    const token = await signForwardedToken(opts.jwt, principal);
    if (!token) throw new KeyCheckUnavailable();
    return { principal, keyId: grant.data.keyId, rateLimitPerMinute: grant.data.rateLimitPerMinute, authorization: `Bearer ${token}` };
  };
}
