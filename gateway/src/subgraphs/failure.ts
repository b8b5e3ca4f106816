import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ERROR_CODES } from '@vinculo/common';
import { SubgraphTimeoutError } from './fetcher';

/**
 * Why a subgraph fetch failed, for logs and the failure counter (never for clients):
 * `unreachable` — no HTTP answer at all (connection refused or reset, DNS, a dead process);
 * `timeout` — no answer within SUBGRAPH_TIMEOUT_MS; `bad_status` — an HTTP status other than 2xx
 * (a crashing subgraph, a proxy's 502/503); `bad_response` — a 2xx whose body is not a GraphQL
 * response (unparsable, cut off, not JSON).
 */
export type SubgraphFailureReason = 'unreachable' | 'timeout' | 'bad_status' | 'bad_response';

/**
 * A subgraph could not answer its part of a request. The gateway keeps every other subgraph's data,
 * answers null for this subgraph's fields, and tells the client which subgraph failed and nothing
 * else: URLs, hosts, ports and the network error stay in the gateway's log.
 */
export class SubgraphUnavailableError extends GraphQLError {
  constructor(
    readonly subgraph: string,
    readonly reason: SubgraphFailureReason,
  ) {
    super(`${subgraph} is unavailable; its fields are null in this answer`, {
      extensions: { code: 'INTERNAL_SERVER_ERROR', subgraph },
    });
    this.name = 'SubgraphUnavailableError';
  }
}

/** The failure's reason, from what the data source saw: the error and the HTTP status, if any arrived. */
export function classifySubgraphFailure(error: unknown, status: number | undefined): SubgraphFailureReason {
  const name = error instanceof Error ? error.name : '';
  // Our fetcher's own deadline, or the same deadline hit while the body was still arriving.
  if (error instanceof SubgraphTimeoutError || name === 'AbortError' || name === 'TimeoutError') return 'timeout';
  if (status === undefined) return 'unreachable';
  if (status < 200 || status > 299) return 'bad_status';
  return 'bad_response';
}

const CLOSED = new Set<string>(ERROR_CODES);

/**
 * A subgraph that refuses the caller answers 401/403 with a GraphQL body (e.g. a token that expired
 * between the gateway's check and the subgraph's). That is the subgraph's own answer, not an outage:
 * the client gets the subgraph's first error — its message and closed code — as for any error a
 * subgraph returns, without the URL, status or body of the exchange.
 * Undefined when the response is not such a refusal (then it is a failure).
 */
export function subgraphRefusal(subgraph: string, status: number | undefined, body: unknown): GraphQLError | undefined {
  // 400: the subgraph refused the client's values (a custom scalar the gateway passes through
  // unchecked, e.g. a malformed Date): the client's fault, passed on as such, not an outage.
  if (status !== 401 && status !== 403 && status !== 400) return undefined;
  const first = (body as { errors?: unknown } | undefined)?.errors;
  const refusal = Array.isArray(first) ? (first[0] as { message?: unknown; extensions?: Record<string, unknown> }) : undefined;
  const code = refusal?.extensions?.code;
  if (typeof refusal?.message !== 'string' || typeof code !== 'string' || !CLOSED.has(code)) return undefined;
  if (status === 400 && code !== 'BAD_USER_INPUT') return undefined;
  const rule = refusal.extensions?.rule;
  return new GraphQLError(refusal.message, {
    extensions: { code, ...(typeof rule === 'string' ? { rule } : {}), serviceName: subgraph },
  });
}

/**
 * formatError for a subgraph failure: its message and `{ code: INTERNAL_SERVER_ERROR, subgraph }`,
 * nothing else. Undefined for any other error (the shared formatError handles those).
 */
export function formatSubgraphFailure(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError | undefined {
  if (!(error instanceof SubgraphUnavailableError)) return undefined;
  return {
    message: error.message,
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code: 'INTERNAL_SERVER_ERROR', subgraph: error.subgraph },
  };
}

/**
 * One failure error per subgraph: a query plan may call the same subgraph several times (the
 * customer's work orders and each order's work orders), and each failed call says the same thing.
 */
export function dedupeSubgraphFailures(errors: readonly GraphQLFormattedError[]): GraphQLFormattedError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const subgraph = e.extensions?.subgraph;
    if (typeof subgraph !== 'string' || e.extensions?.code !== 'INTERNAL_SERVER_ERROR') return true;
    if (seen.has(subgraph)) return false;
    seen.add(subgraph);
    return true;
  });
}
