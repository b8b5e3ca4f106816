import { createRemoteJWKSet, jwtVerify, SignJWT, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import { DomainError, unauthenticated } from '../errors/codes';
import { ROLES, SCOPES, type Principal } from './roles';
import { VerifiedTokens, acceptableUntil } from './verified-tokens';

export interface JwtConfig {
  NODE_ENV?: string | undefined;
  JWT_SECRET?: string | undefined;
  JWT_JWKS_URL?: string | undefined;
  JWT_ISSUER?: string | undefined;
  JWT_AUDIENCE?: string | undefined;
  /** Oldest accepted `iat`, in seconds (default 24 h). */
  JWT_MAX_AGE_SECONDS?: number | undefined;
  /** Clock skew tolerated on `exp`, `nbf` and a future `iat`, in seconds (default 30). */
  JWT_CLOCK_TOLERANCE_SECONDS?: number | undefined;
}

export const DEFAULT_TOKEN_MAX_AGE_SECONDS = 86_400;
export const DEFAULT_CLOCK_TOLERANCE_SECONDS = 30;

const claimsSchema = z.object({
  sub: z.string().min(1),
  tenant: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/),
  roles: z.array(z.enum(ROLES)).min(1),
  // Deny by default: a token that names no scopes may do nothing (issue #14).
  scopes: z.array(z.enum(SCOPES)).default([]),
});

export type TokenVerifier = (authorization: string | undefined) => Promise<Principal>;

/**
 * Build a verifier for `Authorization: Bearer …` headers: HS256 with a shared secret locally,
 * RS256/ES256 from a JWKS URL in production. Any failure is UNAUTHENTICATED.
 *
 * A token must carry `exp` and `iat` (a token without `exp` would never expire); it is refused once
 * its `iat` is older than JWT_MAX_AGE_SECONDS whatever its `exp`, or when `iat` lies in the future
 * beyond the clock tolerance. In production the issuer and audience are required (parseEnv refuses
 * to start without them; this refuses to build a verifier without them too).
 */
export function createTokenVerifier(config: JwtConfig): TokenVerifier {
  if (config.NODE_ENV === 'production' && (!config.JWT_ISSUER || !config.JWT_AUDIENCE)) {
    throw new DomainError('unauthenticated', 'JWT_ISSUER and JWT_AUDIENCE are required in production');
  }
  const key: Uint8Array | JWTVerifyGetKey = config.JWT_JWKS_URL
    ? createRemoteJWKSet(new URL(config.JWT_JWKS_URL))
    : new TextEncoder().encode(requireSecret(config));
  const algorithms = config.JWT_JWKS_URL ? ['RS256', 'ES256'] : ['HS256'];
  const maxTokenAge = config.JWT_MAX_AGE_SECONDS ?? DEFAULT_TOKEN_MAX_AGE_SECONDS;
  const clockTolerance = config.JWT_CLOCK_TOLERANCE_SECONDS ?? DEFAULT_CLOCK_TOLERANCE_SECONDS;
  const verified = new VerifiedTokens();
  return async (authorization) => {
    const known = authorization ? verified.get(authorization, Date.now()) : undefined;
    if (known) return known;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!match?.[1]) throw unauthenticated('Missing bearer token');
    let payload: JWTPayload;
    try {
      const verified = await jwtVerify(match[1], key as Uint8Array, {
        algorithms,
        requiredClaims: ['exp', 'iat', 'sub'],
        maxTokenAge,
        clockTolerance,
        ...(config.JWT_ISSUER ? { issuer: config.JWT_ISSUER } : {}),
        ...(config.JWT_AUDIENCE ? { audience: config.JWT_AUDIENCE } : {}),
      });
      payload = verified.payload;
    } catch (err) {
      throw unauthenticated(reasonOf(err));
    }
    const claims = claimsSchema.safeParse(payload);
    if (!claims.success) throw unauthenticated('Token lacks tenant, subject or roles');
    const principal: Principal = {
      userId: claims.data.sub,
      tenantId: claims.data.tenant,
      roles: claims.data.roles,
      scopes: claims.data.scopes,
    };
    verified.set(authorization as string, principal, acceptableUntil(payload, maxTokenAge));
    return principal;
  };
}

/** A client-facing reason that says what to fix without echoing the token. */
function reasonOf(err: unknown): string {
  const { code, claim, reason } = err as { code?: string; claim?: string; reason?: string };
  if (code === 'ERR_JWT_EXPIRED') return claim === 'iat' ? 'Token too old: sign in again' : 'Token expired';
  if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED') {
    if (reason === 'missing') return `Invalid token: no "${claim}" claim`;
    if (claim === 'iat') return 'Invalid token: issued in the future';
    if (claim === 'iss' || claim === 'aud') return `Invalid token: wrong "${claim}"`;
  }
  return 'Invalid token';
}

/**
 * Sign an HS256 token (local development, tests, demo, `npm run token`). The issuer and audience
 * default to JWT_ISSUER / JWT_AUDIENCE of this process's environment, so a tool run beside the
 * services (e.g. in their container) signs what they verify.
 */
export async function signDevToken(
  secret: string,
  claims: { sub: string; tenant: string; roles: string[]; scopes?: string[] },
  ttl: string | number = '12h',
  { issuer = process.env.JWT_ISSUER, audience = process.env.JWT_AUDIENCE }: { issuer?: string | undefined; audience?: string | undefined } = {},
): Promise<string> {
  const jwt = new SignJWT({ tenant: claims.tenant, roles: claims.roles, scopes: claims.scopes ?? ['read', 'write'] })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.sub)
    .setIssuedAt()
    .setExpirationTime(ttl);
  if (issuer) jwt.setIssuer(issuer);
  if (audience) jwt.setAudience(audience);
  return jwt.sign(new TextEncoder().encode(secret));
}

function requireSecret(config: JwtConfig): string {
  if (!config.JWT_SECRET) throw new DomainError('unauthenticated', 'JWT_SECRET is not configured');
  return config.JWT_SECRET;
}
