import type { ReadinessCheck } from '@vinculo/common';
import type { SubgraphEndpoint } from '../supergraph';
import type { Fetcher } from './fetcher';

const PROBE_TIMEOUT_MS = 1_000;
const CACHE_MS = 5_000;

/**
 * One readiness check per subgraph (`subgraph:<name>`), probing its /health/ready. Results are cached
 * for a few seconds and concurrent probes share one fetch, so frequent kubelet probes stay cheap.
 */
export function subgraphReadinessChecks(subgraphs: SubgraphEndpoint[], fetcher: Fetcher): Record<string, ReadinessCheck> {
  return Object.fromEntries(subgraphs.map((s) => [`subgraph:${s.name}`, cachedProbe(healthUrl(s.url), fetcher)]));
}

function healthUrl(graphqlUrl: string): string {
  return new URL('/health/ready', graphqlUrl).toString();
}

function cachedProbe(url: string, fetcher: Fetcher): ReadinessCheck {
  let last: { ok: boolean; at: number } | undefined;
  let inFlight: Promise<boolean> | undefined;
  return () => {
    if (last && Date.now() - last.at < CACHE_MS) return last.ok;
    inFlight ??= fetcher(url, { method: 'GET', signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) })
      .then(async (res) => {
        await res.text(); // drain, so the keep-alive socket goes back to the pool
        return res.ok;
      })
      .catch(() => false)
      .then((ok) => {
        last = { ok, at: Date.now() };
        inFlight = undefined;
        return ok;
      });
    return inFlight;
  };
}
