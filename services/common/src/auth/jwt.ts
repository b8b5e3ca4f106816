import { createRemoteJWKSet, jwtVerify, SignJWT, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import { DomainError, unauthenticated } from '../errors/codes';
import { ROLES, SCOPES, type Principal } from './roles';

export interface JwtConfig {
  JWT_SECRET?: string | undefined;
  JWT_JWKS_URL?: string | undefined;
  JWT_ISSUER?: string | undefined;
  JWT_AUDIENCE?: string | undefined;
}

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
 */
export function createTokenVerifier(config: JwtConfig): TokenVerifier {
  const key: Uint8Array | JWTVerifyGetKey = config.JWT_JWKS_URL
    ? createRemoteJWKSet(new URL(config.JWT_JWKS_URL))
    : new TextEncoder().encode(requireSecret(config));
  const algorithms = config.JWT_JWKS_URL ? ['RS256', 'ES256'] : ['HS256'];
  return async (authorization) => {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!match?.[1]) throw unauthenticated('Missing bearer token');
    let payload: JWTPayload;
    try {
      const verified = await jwtVerify(match[1], key as Uint8Array, {
        algorithms,
        ...(config.JWT_ISSUER ? { issuer: config.JWT_ISSUER } : {}),
        ...(config.JWT_AUDIENCE ? { audience: config.JWT_AUDIENCE } : {}),
      });
      payload = verified.payload;
    } catch (err) {
      const reason = (err as { code?: string }).code === 'ERR_JWT_EXPIRED' ? 'Token expired' : 'Invalid token';
      throw unauthenticated(reason);
    }
    const claims = claimsSchema.safeParse(payload);
    if (!claims.success) throw unauthenticated('Token lacks tenant, subject or roles');
    return {
      userId: claims.data.sub,
      tenantId: claims.data.tenant,
      roles: claims.data.roles,
      scopes: claims.data.scopes,
    };
  };
}

/** Sign an HS256 token (local development, tests, demo). */
export async function signDevToken(
  secret: string,
  claims: { sub: string; tenant: string; roles: string[]; scopes?: string[] },
  ttl: string | number = '12h',
): Promise<string> {
  return new SignJWT({ tenant: claims.tenant, roles: claims.roles, scopes: claims.scopes ?? ['read', 'write'] })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.sub)
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(new TextEncoder().encode(secret));
}

function requireSecret(config: JwtConfig): string {
  if (!config.JWT_SECRET) throw new DomainError('unauthenticated', 'JWT_SECRET is not configured');
  return config.JWT_SECRET;
}
