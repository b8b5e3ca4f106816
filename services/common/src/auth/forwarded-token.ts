import { SignJWT } from 'jose';
import type { JwtConfig } from './jwt';
import type { Principal } from './roles';

/** Long enough for one request through the graph, short enough that a revoked key dies with it. */
export const FORWARDED_TOKEN_TTL_SECONDS = 60;

/**
 * The token the gateway forwards to the subgraphs for a caller it authenticated itself (an API
 * key): the principal as claims, HS256 with the shared JWT_SECRET, with the issuer and audience the
 * subgraphs check when configured. Undefined without a shared secret: with JWKS only, the gateway
 * needs its own signing key published in that JWKS (see README, "API keys").
 */
export async function signForwardedToken(config: JwtConfig, principal: Principal & { partner?: string }): Promise<string | undefined> {
  if (!config.JWT_SECRET) return undefined;
  let jwt = new SignJWT({
    tenant: principal.tenantId,
    roles: principal.roles,
    scopes: principal.scopes,
    ...(principal.partner ? { partner: principal.partner } : {}),
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(principal.userId)
    .setIssuedAt()
    .setExpirationTime(`${FORWARDED_TOKEN_TTL_SECONDS}s`);
  if (config.JWT_ISSUER) jwt = jwt.setIssuer(config.JWT_ISSUER);
  if (config.JWT_AUDIENCE) jwt = jwt.setAudience(config.JWT_AUDIENCE);
  return jwt.sign(new TextEncoder().encode(config.JWT_SECRET));
}
