import http from 'node:http';
import express from 'express';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginDisableSuggestions } from '@apollo/server/plugin/disableSuggestions';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { SubgraphResolverMap } from './resolver-map';
import { Kind, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Metrics } from '../metrics';
import type { Logger } from '../log/logger';
import type { TokenVerifier } from '../auth/jwt';
import { scopePlugin } from '../auth/scope-plugin';
import type { RequestContext } from '../graphql/context';
import { formatError } from '../errors/format';
import { DomainError, toGraphQLError } from '../errors/codes';
import { correlation, requestIdOf } from './request';
import { mountOps, type DependencyCheck, type ReadinessCheck } from './health';
import type { SubgraphHardeningEnv } from '../config/hardening';
import { requireGatewayCredential } from './gateway-credential';
import { depthLimitRule } from '../graphql/limits/depth-limit';
import { aliasLimitRule } from '../graphql/limits/alias-limit';
import { limitExceeded } from '../graphql/limits/limit-error';
import type { MountContext } from '../documents/http';

export interface SubgraphServerOptions {
  name: string;
  /** The subgraph's SDL, compiled into its build (src/__generated__/type-defs.ts from schemas/<name>.graphql). */
  typeDefs: DocumentNode;
  host: string;
  port: number;
  resolvers: SubgraphResolverMap;
  verifyToken: TokenVerifier;
  logger: Logger;
  metrics: Metrics;
  /** What the load balancer reads: the store (the HTTP server answering is implied). */
  readiness: Record<string, ReadinessCheck>;
  /** Reported apart on /health/deps: broker, relay, consumers. */
  dependencies?: Record<string, DependencyCheck>;
  production: boolean;
  /** Extra routes of this subgraph outside /graphql (e.g. customers' internal API-key check). */
  mount?: (app: express.Express, ctx: MountContext) => void;
  /** NODE_ENV=development: field suggestions ("Did you mean …") are given only then. */
  development: boolean;
  /** Who may call (the gateway credential), request-shape limits, the metrics token. */
  hardening: Pick<SubgraphHardeningEnv, 'INTERNAL_API_TOKEN' | 'METRICS_TOKEN' | 'MAX_DEPTH' | 'MAX_ALIASES' | 'MAX_REPRESENTATIONS'>;
}

/**
 * Start a subgraph's HTTP server: /graphql (only for the gateway's credential when one is configured;
 * every request's token verified again, defence in depth; the gateway's depth and alias rules applied
 * again, and `_entities` batches capped, for whoever reaches the port), /health/live, /health/ready,
 * /health/deps, /metrics. Inline tracing is off (it costs CPU and nobody reads it).
 */
export async function startSubgraphServer(opts: SubgraphServerOptions) {
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  httpServer.keepAliveTimeout = 65_000;
  const schema = buildSubgraphSchema({ typeDefs: opts.typeDefs, resolvers: opts.resolvers });
  const apollo = new ApolloServer<RequestContext>({
    schema,
    introspection: !opts.production,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    // The gateway's own limits, one level deeper: its fetches wrap the client's selection in `_entities`.
    validationRules: [depthLimitRule(opts.hardening.MAX_DEPTH + 1), aliasLimitRule(opts.hardening.MAX_ALIASES)],
    // Our main() drains and flushes on SIGTERM; Apollo's own handler would re-raise the signal first.
    stopOnTerminationSignals: false,
    formatError: (formatted, error) => formatError(formatted, error, (err) => opts.logger.error({ err }, 'unexpected resolver error')),
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      // Cache hints are for HTTP caches we do not have; left on, the plugin wraps every field's resolver.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // "Did you mean …" names fields a caller may not know; only a developer needs the hint.
      ...(opts.development ? [] : [ApolloServerPluginDisableSuggestions()]),
      countRootFields(opts.metrics, opts.hardening.MAX_REPRESENTATIONS),
      scopePlugin<RequestContext>(),
    ],
  });
  await apollo.start();
  mountOps(app, opts.readiness, opts.metrics.registry, opts.dependencies, { metricsToken: opts.hardening.METRICS_TOKEN });
  opts.mount?.(app, { verifyToken: opts.verifyToken, gatewayCredential: opts.hardening.INTERNAL_API_TOKEN, logger: opts.logger });
  app.use(
    '/graphql',
    // Before the body is read: `_service { sdl }` and every field need the gateway's credential too.
    requireGatewayCredential(opts.hardening.INTERNAL_API_TOKEN),
    correlation,
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        try {
          const principal = await opts.verifyToken(req.headers.authorization);
          const requestId = requestIdOf(req);
          return {
            principal,
            requestId,
            logger: opts.logger.child({ tenant: principal.tenantId, user: principal.userId }),
            loaders: new Map(),
          };
        } catch (err) {
          throw err instanceof DomainError ? toGraphQLError(err) : err;
        }
      },
    }),
  );
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(opts.port, opts.host, () => resolve());
  });
  const address = httpServer.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  return {
    url: `http://${opts.host}:${port}/graphql`,
    port,
    /** Stop accepting, let requests in flight finish. */
    stop: () => apollo.stop(),
  };
}

function representationCounts(operation: OperationDefinitionNode | undefined, variables: Record<string, unknown> | undefined): number[] {
  const counts: number[] = [];
  for (const sel of operation?.selectionSet.selections ?? []) {
    if (sel.kind !== Kind.FIELD || sel.name.value !== '_entities') continue;
    const arg = sel.arguments?.find((a) => a.name.value === 'representations');
    if (!arg) continue;
    if (arg.value.kind === Kind.LIST) counts.push(arg.value.values.length);
    else if (arg.value.kind === Kind.VARIABLE) {
      const value = variables?.[arg.value.name.value];
      if (Array.isArray(value)) counts.push(value.length);
    }
  }
  return counts;
}

/**
 * Count root fields per request (an N+1 check reads `_entities` here). First, refuse an `_entities`
 * call with more than `maxRepresentations` before any is resolved (and before it is counted as
 * served): one request must not turn into an unbounded batch of store reads.
 */
function countRootFields(metrics: Metrics, maxRepresentations: number): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request }) {
          for (const count of representationCounts(operation, request.variables)) {
            if (count > maxRepresentations) {
              throw limitExceeded(`_entities asks for ${count} representations; the limit is ${maxRepresentations}`, undefined, 'representations', 400);
            }
          }
          for (const sel of operation?.selectionSet.selections ?? []) {
            if (sel.kind === 'Field') metrics.graphqlRootFields.inc({ type: operation?.operation ?? 'unknown', field: sel.name.value });
          }
        },
      };
    },
  };
}
