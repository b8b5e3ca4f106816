import type { Connection } from 'mongoose';
import type { Producer } from 'kafkajs';
import type { Express } from 'express';
import type { DocumentNode } from 'graphql';
import type { SubgraphResolverMap } from './http/resolver-map';
import { parseEnv, serviceEnvSchema, type ServiceEnv } from './config/env';
import { createLogger, type Logger } from './log/logger';
import { currentContext } from './log/context';
import { createMetrics } from './metrics';
import { connectMongo, onStoreCall, pingMongo } from './mongo/connection';
import { recordQueryShapes } from './mongo/query-shapes';
import { watchStore } from './mongo/watchdog';
import { createKafka, ensureTopics, kafkaSecurityOf } from './kafka/client';
import { createOutboxRelay, type OutboxModel, type OutboxRelay } from './kafka/relay';
import { createEventConsumer, type EventConsumer } from './kafka/consumer';
import { mergeHandlers, sourcesOf, type Handlers } from './events/typed';
import { backoffDelay } from './kafka/backoff';
import { eventContracts, type EventContracts } from './events/contracts';
import { dlqTopicOf, topicOf } from './events/envelope';
import { createTokenVerifier } from './auth/jwt';
import { startSubgraphServer } from './http/subgraph-server';
import { staffAccessReadModel, type StaffAccessReadModel } from './readmodels/staff-access';
import { devJwtSecret } from './config/env';
import { loadSubgraphHardening } from './config/hardening';
import { businessClockReadModel } from './readmodels/business-clock';
import { businessNow, onBusinessClockAdvanced } from './clock/business-clock';
import type { MountContext } from './documents/http';

/** What a subgraph's wiring receives. */
export interface ServiceDeps {
  name: string;
  env: ServiceEnv;
  /** The raw environment the service was started with, for settings a single subgraph reads itself. */
  source: NodeJS.ProcessEnv;
  conn: Connection;
  logger: Logger;
  contracts: EventContracts;
  /** Tell the relay that an outbox has new events (publish now rather than at the next poll). */
  published: () => void;
  /** The staff registry (customers.Employee*), kept by the kit's consumer: roles, team leads, e-mails. */
  staff: StaffAccessReadModel;
}

/** What a subgraph declares: its outbox models, resolvers and event handlers. */
export interface SubgraphWiring {
  outboxModels: OutboxModel[];
  resolvers: SubgraphResolverMap;
  /** Event handlers by type; the consumer reads the topics of their types' sources (`sourcesOf`). */
  consumes?: { handlers: Handlers };
  /**
   * Time-driven sweeps (a suspension's end date passing, a promise's date, a billing period): each
   * runs for every tenant every JOBS_INTERVAL_MS, and for one tenant as soon as that tenant's business
   * clock is advanced, each tenant at its business now (`clock.now(tenantId)`). A job must be idempotent
   * and safe to run in several replicas at once (versioned writes, deterministic ids).
   */
  jobs?: ScheduledJob[];
  /** HTTP routes besides /graphql and /health (internal endpoints other processes call; the gateway's file routes). */
  mount?: (app: Express, ctx: MountContext) => void;
}

export interface ScheduledJob {
  name: string;
  run: (clock: JobClock) => Promise<void>;
}

/** What a job run is given: each tenant's business now, and whether it runs for one tenant only. */
export interface JobClock {
  /** The tenant's business now (`businessNow` in a subgraph; a chosen time in tests). */
  now: (tenantId: string) => Date;
  /** Only this tenant (its clock was just advanced); every tenant when absent. */
  tenantId?: string;
}

export interface SubgraphSpec {
  name: string;
  /**
   * The subgraph's SDL: its generated `src/__generated__/type-defs.ts` (the build compiles
   * schemas/<name>.graphql into it, the same file its resolver types come from).
   */
  typeDefs: DocumentNode;
  defaultPort: number;
  wire: (deps: ServiceDeps) => SubgraphWiring | Promise<SubgraphWiring>;
}

