import type { NextFunction, Request, Response } from 'express';
import { sameSecret } from '../auth/internal-token';

/** The header the gateway sends its credential in on every subgraph fetch. */
export const GATEWAY_CREDENTIAL_HEADER = 'x-gateway-token';

/**
 * Subgraphs answer only the gateway: a request without the shared credential is refused with 401
 * before its body is read, so a client that reaches a subgraph directly (past the network policy)
 * cannot skip the gateway's cost, rate and shape limits. No credential configured = open (development).
 */
export function requireGatewayCredential(credential: string | undefined) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!credential || sameSecret(req.headers[GATEWAY_CREDENTIAL_HEADER], credential)) return next();
    res
      .status(401)
      .type('application/json')
      .send(JSON.stringify({ errors: [{ message: 'Subgraphs answer only the gateway', extensions: { code: 'UNAUTHENTICATED' } }] }));
  };
}

/** Bearer-token check for /metrics; no token configured = open (development and tests without one). */
export function requireMetricsToken(token: string | undefined) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const header = req.headers.authorization;
    const presented = header?.startsWith('Bearer ') ? header.slice(7) : undefined;
    if (!token || sameSecret(presented, token)) return next();
    res.status(401).set('www-authenticate', 'Bearer').type('text/plain').send('metrics need the metrics token\n');
  };
}
