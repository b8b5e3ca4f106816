import type { Logger } from '@vinculo/common';
import type { GatewayEnv } from '../config';
import { apiKeyAuthenticator, type ApiKeyAuthenticator } from './api-keys';

/** Customers' internal check, next to its /graphql (same process and port). */
const CHECK_PATH = '/internal/api-keys/check';

/**
 * API keys need three things: the internal credential customers checks, customers' address, and a
 * shared JWT_SECRET to sign what the subgraphs verify. Without any of them keys are off (refused
 * with 401) and the log says why; people's tokens work regardless.
 */
export function gatewayApiKeys(
  env: GatewayEnv,
  internalToken: string | undefined,
  customersUrl: string | undefined,
  logger: Logger,
): ApiKeyAuthenticator | undefined {
  const missing = [
    ...(internalToken ? [] : ['INTERNAL_API_TOKEN']),
    ...(customersUrl ? [] : ['the customers subgraph']),
    ...(env.JWT_SECRET ? [] : ['JWT_SECRET (with JWKS only the gateway needs a signing key of its own)']),
  ];
  if (missing.length || !internalToken || !customersUrl) {
    logger.warn({ missing }, 'API keys are off');
    return undefined;
  }
  return apiKeyAuthenticator({
    checkUrl: new URL(CHECK_PATH, customersUrl).toString(),
    internalToken,
    jwt: env,
    // As patient as with any subgraph call: the check is one read by id.
    timeoutMs: env.SUBGRAPH_TIMEOUT_MS,
    logger,
  });
}