export interface RunningSubgraph {
  url: string;
  port: number;
  conn: Connection;
  relay: OutboxRelay;
  consumer?: EventConsumer;
  stop: () => Promise<void>;
}

export interface StartOptions {
  /** Environment to read instead of process.env (e.g. a test starting a subgraph in-process). */
  env?: NodeJS.ProcessEnv;
}

/**
 * Start one subgraph: config, store, broker topics, outbox relay, consumers and the HTTP server.
 * `stop()` is the graceful shutdown: stop accepting and drain requests, flush the relay, leave the
 * consumer group (committing offsets), disconnect.
 */
export async function startSubgraph(spec: SubgraphSpec, options: StartOptions = {}): Promise<RunningSubgraph> {
  const source = options.env ?? process.env;
  const env = parseEnv(serviceEnvSchema, { PORT: String(spec.defaultPort), ...source });
  const hardening = loadSubgraphHardening(source);
  const logger = createLogger(spec.name, env.LOG_LEVEL);
  const metrics = createMetrics(spec.name);
  const contracts = eventContracts();
  const conn = await connectMongo(env.MONGODB_URI, env.MONGODB_DB ?? `vinculo_${spec.name}`, { maxTimeMS: hardening.MONGO_MAX_TIME_MS });
  const storeWatch = watchStore(conn, { uri: env.MONGODB_URI, logger, onReconnect: () => metrics.storeReconnects.inc() });
  onStoreCall(conn, (collection, op) => metrics.dbOperations.inc({ collection, op, origin: currentContext()?.origin ?? 'background' }));
  // Test runs record every query shape for the index check after the suite (mongo/query-shapes.ts).
  if (source.VINCULO_QUERY_SHAPES) recordQueryShapes(conn, source.VINCULO_QUERY_SHAPES, spec.name);
  if (env.JWT_SECRET === devJwtSecret) {
    logger.warn({ host: env.HOST }, 'DEVELOPMENT JWT SECRET IN USE (ALLOW_DEV_JWT_SECRET=true): anyone can mint tokens for this process; never expose it');
  }
  const kafka = createKafka(env.KAFKA_CLIENT_ID ?? `vinculo-${spec.name}`, env.KAFKA_BROKERS, logger, kafkaSecurityOf(env));
  // One request in flight keeps per-partition order under retries; duplicates are fine (idempotent consumers).
  const producer: Producer = kafka.producer({ maxInFlightRequests: 1 });
  let producerUp = false;
  producer.on(producer.events.CONNECT, () => (producerUp = true));
  producer.on(producer.events.DISCONNECT, () => (producerUp = false));

  // Every subgraph checks a request's principal against the staff registry (customers.Employee*), so
  // a deactivated employee or a removed role stops working within STAFF_CACHE_MS of the event.
  const staff = staffAccessReadModel(conn, { cacheMs: env.STAFF_CACHE_MS });
  let relay: OutboxRelay | undefined;
  const deps: ServiceDeps = { name: spec.name, env, source, conn, logger, contracts, published: () => relay?.nudge(), staff };
  const wiring = await spec.wire(deps);
  await Promise.all(wiring.outboxModels.map((m) => m.init()));

  // Every subgraph reads business time per tenant (customers.BusinessClockAdvanced): it stores the
  // offsets, loads them at start and re-reads them every BUSINESS_CLOCK_REFRESH_MS, so a replica that
  // did not consume the event learns it too.
  const clock = businessClockReadModel(conn, { refreshMs: env.BUSINESS_CLOCK_REFRESH_MS, logger });
  // The kit's read models first: a subgraph's own handler of the same event (a notification rule on
  // an employee's registration, a job run by a clock advance) reads them already updated.
  const handlers = mergeHandlers(mergeHandlers(staff.handlers, clock.handlers), wiring.consumes?.handlers ?? {});
  // Exactly the topics of the types handled: a subgraph reads no topic it has no handler for.
  const consumed = sourcesOf(handlers).map(topicOf);
  relay = createOutboxRelay({
    models: wiring.outboxModels,
    producer,
    topic: topicOf(spec.name),
    contracts,
    logger,
    metrics,
    pollMs: env.OUTBOX_POLL_MS,
    maxDocumentFailures: env.OUTBOX_MAX_DOCUMENT_FAILURES,
  });
  const consumer: EventConsumer | undefined = consumed.length
    ? createEventConsumer({
        kafka,
        producer,
        connection: conn,
        groupId: `${env.KAFKA_GROUP_PREFIX}-${spec.name}`,
        topics: consumed,
        dlqTopic: dlqTopicOf(spec.name),
        handlers,
        contracts,
        logger,
        metrics,
        retry: { initialMs: env.CONSUMER_RETRY_INITIAL_MS, maxMs: env.CONSUMER_RETRY_MAX_MS },
        processedTtlSeconds: env.PROCESSED_EVENT_TTL_DAYS * 86_400,
      })
    : undefined;

  // The broker is a dependency of the event flow, not of the API: the process serves requests (and
  // writes events to outboxes) while Kafka is away, and joins the event flow when it answers.
  const activeRelay = relay;
  const broker = connectBrokerInBackground(spec.name, logger, async () => {
    // A subgraph may consume its own topic too (customers' timeline reads every topic).
    await ensureTopics(kafka, [...new Set([topicOf(spec.name), dlqTopicOf(spec.name), ...consumed])]);
    await producer.connect();
    activeRelay.start();
    await consumer?.start();
  });

  const jobs = startJobs(wiring.jobs ?? [], env.JOBS_INTERVAL_MS, logger);
  // Jobs fire when a tenant's clock passes their time: an advance runs them for that tenant at once.
  const unlisten = onBusinessClockAdvanced((tenantId) => void jobs.runFor(tenantId)); // runFor logs failures, never rejects
  await clock.start();

  const server = await startSubgraphServer({
    name: spec.name,
    typeDefs: spec.typeDefs,
    host: env.HOST,
    port: env.PORT,
    resolvers: wiring.resolvers,
    verifyToken: staff.guard(createTokenVerifier(env)),
    logger,
    metrics,
    production: env.NODE_ENV === 'production',
    ...(wiring.mount ? { mount: wiring.mount } : {}),
    development: env.NODE_ENV === 'development',
    hardening,
    readiness: { store: () => pingMongo(conn) },
    dependencies: {
      broker: () => ({ up: producerUp, detail: broker.connected() ? undefined : 'connecting' }),
      relay: () => ({ up: broker.connected() && activeRelay.healthy(), detail: activeRelay.lastError() }),
      ...(consumer
        ? {
            consumer: () => {
              const retrying = consumer.retrying();
              return { up: consumer.ready(), detail: retrying.length ? { retrying } : undefined };
            },
          }
        : {}),
    },
  });
  logger.info({ url: server.url }, `${spec.name} subgraph ready`);

  return {
    url: server.url,
    port: server.port,
    conn,
    relay: activeRelay,
    ...(consumer ? { consumer } : {}),
    async stop() {
      clock.stop();
      unlisten();
      await jobs.stop();
      storeWatch.stop();
      await server.stop();
      await broker.stop();
      await activeRelay.stop();
      await activeRelay.flush().catch((err: unknown) => logger.warn({ err }, 'final relay flush failed'));
      await consumer?.stop();
      await producer.disconnect();
      await conn.close();
      logger.info(`${spec.name} subgraph stopped`);
    },
  };
}

