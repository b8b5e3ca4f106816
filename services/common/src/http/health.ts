import type { Express } from 'express';
import type { Registry } from 'prom-client';

/** A named readiness check: true when that dependency is usable. */
export type ReadinessCheck = () => boolean | Promise<boolean>;

/** Mount /health/live, /health/ready (every check must pass) and /metrics on an express app. */
export function mountOps(app: Express, checks: Record<string, ReadinessCheck>, registry: Registry): void {
  app.get('/health/live', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/health/ready', async (_req, res) => {
    const results: Record<string, boolean> = {};
    for (const [name, check] of Object.entries(checks)) {
      try {
        results[name] = await check();
      } catch {
        results[name] = false;
      }
    }
    const ready = Object.values(results).every(Boolean);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not_ready', checks: results });
  });
  app.get('/metrics', async (_req, res) => {
    res.type(registry.contentType).send(await registry.metrics());
  });
}
