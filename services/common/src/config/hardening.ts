import { z } from 'zod';
import { ConfigError } from './env';

/** A shared secret between processes: long enough not to be guessed. */
const secret = z.string().min(32, 'must be at least 32 characters');

/**
 * Settings that narrow who may reach a process and how much one request may ask for, shared by the
 * gateway and the subgraphs. Kept apart from the token and broker settings (config/env.ts).
 */
export const hardeningEnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  /**
   * The gateway's credential towards the subgraphs: the gateway sends it on every subgraph fetch
   * (header `x-gateway-token`); a subgraph refuses /graphql requests without it (401). Required in
   * production; unset elsewhere means subgraphs answer anyone (a developer's curl).
   */
  INTERNAL_API_TOKEN: secret.optional(),
  /** Bearer token Prometheus sends to read /metrics; required in production (else /metrics is open). */
  METRICS_TOKEN: secret.optional(),
  MAX_DEPTH: z.coerce.number().int().min(1).max(100).default(12),
  MAX_ALIASES: z.coerce.number().int().min(0).max(10_000).default(30),
});

/** What a subgraph adds: the `_entities` batch cap and the store's per-read time limit. */
export const subgraphHardeningEnvSchema = hardeningEnvSchema.extend({
  /** `representations` per `_entities` call: the gateway batches 100 × nesting at most under its cost budget. */
  MAX_REPRESENTATIONS: z.coerce.number().int().min(1).max(100_000).default(1000),
  /** Every store read is abandoned by the server after this long (MongoDB `maxTimeMS`). */
  MONGO_MAX_TIME_MS: z.coerce.number().int().min(100).max(600_000).default(8000),
});

export type HardeningEnv = Readonly<z.infer<typeof hardeningEnvSchema>>;
export type SubgraphHardeningEnv = Readonly<z.infer<typeof subgraphHardeningEnvSchema>>;

/** In production the gateway credential and the metrics token must be set. */
export function checkHardeningForProduction(env: { NODE_ENV?: string; INTERNAL_API_TOKEN?: string; METRICS_TOKEN?: string }): void {
  if (env.NODE_ENV !== 'production') return;
  const missing = (['INTERNAL_API_TOKEN', 'METRICS_TOKEN'] as const).filter((k) => !env[k]);
  if (missing.length) throw new ConfigError(missing.map((k) => `${k}: required in production`));
}

/** A subgraph's hardening settings, validated once (ConfigError lists every problem). */
export function loadSubgraphHardening(source: NodeJS.ProcessEnv = process.env): SubgraphHardeningEnv {
  // Not parseEnv: its token checks belong to the service's own schema, parsed apart.
  const result = subgraphHardeningEnvSchema.safeParse(source);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`));
  }
  checkHardeningForProduction(result.data);
  return Object.freeze(result.data);
}
