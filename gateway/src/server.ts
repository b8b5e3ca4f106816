import http from 'node:http';
import express from 'express';
import { ApolloGateway } from '@apollo/gateway';
import { expressMiddleware } from '@as-integrations/express5';
import {
  ExportJobs,
  connectMongo,
  ensureExportIndexes,
  exportRouter,
  mongoExportStore,
  pingMongo,
  correlation,
  createLogger,
  createMetrics,
  createTokenVerifier,
  internalApiToken,
  mountOps,
  scopePlugin,
  requestIdOf,
  largestLimit,
  sizeLimits,
  type ReadinessCheck,
} from '@vinculo/common';
import { loadGatewayConfig } from './config';
import { loadSupergraph } from './supergraph';
import { createSubgraphFetcher } from './subgraphs/fetcher';
import { deduplicatingPost } from './subgraphs/dedupe';
import { SubgraphDataSource, type SubgraphFailureListener } from './subgraphs/datasource';
import { subgraphReadinessChecks } from './subgraphs/readiness';
import { createApolloServer } from './apollo';
import { createGatewayMetrics, noteOf } from './metrics';
import { createTokenBucketLimiter } from './limits/token-bucket';
import { authenticate, forwardedAuthorization, principalOf, requireAuth } from './http/auth';
import { gatewayApiKeys } from './http/api-key-wiring';
import { rateLimit } from './http/rate-limit';
import { cors } from './http/cors';
import { requestErrorHandler } from './http/body-errors';
import { type GatewayContext } from './context';
import { mountIde } from './ide/routes';
import { mountFileRoutes } from './http/files';
import { NOTIFICATION_STREAM_PATH, notificationStream } from './http/notification-stream';

const GRAPHQL_PATH = '/graphql';
const EXPORTS_PATH = '/exports';

export interface RunningGateway {
  url: string;
  port: number;
  /** Graceful: stop accepting, let requests in flight finish, close subgraph connections. */
  stop(): Promise<void>;
}

/**
 * Start the gateway: config from `envSource` (validated once), the committed supergraph, /graphql
 * behind auth + rate limit + body/token/depth/alias/cost limits, /health/* and /metrics (behind METRICS_TOKEN
 * when set), the IDE outside production.
 */
