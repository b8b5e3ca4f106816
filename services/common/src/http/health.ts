import type { Express } from 'express';
import type { Registry } from 'prom-client';
import { requireMetricsToken } from './gateway-credential';

/** A named readiness check: true when that dependency is usable. */
export type ReadinessCheck = () => boolean | Promise<boolean>;

/** A dependency reported apart from readiness: up or not, with a short detail for operators. */
export type DependencyCheck = () => { up: boolean; detail?: unknown } | Promise<{ up: boolean; detail?: unknown }>;

async function runChecks<T>(checks: Record<string, () => T | Promise<T>>, failed: T): Promise<Record<string, T>> {
  const results: Record<string, T> = {};
  for (const [name, check] of Object.entries(checks)) {
    try {
      results[name] = await check();
    } catch {
      results[name] = failed;
    }
  }
  return results;
}

/**
 * Mount /health/live, /health/ready (every readiness check must pass: what the load balancer
 * reads), /health/deps (dependencies that must NOT take the API out of the balancer — the broker,
 * the outbox relay, the consumers — reported apart: 200 when all are up, 503 otherwise) and /metrics
 * (behind `metricsToken` when one is given: it tells how busy each tenant's data is).
 */
export function mountOps(
  app: Express,
  checks: Record<string, ReadinessCheck>,
  registry: Registry,
  deps: Record<string, DependencyCheck> = {},
  opts: { metricsToken?: string } = {},
): void {
  app.get('/health/live', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/health/ready', async (_req, res) => {
    const results = await runChecks(checks, false);
    const ready = Object.values(results).every(Boolean);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not_ready', checks: results });
  });
  app.get('/health/deps', async (_req, res) => {
    const results = await runChecks(deps, { up: false, detail: 'check failed' });
    const up = Object.values(results).every((r) => r.up);
    res.status(up ? 200 : 503).json({ status: up ? 'up' : 'degraded', deps: results });
  });
  app.get('/metrics', requireMetricsToken(opts.metricsToken), async (_req, res) => {
    res.type(registry.contentType).send(await registry.metrics());
  });
}
