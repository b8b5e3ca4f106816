import { existsSync } from 'node:fs';
import { z } from 'zod';

/** Thrown when the environment is invalid; `problems` is a readable list, one line per variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * A reader of a service's own integer settings that collects every problem instead of stopping at the
 * first: `int(name, default, min, max)`; then `done()` throws one ConfigError listing them all.
 */
export function intSettings(source: NodeJS.ProcessEnv) {
  const problems: string[] = [];
  return {
    problems,
    int(name: string, dflt: number, min: number, max: number): number {
      const raw = source[name];
      const v = raw === undefined || raw === '' ? dflt : Number(raw);
      if (!Number.isInteger(v) || v < min || v > max) problems.push(`${name}: an integer from ${min} to ${max}`);
      return v;
    },
    done(): void {
      if (problems.length) throw new ConfigError(problems);
    },
  };
}

const DEV_JWT_SECRET = 'vinculo-local-dev-secret-change-me-in-production';

const flag = z
  .enum(['true', 'false', '1', '0'])
  .default('false')
  .transform((v) => v === 'true' || v === '1');

const csv = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  )
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
  /**
   * The well-known development secret is used only when this is true AND HOST is a loopback
   * address (outside production): `npm start`, the test stack, the bench and the drills set it.
   */
  ALLOW_DEV_JWT_SECRET: flag,
  /** A token is refused once its `iat` is older than this, whatever its `exp` says. */
  JWT_MAX_AGE_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(30 * 86_400)
    .default(86_400),
  /** Clock skew tolerated on `exp`, `nbf` and a future `iat`. */
  JWT_CLOCK_TOLERANCE_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
});

/** Settings of a subgraph service (store + broker). */
export const serviceEnvSchema = baseEnvSchema.extend({
  MONGODB_URI: z.string().regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// or mongodb+srv:// URI'),
  MONGODB_DB: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,63}$/)
    .optional(),
  KAFKA_BROKERS: csv,
  KAFKA_CLIENT_ID: z.string().optional(),
  /** SASL authentication to the brokers (README "How to deploy it"): all three or none. */
  KAFKA_SASL_MECHANISM: z.enum(['plain', 'scram-sha-256', 'scram-sha-512']).optional(),
  KAFKA_SASL_USERNAME: z.string().min(1).optional(),
  KAFKA_SASL_PASSWORD: z.string().min(1).optional(),
  /** TLS to the brokers; KAFKA_SSL_CA_FILE adds a private CA (PEM) to the trusted ones. */
  KAFKA_SSL: flag,
  KAFKA_SSL_CA_FILE: z.string().min(1).optional(),
  /** Consumer groups are `<prefix>-<subgraph>`; a test run uses its own prefix. */
  KAFKA_GROUP_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,64}$/)
    .default('vinculo'),
  OUTBOX_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(250),
  /** A transient consumer failure is retried without limit, waiting from the initial delay doubling up to the max. */
  CONSUMER_RETRY_INITIAL_MS: z.coerce.number().int().min(1).max(60_000).default(100),
  CONSUMER_RETRY_MAX_MS: z.coerce.number().int().min(10).max(600_000).default(30_000),
  /** Refused publishes of one outbox document (not a broker outage) before it is quarantined. */
  OUTBOX_MAX_DOCUMENT_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
  /** Processed-event ids expire after this many days: well beyond topic retention (7 d) and any replay. */
  PROCESSED_EVENT_TTL_DAYS: z.coerce.number().int().min(8).max(3650).default(30),
  /**
   * How often scheduled jobs (SubgraphWiring.jobs) run; 0 turns the interval off. Advancing a tenant's
   * business clock runs them for that tenant at once either way.
   */
  JOBS_INTERVAL_MS: z.coerce.number().int().min(0).max(86_400_000).default(60_000),
  /**
   * How long a request principal's staff entry (active, current roles) is cached: a deactivated
   * employee or removed role takes effect within this time after the event arrives (at most 60 s).
   */
  STAFF_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(15_000),
  /**
   * How often a subgraph re-reads the tenants' business-clock offsets (readmodels/business-clock.ts):
   * a replica that did not consume a tenant's BusinessClockAdvanced learns it within this time.
   */
  BUSINESS_CLOCK_REFRESH_MS: z.coerce.number().int().min(0).max(600_000).default(5_000),
});

