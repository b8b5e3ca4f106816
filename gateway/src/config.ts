import path from 'node:path';
import { z } from 'zod';
import { corsPolicyOf, type CorsPolicy } from './http/cors';
import { baseEnvSchema, checkHardeningForProduction, hardeningEnvSchema, parseEnv, schemasDir } from '@vinculo/common';

/** The subgraphs whose URL can be overridden with `SUBGRAPH_<NAME>_URL`. */
export const SUBGRAPH_NAMES = ['CUSTOMERS', 'SALES', 'POSTSALE', 'COLLECTIONS', 'TECHSUPPORT', 'PROPOSALS', 'NOTIFICATIONS'] as const;
type SubgraphUrlKey = `SUBGRAPH_${(typeof SUBGRAPH_NAMES)[number]}_URL`;

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const httpUrl = z
  .string()
  .url()
  .refine((u) => /^https?:\/\//.test(u), 'must be an http:// or https:// URL');
const flag = z
  .enum(['true', 'false', '1', '0'])
  .default('false')
  .transform((v) => v === 'true' || v === '1');

const subgraphUrls = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`SUBGRAPH_${name}_URL`, httpUrl.optional()])) as Record<
  SubgraphUrlKey,
  z.ZodOptional<typeof httpUrl>
>;

/** Gateway settings on top of the ones every process shares. */
export const gatewayEnvSchema = baseEnvSchema.merge(hardeningEnvSchema).extend({
  PORT: int(0, 65535).default(4000),
  SUPERGRAPH_PATH: z.string().min(1).optional(),
  SUBGRAPH_TIMEOUT_MS: int(1, 300_000).default(10_000),
  // Identical subgraph reads in flight at the same moment go out once (subgraphs/dedupe.ts); `false` sends each.
  SUBGRAPH_DEDUPE: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  MAX_BODY_BYTES: int(1024, 100 * 1024 * 1024).default(1024 * 1024),
  // MAX_DEPTH, MAX_ALIASES, INTERNAL_API_TOKEN, METRICS_TOKEN: shared with the subgraphs (hardeningEnvSchema).
  /**
   * Per-operation budget of the cost estimate (operationCost: object fields × the `first` of the lists
   * above them, indicators weigh 250): the README's queries cost a few hundred; nested connections of
   * 100 × 100 × 100 or 30 indicators do not fit.
   */
  MAX_COST: int(1, 100_000_000).default(5000),
  /** Parser token limit: the parser stops past this many tokens, before building a huge document. */
  MAX_TOKENS: int(100, 1_000_000).default(5000),
  RATE_LIMIT_PER_MINUTE: int(1, 1_000_000).default(600),
  // Off by default: a subgraph outage should degrade some fields, not pull every gateway replica
  // out of the load balancer. Turn it on where "ready" must mean "the whole graph answers".
  READY_REQUIRES_SUBGRAPHS: flag,
  // Express "trust proxy": set it behind an ingress so rate limiting keys on the client, not the proxy.
  TRUST_PROXY: z.string().min(1).optional(),
  // Browser origins allowed to call /graphql (comma-separated; unset: none in production, loopback elsewhere).
  CORS_ORIGINS: z.string().optional(),
  // The gateway's own database (export jobs and their files, issue #15). Unset: jobs live in this
  // process's memory (lost on restart, not shared by replicas) — production requires it.
  MONGODB_URI: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// or mongodb+srv:// URI')
    .optional(),
  MONGODB_DB: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,63}$/)
    .default('vinculo_gateway'),
  ...subgraphUrls,
});

export type GatewayEnv = Readonly<z.infer<typeof gatewayEnvSchema>>;

export interface GatewayConfig {
  env: GatewayEnv;
  production: boolean;
  /** NODE_ENV=development: the only mode with field suggestions ("Did you mean …"). */
  development: boolean;
  supergraphPath: string;
  /** Subgraph name (lower case, as in the supergraph) → URL that replaces the recorded one. */
  urlOverrides: Readonly<Record<string, string>>;
  /** Express "trust proxy" value, when configured. */
  trustProxy: boolean | number | string | undefined;
  /** Browser origins allowed to call /graphql (CORS). */
  cors: CorsPolicy;
}

/** Read and validate the gateway's environment once; throws ConfigError listing every problem. */
export function loadGatewayConfig(source: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const env = parseEnv(gatewayEnvSchema, source);
  checkHardeningForProduction(env);
  const urlOverrides: Record<string, string> = {};
  for (const name of SUBGRAPH_NAMES) {
    const url = env[`SUBGRAPH_${name}_URL`];
    if (url) urlOverrides[name.toLowerCase()] = url;
  }
  return {
    env,
    production: env.NODE_ENV === 'production',
    development: env.NODE_ENV === 'development',
    supergraphPath: path.resolve(env.SUPERGRAPH_PATH ?? path.join(schemasDir(), 'supergraph.graphql')),
    urlOverrides: Object.freeze(urlOverrides),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    cors: corsPolicyOf(env.CORS_ORIGINS, env.NODE_ENV === 'production'),
  };
}

function parseTrustProxy(value: string | undefined): boolean | number | string | undefined {
  if (value === undefined) return undefined;
  if (value === 'true' || value === 'false') return value === 'true';
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}