export async function startGateway(envSource: NodeJS.ProcessEnv = process.env): Promise<RunningGateway> {
  const config = loadGatewayConfig(envSource);
  const { env } = config;
  const logger = createLogger('gateway', env.LOG_LEVEL);
  const supergraph = loadSupergraph(config.supergraphPath, config.urlOverrides);
  const urlOf = new Map(supergraph.subgraphs.map((s) => [s.name, s.url]));
  for (const name of supergraph.unusedOverrides) {
    logger.warn(`SUBGRAPH_${name.toUpperCase()}_URL is set but the supergraph has no subgraph "${name}"`);
  }

  const metrics = createMetrics('gateway');
  const gatewayMetrics = createGatewayMetrics(metrics.registry);
  const subgraphFetcher = createSubgraphFetcher(env.SUBGRAPH_TIMEOUT_MS);
  // Subgraph names label the metric, never URLs (bounded: they come from the supergraph).
  const nameOfUrl = new Map(supergraph.subgraphs.map((s) => [urlOf.get(s.name) ?? s.url, s.name]));
  const post = env.SUBGRAPH_DEDUPE
    ? deduplicatingPost(subgraphFetcher.post, (url) => gatewayMetrics.subgraphFetchShared(nameOfUrl.get(url) ?? 'other'))
    : subgraphFetcher.post;
  // The client only learns which subgraph failed; the log keeps why (the error names the URL).
  const onFailure: SubgraphFailureListener = ({ subgraph, reason, error, context }) => {
    gatewayMetrics.subgraphFailed(subgraph, reason);
    (context?.logger ?? logger).warn(
      { subgraph, reason, err: error, requestId: context?.requestId },
      'subgraph fetch failed; its fields are null in the answer',
    );
  };
  // @apollo/gateway otherwise reports this machine (uptime, CPUs, memory) to Apollo's servers every hour
  // and at shutdown: nothing leaves our network unasked (the export showed in the gateway's profile).
  process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';
  const gateway = new ApolloGateway({
    supergraphSdl: supergraph.sdl,
    logger,
    buildService: ({ name, url }) => {
      const target = urlOf.get(name) ?? url;
      if (!target) throw new Error(`the supergraph gives subgraph "${name}" no URL (set SUBGRAPH_${name.toUpperCase()}_URL)`);
      return new SubgraphDataSource({ name, url: target, post, onFailure, credential: env.INTERNAL_API_TOKEN });
    },
  });
  const app = express();
  app.disable('x-powered-by');
  if (config.trustProxy !== undefined) app.set('trust proxy', config.trustProxy);
  const httpServer = http.createServer(app);
  // Longer than a load balancer's idle timeout, so the balancer (not us) closes idle connections.
  httpServer.keepAliveTimeout = 65_000;
  httpServer.headersTimeout = 66_000;

  const apollo = createApolloServer({
    gateway,
    httpServer,
    logger,
    production: config.production,
    development: config.development,
    maxDepth: env.MAX_DEPTH,
    maxAliases: env.MAX_ALIASES,
    maxCost: env.MAX_COST,
    maxTokens: env.MAX_TOKENS,
    // Scopes are checked once the operation is parsed, before any subgraph is called.
    plugins: [gatewayMetrics.plugin, scopePlugin<GatewayContext>()],
  });

  let loaded = false;
  const subgraphChecks = subgraphReadinessChecks(supergraph.subgraphs, subgraphFetcher.fetcher);
  const readiness: Record<string, ReadinessCheck> = {
    supergraph: () => loaded,
    ...(env.READY_REQUIRES_SUBGRAPHS ? subgraphChecks : {}),
  };
  // Each subgraph's own readiness, reported apart (a subgraph down degrades its fields only).
  const dependencies = Object.fromEntries(Object.entries(subgraphChecks).map(([name, check]) => [name, async () => ({ up: await check() })]));

  // Export jobs (issue #15) in the gateway's own database, shared by replicas and kept across restarts.
  let exportDb: Awaited<ReturnType<typeof connectMongo>> | undefined;
  let exportJobs: ExportJobs;
  try {
    if (env.MONGODB_URI) {
      exportDb = await connectMongo(env.MONGODB_URI, env.MONGODB_DB);
      await ensureExportIndexes(exportDb);
      const db = exportDb;
      readiness.store = () => pingMongo(db);
      exportJobs = new ExportJobs({ store: mongoExportStore(exportDb) });
      const interrupted = await exportJobs.recover();
      if (interrupted) logger.warn({ interrupted }, 'export jobs left RUNNING by a stopped gateway marked FAILED');
    } else {
      exportJobs = new ExportJobs();
      if (config.production) logger.warn('MONGODB_URI is not set: export jobs live in this process only (lost on restart, not shared by replicas)');
    }
  } catch (err) {
    subgraphFetcher.close();
    await exportDb?.close().catch(() => undefined);
    throw err;
  }

  try {
    await apollo.start();
    loaded = true;

    app.use(correlation);
    mountOps(app, readiness, metrics.registry, dependencies, { metricsToken: env.METRICS_TOKEN });
    if (!config.production) mountIde(app, GRAPHQL_PATH);
    const limiter = createTokenBucketLimiter({ perMinute: env.RATE_LIMIT_PER_MINUTE });
    const authenticated = authenticate(createTokenVerifier(env), gatewayApiKeys(env, internalApiToken(envSource), urlOf.get('customers'), logger));
    const limited = rateLimit(limiter);
    // Attachments and generated documents: same authentication, rate and tenant as /graphql.
    mountFileRoutes(app, {
      urlOf,
      credential: env.INTERNAL_API_TOKEN,
      guard: [authenticated, limited, requireAuth],
      maxUploadBytes: largestLimit(sizeLimits(envSource)),
      timeoutMs: env.SUBGRAPH_TIMEOUT_MS,
      logger,
    });
    const contextOf = (req: express.Request): GatewayContext => {
      const principal = principalOf(req);
      // requireAuth ran before: reaching here without a principal is a wiring bug, not a client error.
      if (!principal) throw new Error('GraphQL context built for an unauthenticated request');
      const requestId = requestIdOf(req); // set by the correlation middleware
      return {
        principal,
        authorization: forwardedAuthorization(req),
        requestId,
        logger: logger.child({ tenant: principal.tenantId, user: principal.userId }),
        note: noteOf(req),
      };
    };
    // The signed-in person's new notifications as Server-Sent Events: the same auth and rate limit as /graphql.
    app.get(
      NOTIFICATION_STREAM_PATH,
      authenticated,
      limited,
      requireAuth,
      notificationStream({ subgraphUrl: urlOf.get('notifications'), credential: env.INTERNAL_API_TOKEN, logger }),
    );
    app.use(
      GRAPHQL_PATH,
      // Before auth: a browser's preflight carries no token.
      cors(config.cors),
      gatewayMetrics.middleware,
      authenticated,
      limited,
      requireAuth,
      // Parsed only once the caller is known, so anonymous clients cannot make us read large bodies.
      express.json({ limit: env.MAX_BODY_BYTES }),
      expressMiddleware(apollo, { context: async ({ req }) => contextOf(req) }),
    );
    // Exports (issue #15): the same authentication; the job runs its query in-process as its caller.
    app.use(
      EXPORTS_PATH,
      authenticated,
      limited,
      requireAuth,
      exportRouter({
        jobs: exportJobs,
        base: EXPORTS_PATH,
        principalOf,
        maxBodyBytes: env.MAX_BODY_BYTES,
        runAs: (req) => {
          const contextValue = contextOf(req);
          return async (query, variables) => {
            const { body } = await apollo.executeOperation({ query, variables }, { contextValue });
            return body.kind === 'single'
              ? { data: body.singleResult.data ?? null, errors: body.singleResult.errors as never }
              : { errors: [{ message: 'incremental delivery is not exported' }] };
          };
        },
      }),
    );
    app.use(requestErrorHandler(logger, env.MAX_BODY_BYTES));

    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(env.PORT, env.HOST, () => {
        httpServer.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    await apollo.stop().catch(() => undefined);
    subgraphFetcher.close();
    await exportDb?.close().catch(() => undefined);
    throw err;
  }

  const address = httpServer.address();
  const port = typeof address === 'object' && address ? address.port : env.PORT;
  const url = `http://${env.HOST}:${port}${GRAPHQL_PATH}`;
  logger.info({ url, subgraphs: supergraph.subgraphs, production: config.production }, 'gateway ready');

  let stopping: Promise<void> | undefined;
  return {
    url,
    port,
    stop: () =>
      (stopping ??= (async () => {
        loaded = false;
        // Drains the HTTP server (plugin) and stops the gateway.
        await apollo.stop();
        subgraphFetcher.close();
        await exportDb?.close().catch(() => undefined);
        logger.info('gateway stopped');
      })()),
  };
}
