import { z } from 'zod';

/** Thrown when the environment is invalid; `problems` is a readable list, one line per variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const DEV_JWT_SECRET = 'vinculo-local-dev-secret-change-me-in-production';

const csv = z
  .string()
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(z.string()).min(1));

/** Settings every Vínculo process shares. */
export const baseEnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PORT: z.coerce.number().int().min(0).max(65535),
  HOST: z.string().default('127.0.0.1'),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  JWT_JWKS_URL: z.string().url().optional(),
  JWT_ISSUER: z.string().optional(),
  JWT_AUDIENCE: z.string().optional(),
});

/** Settings of a subgraph service (store + broker). */
export const serviceEnvSchema = baseEnvSchema.extend({
  MONGODB_URI: z.string().regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// or mongodb+srv:// URI'),
  MONGODB_DB: z.string().regex(/^[A-Za-z0-9_-]{1,63}$/).optional(),
  KAFKA_BROKERS: csv,
  KAFKA_CLIENT_ID: z.string().optional(),
  /** Consumer groups are `<prefix>-<subgraph>`; a test run uses its own prefix. */
  KAFKA_GROUP_PREFIX: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/).default('vinculo'),
  OUTBOX_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(250),
  /** A transient consumer failure is retried without limit, waiting from the initial delay doubling up to the max. */
  CONSUMER_RETRY_INITIAL_MS: z.coerce.number().int().min(1).max(60_000).default(100),
  CONSUMER_RETRY_MAX_MS: z.coerce.number().int().min(10).max(600_000).default(30_000),
  /** Refused publishes of one outbox document (not a broker outage) before it is quarantined. */
  OUTBOX_MAX_DOCUMENT_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
  /** Processed-event ids expire after this many days: well beyond topic retention (7 d) and any replay. */
  PROCESSED_EVENT_TTL_DAYS: z.coerce.number().int().min(8).max(3650).default(30),
  /** How often scheduled jobs (SubgraphWiring.jobs) run; 0 turns them off (tests drive them by mutation). */
  JOBS_INTERVAL_MS: z.coerce.number().int().min(0).max(86_400_000).default(60_000),
});

export type BaseEnv = z.infer<typeof baseEnvSchema>;
export type ServiceEnv = z.infer<typeof serviceEnvSchema>;

/**
 * Parse the environment once, collecting every problem; the result is frozen.
 * Outside production a well-known dev JWT secret is used when none is configured.
 */
export function parseEnv<S extends z.ZodTypeAny>(
  schema: S,
  source: NodeJS.ProcessEnv = process.env,
): Readonly<z.infer<S>> {
  const result = schema.safeParse(source);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`),
    );
  }
  const env = { ...(result.data as Record<string, unknown>) };
  if (!env.JWT_SECRET && !env.JWT_JWKS_URL) {
    if (env.NODE_ENV === 'production') {
      throw new ConfigError(['JWT_SECRET or JWT_JWKS_URL: one is required in production']);
    }
    env.JWT_SECRET = DEV_JWT_SECRET;
  }
  return Object.freeze(env) as Readonly<z.infer<S>>;
}

/** The secret used by local engines, dev tokens and tests when JWT_SECRET is not set. */
export const devJwtSecret = DEV_JWT_SECRET;
