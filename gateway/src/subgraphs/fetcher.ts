import http from 'node:http';
import https from 'node:https';
import nodeFetch from 'node-fetch';
import type { RemoteGraphQLDataSource } from '@apollo/gateway';

/** The fetch signature of @apollo/utils.fetcher (what the readiness probes use). */
export type Fetcher = RemoteGraphQLDataSource['fetcher'];

/** A subgraph's answer to a POST, read whole. Immutable: in-flight deduplication gives one to several callers. */
export interface SubgraphAnswer {
  readonly status: number;
  readonly contentType: string | undefined;
  readonly text: string;
}

/** One POST of a GraphQL request to a subgraph; rejects when no whole answer came (network error, deadline). */
export type SubgraphPost = (url: string, request: { headers: Record<string, string>; body: string }) => Promise<SubgraphAnswer>;

export interface SubgraphFetcher {
  /** GraphQL requests (the data sources): straight over the pooled sockets, no fetch objects per call. */
  post: SubgraphPost;
  /** Anything else (readiness probes). */
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
 * Subgraph calls over pooled keep-alive connections, each bounded by `timeoutMs` (the whole answer,
 * body included). Why not the gateway's default fetcher, and why GraphQL requests skip fetch objects
 * altogether: docs/adr/0003-subgraph-fetcher.md (gateway CPU per Customer 360 request ×0.92–0.94 of the
 * node-fetch data source).
 */
export function createSubgraphFetcher(timeoutMs: number): SubgraphFetcher {
  // Idle sockets close after 30 s, or 1 s before the server's own Keep-Alive timeout hint (Node's
  // Agent honours `Keep-Alive: timeout=N`), so a request never lands on a socket the server is closing.
  const agentOptions = { keepAlive: true, timeout: 30_000 };
  const httpAgent = new http.Agent(agentOptions);
  const httpsAgent = new https.Agent(agentOptions);
  const agentFor = (url: URL) => (url.protocol === 'https:' ? httpsAgent : httpAgent);
  // A handful of subgraph URLs, parsed once.
  const parsed = new Map<string, URL>();
  const urlOf = (url: string) => {
    let u = parsed.get(url);
    if (!u) parsed.set(url, (u = new URL(url)));
    return u;
  };

  const post: SubgraphPost = (url, { headers, body }) =>
    new Promise((resolve, reject) => {
      const target = urlOf(url);
      const signal = AbortSignal.timeout(timeoutMs);
      let settled = false;
      const fail = (err: unknown) => {
        if (settled) return;
        settled = true;
        reject(signal.aborted ? new SubgraphTimeoutError(url, timeoutMs) : err);
      };
      const req = (target.protocol === 'https:' ? https : http).request(
        target,
        { method: 'POST', agent: agentFor(target), headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, signal },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', fail);
          res.on('end', () => {
            if (settled) return;
            settled = true;
            resolve({ status: res.statusCode ?? 0, contentType: res.headers['content-type'], text: Buffer.concat(chunks).toString('utf8') });
          });
          // Closed before the whole body came (after 'end' this is a no-op).
          res.on('close', () => fail(new Error(`Subgraph ${url} closed the connection mid-answer`)));
        },
      );
      req.on('error', fail);
      req.end(body);
    });

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
    post,
    fetcher,
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}