/**
 * Run `connect` until it succeeds, retrying with capped backoff (a process may start while Kafka
 * is down). `stop()` ends the attempts.
 */
function connectBrokerInBackground(name: string, logger: Logger, connect: () => Promise<void>) {
  let connected = false;
  let stopped = false;
  let wake: (() => void) | undefined;
  const attempts = (async () => {
    for (let attempt = 1; !stopped; attempt++) {
      try {
        await connect();
        connected = true;
        if (attempt > 1) logger.info({ attempt }, `${name} joined the event flow`);
        return;
      } catch (err) {
        if (stopped) return;
        const delay = backoffDelay({ initialMs: 500, maxMs: 15_000 }, attempt);
        logger.warn({ err, attempt, delay }, 'broker not reachable yet; the API serves meanwhile, retrying');
        await new Promise<void>((r) => {
          wake = r;
          setTimeout(r, delay).unref();
        });
      }
    }
  })();
  return {
    connected: () => connected,
    async stop() {
      stopped = true;
      wake?.();
      await attempts;
    },
  };
}

/**
 * Run each job for every tenant every `everyMs` (0 = never; one interval run of a job at a time), and
 * every job for one tenant on `runFor` (a clock advance: in declaration order, one tenant's runs one
 * after the other, never skipped). Failures are logged, never fatal; the next run tries again.
 */
