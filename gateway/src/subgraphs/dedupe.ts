import { Response } from 'node-fetch';
import type { Fetcher } from './fetcher';

type FetcherInit = NonNullable<Parameters<Fetcher>[1]>;

/** What one subgraph answered, kept while its fetch is in flight so every identical caller reads it. */
interface SharedAnswer {
  status: number;
  statusText: string;
  headers: [string, string][];
  body: string;
}

/**
 * Headers that differ between callers without changing the answer: the correlation id. Every other
 * header (the caller's `authorization` above all) is part of the key, so two callers share an answer
 * only when the subgraph would have answered them the same.
 */
const NOT_IN_KEY = new Set(['x-request-id']);

// RemoteGraphQLDataSource sends `JSON.stringify({ query, variables, … })`: the operation text comes first.
const READ_ONLY_BODY = /^\{"query":"(query\b|\{)/;

/** The key of a fetch that may be shared, or undefined when it must go out on its own. */
export function sharingKey(url: string, init: FetcherInit): string | undefined {
  const { body, signal } = init;
  // Only reads: a mutation runs once per caller. A caller with its own abort signal keeps its own fetch
  // (its abort must not cancel another caller's answer).
  if ((init.method ?? 'GET').toUpperCase() !== 'POST' || typeof body !== 'string' || signal || !READ_ONLY_BODY.test(body)) return undefined;
  const headerPairs: string[] = [];
  for (const [name, value] of headerEntries(init.headers)) {
    const lower = name.toLowerCase();
    if (!NOT_IN_KEY.has(lower)) headerPairs.push(`${lower}:${value}`);
  }
  headerPairs.sort();
  return `${url}\n${headerPairs.join('\n')}\n\n${body}`;
}

// Typed as a record, but RemoteGraphQLDataSource passes a node-fetch `Headers` (iterable, no own keys).
function headerEntries(headers: unknown): Iterable<[string, string]> {
  if (!headers) return [];
  if (typeof (headers as Partial<Iterable<[string, string]>>)[Symbol.iterator] === 'function') return headers as Iterable<[string, string]>;
  return Object.entries(headers as Record<string, string>);
}

/**
 * In-flight deduplication of subgraph reads: while a fetch is on its way, an identical one (same URL,
 * same headers but the correlation id, same query and variables) waits for it and gets its own copy of
 * the same answer instead of asking the subgraph again. Nothing is kept once the answer is in: this is
 * not a cache. The one trade: a read that joins gets the answer of an identical read (same caller) that
 * started at most one subgraph round trip before it, so a write that commits in between is not in it.
 *
 * Why: concurrent clients of one front end ask the same pages (a team's queue, a dashboard's
 * indicators) with the same token; each identical read costs every subgraph and the store again.
 * Hive Gateway does the same by default; Apollo Router calls it `deduplicate_query`.
 * The subgraph's log shows the correlation id of the first caller only.
 */
export function deduplicatingFetcher(fetcher: Fetcher, onShared?: (url: string) => void): Fetcher {
  const inFlight = new Map<string, Promise<SharedAnswer>>();
  return async (url, init = {}) => {
    const key = sharingKey(url, init);
    if (key === undefined) return fetcher(url, init);
    let answer = inFlight.get(key);
    if (answer) {
      onShared?.(url);
    } else {
      answer = fetchOnce(fetcher, url, init);
      inFlight.set(key, answer);
      const done = answer;
      const forget = () => {
        if (inFlight.get(key) === done) inFlight.delete(key);
      };
      done.then(forget, forget);
    }
    const a = await answer;
    return new Response(a.body, { status: a.status, statusText: a.statusText, headers: a.headers });
  };
}

async function fetchOnce(fetcher: Fetcher, url: string, init: FetcherInit): Promise<SharedAnswer> {
  const res = await fetcher(url, init);
  const headers = [...res.headers];
  return { status: res.status, statusText: res.statusText, headers, body: await res.text() };
}
