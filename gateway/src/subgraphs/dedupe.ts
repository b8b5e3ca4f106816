import type { SubgraphAnswer, SubgraphPost } from './fetcher';

type SubgraphRequest = Parameters<SubgraphPost>[1];

/**
 * Headers that differ between callers without changing the answer: the correlation id. Every other
 * header (the caller's `authorization` above all) is part of the key, so two callers share an answer
 * only when the subgraph would have answered them the same.
 */
const NOT_IN_KEY = new Set(['x-request-id']);

// The data source sends `JSON.stringify({ query, variables, … })`: the operation text comes first.
const READ_ONLY_BODY = /^\{"query":"(query\b|\{)/;

/** The key of a request that may be shared, or undefined when it must go out on its own (a mutation). */
export function sharingKey(url: string, { headers, body }: SubgraphRequest): string | undefined {
  if (!READ_ONLY_BODY.test(body)) return undefined;
  const headerPairs: string[] = [];
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (!NOT_IN_KEY.has(lower)) headerPairs.push(`${lower}:${value}`);
  }
  headerPairs.sort();
  return `${url}\n${headerPairs.join('\n')}\n\n${body}`;
}

/**
 * In-flight deduplication of subgraph reads: while a request is on its way, an identical one (same URL,
 * same headers but the correlation id, same query and variables) waits for it and gets the same answer
 * (its text: each caller parses its own copy of the data) instead of asking the subgraph again.
 * Nothing is kept once the answer is in: this is not a cache. The one trade: a read that joins gets the
 * answer of an identical read (same caller) that started at most one subgraph round trip before it, so
 * a write that commits in between is not in it.
 *
 * Why: concurrent clients of one front end ask the same pages (a team's queue, a dashboard's
 * indicators) with the same token; each identical read costs every subgraph and the store again.
 * Hive Gateway does the same by default; Apollo Router calls it `deduplicate_query`.
 * The subgraph's log shows the correlation id of the first caller only.
 */
export function deduplicatingPost(post: SubgraphPost, onShared?: (url: string) => void): SubgraphPost {
  const inFlight = new Map<string, Promise<SubgraphAnswer>>();
  return (url, request) => {
    const key = sharingKey(url, request);
    if (key === undefined) return post(url, request);
    const joined = inFlight.get(key);
    if (joined) {
      onShared?.(url);
      return joined;
    }
    const answer = post(url, request);
    inFlight.set(key, answer);
    const forget = () => {
      if (inFlight.get(key) === answer) inFlight.delete(key);
    };
    answer.then(forget, forget);
    return answer;
  };
}