export function startJobs(jobs: ScheduledJob[], everyMs: number, logger: Logger, now: (tenantId: string) => Date = businessNow) {
  const running = new Map<string, Promise<void>>();
  const perTenant = new Map<string, Promise<void>>();
  const runOne = (job: ScheduledJob, clock: JobClock) =>
    job.run(clock).catch((err: unknown) => logger.error({ err, job: job.name, tenantId: clock.tenantId }, 'scheduled job failed'));
  const tick = () => {
    for (const job of jobs) {
      if (running.has(job.name)) continue;
      const run = runOne(job, { now }).finally(() => running.delete(job.name));
      running.set(job.name, run);
    }
  };
  const timer = jobs.length && everyMs > 0 ? setInterval(tick, everyMs) : undefined;
  timer?.unref();
  let stopped = false;
  return {
    /** Run every job for this tenant now (after its previous advance's runs). */
    runFor(tenantId: string): Promise<void> {
      if (stopped || jobs.length === 0) return Promise.resolve();
      const next = (perTenant.get(tenantId) ?? Promise.resolve()).then(async () => {
        for (const job of jobs) if (!stopped) await runOne(job, { now, tenantId });
      });
      perTenant.set(tenantId, next);
      void next.finally(() => {
        if (perTenant.get(tenantId) === next) perTenant.delete(tenantId);
      });
      return next;
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await Promise.allSettled([...running.values(), ...perTenant.values()]);
    },
  };
}

/** main() for a subgraph process: start, stop gracefully on SIGINT/SIGTERM, exit 1 on failure. */
export function runSubgraphMain(spec: SubgraphSpec): void {
  startSubgraph(spec)
    .then((running) => {
      let stopping = false;
      const shutdown = (signal: string) => {
        if (stopping) return;
        stopping = true;
        const timer = setTimeout(() => process.exit(1), 15_000);
        timer.unref();
        running
          .stop()
          .then(() => process.exit(0))
          .catch((err: unknown) => {
            console.error(`${spec.name}: error during ${signal} shutdown`, err);
            process.exit(1);
          });
      };
      process.on('SIGINT', () => shutdown('SIGINT'));
      process.on('SIGTERM', () => shutdown('SIGTERM'));
    })
    .catch((err: unknown) => {
      console.error(`${spec.name} failed to start: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    });
}

/**
 * Hand codegen-typed resolvers (`Resolvers` from a subgraph's __generated__/resolvers-types.ts) to
 * buildSubgraphSchema. Codegen's resolver types are stricter than @apollo/subgraph's loose
 * `GraphQLResolverMap<unknown>` (typed context, typed reference resolvers), so TypeScript cannot
 * relate the two; this is the one place that bridges them, after codegen has checked every resolver.
 */
export function subgraphResolvers<R extends object>(typed: R): SubgraphResolverMap {
  return typed as unknown as SubgraphResolverMap;
}
