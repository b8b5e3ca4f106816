import http from 'node:http';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import express from 'express';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap';
import { parse } from 'graphql';
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
import { schemasDir } from '../paths';

export interface SubgraphServerOptions {
  name: string;
  host: string;
  port: number;
  resolvers: GraphQLResolverMap<unknown>;
  verifyToken: TokenVerifier;
  logger: Logger;
  metrics: Metrics;
  /** What the load balancer reads: the store (the HTTP server answering is implied). */
  readiness: Record<string, ReadinessCheck>;
  /** Reported apart on /health/deps: broker, relay, consumers. */
  dependencies?: Record<string, DependencyCheck>;
  production: boolean;
  /** Extra routes of this subgraph outside /graphql (e.g. customers' internal API-key check). */
  mount?: (app: express.Express) => void;
}

/** The SDL of a subgraph, read from schemas/<name>.graphql (the source of truth). */
export function subgraphSdl(name: string): string {
  return readFileSync(path.join(schemasDir(), `${name}.graphql`), 'utf8');
}

/**
 * Start a subgraph's HTTP server: /graphql (every request authenticated again, defence in depth),
 * /health/live, /health/ready, /health/deps, /metrics. Inline tracing is off (it costs CPU and nobody reads it).
 */
export async function startSubgraphServer(opts: SubgraphServerOptions) {
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  httpServer.keepAliveTimeout = 65_000;
  const schema = buildSubgraphSchema({ typeDefs: parse(subgraphSdl(opts.name)), resolvers: opts.resolvers });
  const apollo = new ApolloServer<RequestContext>({
    schema,
    introspection: !opts.production,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    // Our main() drains and flushes on SIGTERM; Apollo's own handler would re-raise the signal first.
    stopOnTerminationSignals: false,
    formatError: (formatted, error) =>
      formatError(formatted, error, (err) => opts.logger.error({ err }, 'unexpected resolver error')),
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      countRootFields(opts.metrics),
      scopePlugin<RequestContext>(),
    ],
  });
  await apollo.start();
  mountOps(app, opts.readiness, opts.metrics.registry, opts.dependencies);
  opts.mount?.(app);
  app.use(
    '/graphql',
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

/** Count root fields per request (an N+1 check reads `_entities` here). */
function countRootFields(metrics: Metrics): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          for (const sel of operation?.selectionSet.selections ?? []) {
            if (sel.kind === 'Field') metrics.graphqlRootFields.inc({ type: operation?.operation ?? "unknown", field: sel.name.value });
          }
        },
      };
    },
  };
}
