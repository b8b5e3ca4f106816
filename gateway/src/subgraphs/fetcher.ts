import http from 'node:http';
import https from 'node:https';
import nodeFetch from 'node-fetch';
import type { RemoteGraphQLDataSource } from '@apollo/gateway';

/** The fetch signature `RemoteGraphQLDataSource` accepts (`Fetcher` of @apollo/utils.fetcher). */
export type Fetcher = RemoteGraphQLDataSource['fetcher'];

export interface SubgraphFetcher {
  fetcher: Fetcher;
  /** Close pooled sockets (graceful shutdown). */
  close(): void;
}

/** A subgraph did not answer in time; the gateway reports it as that subgraph's failure. */
export class SubgraphTimeoutError extends Error {
  constructor(url: string, timeoutMs: number) {
    super(`Subgraph ${url} did not answer within ${timeoutMs} ms`);
    this.name = 'SubgraphTimeoutError';
  }
}

/**
 * Subgraph fetches over pooled keep-alive connections, each bounded by `timeoutMs`.
 *
 * Why not the gateway's default fetcher (make-fetch-happen): it costs about a third of gateway CPU.
 * `undici` (to tune Node's own fetch) is not installed, and Node's built-in fetch measured no better
 * than the default. node-fetch v2 (which @apollo/gateway itself depends on) over
 * an http.Agent with keepAlive measured, on a 2-core machine with two stub subgraphs:
 *   default ~900 req/s, ~1.1 ms gateway CPU/req · built-in fetch ~930 req/s, ~1.1 ms
 *   this one ~1,300-1,450 req/s, ~0.65 ms.
 */
export function createSubgraphFetcher(timeoutMs: number): SubgraphFetcher {
  // Idle sockets close after 30 s, or 1 s before the server's own Keep-Alive timeout hint (Node's
  // Agent honours `Keep-Alive: timeout=N`), so a request never lands on a socket the server is closing.
  const agentOptions = { keepAlive: true, timeout: 30_000 };
  const httpAgent = new http.Agent(agentOptions);
  const httpsAgent = new https.Agent(agentOptions);
  const agentFor = (url: URL) => (url.protocol === 'https:' ? httpsAgent : httpAgent);

  const fetcher: Fetcher = async (url, init = {}) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const caller: unknown = init.signal;
    const signal = caller instanceof AbortSignal ? AbortSignal.any([caller, timeout]) : timeout;
    try {
      return await nodeFetch(url, { ...init, signal, agent: agentFor });
    } catch (err) {
      if (timeout.aborted) throw new SubgraphTimeoutError(url, timeoutMs);
      throw err;
    }
  };

  return {
    fetcher,
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}