export type BaseEnv = z.infer<typeof baseEnvSchema>;
export type ServiceEnv = z.infer<typeof serviceEnvSchema>;

/** A HOST only this machine can reach (the development secret is refused on any other). */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/**
 * Parse the environment once, collecting every problem; the result is frozen.
 * Token rules: the well-known development secret (configured or defaulted) only with
 * ALLOW_DEV_JWT_SECRET=true and a loopback HOST, never in production, with a loud warning;
 * production requires JWT_ISSUER and JWT_AUDIENCE. Kafka security settings are checked together.
 */
export function parseEnv<S extends z.ZodTypeAny>(schema: S, source: NodeJS.ProcessEnv = process.env): Readonly<z.infer<S>> {
  const result = schema.safeParse(source);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`));
  }
  const env = { ...(result.data as Record<string, unknown>) };
  const problems = [...tokenProblems(env), ...kafkaProblems(env)];
  if (problems.length) throw new ConfigError(problems);
  if (!env.JWT_SECRET && !env.JWT_JWKS_URL) env.JWT_SECRET = DEV_JWT_SECRET;
  if (env.JWT_SECRET === DEV_JWT_SECRET) {
    process.emitWarning(
      `tokens are signed and verified with the PUBLIC development secret (ALLOW_DEV_JWT_SECRET=true, HOST=${String(env.HOST)}): anyone can mint a token; never expose this process`,
      { code: 'VINCULO_DEV_JWT_SECRET' },
    );
  }
  return Object.freeze(env) as Readonly<z.infer<S>>;
}

function tokenProblems(env: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const production = env.NODE_ENV === 'production';
  const devSecret = env.JWT_SECRET === DEV_JWT_SECRET || (!env.JWT_SECRET && !env.JWT_JWKS_URL);
  if (devSecret) {
    const which = env.JWT_SECRET ? 'JWT_SECRET is the well-known development secret' : 'JWT_SECRET or JWT_JWKS_URL is required';
    if (production) problems.push(`${which}: production needs its own secret or a JWKS URL`);
    else if (env.ALLOW_DEV_JWT_SECRET !== true) problems.push(`${which} (the development secret needs ALLOW_DEV_JWT_SECRET=true and a loopback HOST)`);
    else if (typeof env.HOST === 'string' && !isLoopbackHost(env.HOST)) {
      problems.push(`ALLOW_DEV_JWT_SECRET: the development secret is refused on HOST=${env.HOST}; only a loopback HOST (127.0.0.1, ::1, localhost) may use it`);
    }
  }
  if (production) {
    if (!env.JWT_ISSUER) problems.push('JWT_ISSUER: required in production (tokens must name their issuer)');
    if (!env.JWT_AUDIENCE) problems.push('JWT_AUDIENCE: required in production (tokens must name this API as audience)');
  }
  return problems;
}

function kafkaProblems(env: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const sasl = ['KAFKA_SASL_MECHANISM', 'KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD'].filter((k) => env[k] !== undefined);
  if (sasl.length > 0 && sasl.length < 3) {
    problems.push(`KAFKA_SASL_*: set KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD together (only ${sasl.join(', ')} given)`);
  }
  if (env.KAFKA_SASL_MECHANISM === 'plain' && env.KAFKA_SSL !== true && env.NODE_ENV === 'production') {
    problems.push('KAFKA_SASL_MECHANISM: plain sends the password in clear; production needs KAFKA_SSL=true with it');
  }
  if (typeof env.KAFKA_SSL_CA_FILE === 'string') {
    if (env.KAFKA_SSL !== true) problems.push('KAFKA_SSL_CA_FILE: needs KAFKA_SSL=true');
    else if (!existsSync(env.KAFKA_SSL_CA_FILE)) problems.push(`KAFKA_SSL_CA_FILE: no such file ${env.KAFKA_SSL_CA_FILE}`);
  }
  return problems;
}

/** The secret used by local engines, dev tokens and tests when ALLOW_DEV_JWT_SECRET=true. */
export const devJwtSecret = DEV_JWT_SECRET;
