import type { Kafka, Producer, Consumer, KafkaMessage, IHeaders } from 'kafkajs';
import { Schema, type Connection, type Model } from 'mongoose';
import type { Logger } from '../log/logger';
import type { Metrics } from '../metrics';
import type { EventEnvelope } from '../events/envelope';
import type { EventContracts } from '../events/contracts';
import { handlerOf, type Handlers } from '../events/typed';
import { runWithContext } from '../log/context';
import { isDuplicateKey } from '../mongo/connection';
import { isPermanent } from './permanent';
import { provenanceProblem, sourceOfTopic } from './provenance';
import { recordFault, resolveFault } from './faults';
import { backoffDelay, type Backoff } from './backoff';

/** Headers a dead letter carries (read by `npm run dlq`). */
export const DLQ_HEADERS = {
  reason: 'x-dlq-reason',
  attempts: 'x-dlq-attempts',
  topic: 'x-original-topic',
  partition: 'x-original-partition',
  offset: 'x-original-offset',
  group: 'x-consumer-group',
  at: 'x-dlq-at',
  /** Set by `npm run dlq -- replay` on the message it puts back on the original topic. */
  replay: 'x-dlq-replay',
} as const;

export interface ConsumerOptions {
  kafka: Kafka;
  /** Producer used for the dead-letter topic. */
  producer: Producer;
  connection: Connection;
  groupId: string;
  topics: string[];
  dlqTopic: string;
  /** Handlers by event type; other types on the topics are skipped. */
  handlers: Handlers;
  contracts: EventContracts;
  logger: Logger;
  metrics?: Metrics;
  /** Retry delays of a transient failure: exponential from `initialMs`, capped at `maxMs`, unbounded in count. */
  retry?: Partial<Backoff>;
  /** How long processed-event ids are kept (well beyond the topics' retention and any replay window). */
  processedTtlSeconds?: number;
  /**
   * The source that owns a topic (its only legitimate publisher); by default read from the name
   * `vinculo.<source>.events`. An event whose source or type prefix is not the owner is dead-lettered.
   */
  ownerOf?: (topic: string) => string | null;
}

interface ProcessedEvent {
  _id: string;
  group: string;
  eventId: string;
  type: string;
  at: Date;
}

/** A partition whose head event failed transiently and is paused until its next attempt. */
interface Retrying {
  offset: string;
  attempts: number;
  since: number;
  eventId: string | null;
  timer?: NodeJS.Timeout;
}

type Outcome = { done: true } | { done: false; error: unknown; eventId: string | null };

const DEFAULT_TTL_S = 30 * 24 * 3600;
/** Retries whose delay is below this are done in place, without pausing the partition. */
const IN_PLACE_MS = 1_000;

function processedModel(conn: Connection, ttlSeconds: number): Model<ProcessedEvent> {
  const existing = conn.models.ProcessedEvent as Model<ProcessedEvent> | undefined;
  if (existing) return existing;
  const schema = new Schema<ProcessedEvent>(
    { _id: String, group: String, eventId: String, type: String, at: Date },
    { versionKey: false, collection: 'processed_events' },
  );
  // Expiry: a processed id is only needed while the event can still be redelivered.
  schema.index({ at: 1 }, { expireAfterSeconds: ttlSeconds });
  return conn.model<ProcessedEvent>('ProcessedEvent', schema);
}

/**
 * The idempotent consumer: at-least-once delivery from Kafka, each event applied once per consumer
 * group (processed-event ids under the `_id` unique index, recorded only after the effect is
 * written). A failure is transient unless proven permanent (kafka/permanent.ts): the partition is
 * paused and the event retried with capped exponential backoff, for as long as it takes, while the
 * other partitions flow and the group heartbeats. Only permanent failures — unparsable, contract
 * violation, an event whose source does not own its topic or type (kafka/provenance.ts), a refusal
 * the handler marks permanent — go to the dead-letter topic with the reason,
 * and are recorded as open faults (kafka/faults.ts). A dead letter is not marked processed, so
 * `npm run dlq -- replay` goes through this same path and takes effect.
 */
export function createEventConsumer(opts: ConsumerOptions) {
  const processed = processedModel(opts.connection, opts.processedTtlSeconds ?? DEFAULT_TTL_S);
  const backoff: Backoff = { initialMs: 100, maxMs: 30_000, ...opts.retry };
  const consumer: Consumer = opts.kafka.consumer({
    groupId: opts.groupId,
    sessionTimeout: 30_000,
    heartbeatInterval: 3_000,
    // A paused partition is fetched again only at the next fetch round, and an idle fetch waits this
    // long at the broker: it bounds how late a resumed partition is retried.
    maxWaitTimeInMs: 1_000,
    // Reconnect for as long as the broker is away: a Kafka outage delays consumption, never ends it.
    retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 300, maxRetryTime: 30_000 },
  });
  const log = opts.logger.child({ component: 'consumer', group: opts.groupId });
  const retrying = new Map<string, Retrying>();
  let joined = false;
  let crashed: unknown;
  let stopped = false;
  consumer.on(consumer.events.GROUP_JOIN, () => {
    joined = true;
    crashed = undefined;
  });
  consumer.on(consumer.events.CRASH, (e) => {
    // kafkajs restarts after retriable errors (e.g. "coordinator is loading" on a fresh broker) and
    // rejoins: only a crash it will not restart from leaves the consumer unready for good.
    crashed = e.payload.restart ? undefined : e.payload.error;
    joined = false;
    log.warn({ err: e.payload.error, restart: e.payload.restart }, 'consumer crashed');
  });
  consumer.on(consumer.events.DISCONNECT, () => {
    joined = false;
  });
  opts.metrics?.registerConsumerRetries(() => {
    const now = Date.now();
    let oldest = 0;
    for (const r of retrying.values()) oldest = Math.max(oldest, (now - r.since) / 1000);
    return { retrying: retrying.size, oldestSeconds: oldest };
  });

  const header = (headers: IHeaders | undefined, name: string): string | undefined => {
    const v = headers?.[name];
    return v === undefined ? undefined : Array.isArray(v) ? v[0]?.toString() : v.toString();
  };

  async function deadLetter(topic: string, partition: number, message: KafkaMessage, reason: string, parsed: unknown) {
    const event = (parsed ?? {}) as { id?: unknown; type?: unknown; tenantId?: unknown };
    const eventId = typeof event.id === 'string' ? event.id : null;
    const type = typeof event.type === 'string' ? event.type : null;
    const tenantId = typeof event.tenantId === 'string' ? event.tenantId : (header(message.headers, 'tenant-id') ?? '');
    const previous = Number(header(message.headers, DLQ_HEADERS.attempts) ?? 0);
    const { [DLQ_HEADERS.replay]: _replay, ...headers } = message.headers ?? {};
    await opts.producer.send({
      topic: opts.dlqTopic,
      messages: [
        {
          key: message.key,
          value: message.value,
          headers: {
            ...headers,
            [DLQ_HEADERS.reason]: reason.slice(0, 1000),
            [DLQ_HEADERS.attempts]: String(previous + 1),
            [DLQ_HEADERS.topic]: topic,
            [DLQ_HEADERS.partition]: String(partition),
            [DLQ_HEADERS.offset]: message.offset,
            [DLQ_HEADERS.group]: opts.groupId,
            [DLQ_HEADERS.at]: new Date().toISOString(),
          },
        },
      ],
    });
    await recordFault(opts.connection, {
      _id: `dlq:${opts.groupId}:${eventId ?? `${topic}:${partition}:${message.offset}`}`,
      kind: 'DEAD_LETTERED',
      tenantId,
      eventId,
      type,
      source: topic,
      reason: reason.slice(0, 1000),
      attempts: previous + 1,
    });
    opts.metrics?.dlq.inc({ topic, reason: reason.split(':')[0]?.slice(0, 40) ?? 'unknown' });
    if (type) opts.metrics?.eventsConsumed.inc({ type, outcome: 'dead_lettered' });
    log.warn({ topic, partition, offset: message.offset, eventId, reason }, 'event dead-lettered');
  }

  async function markProcessed(event: EventEnvelope) {
    try {
      await processed.create({ _id: `${opts.groupId}:${event.id}`, group: opts.groupId, eventId: event.id, type: event.type, at: new Date() });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
  }

  /** Apply one message. `done` means its offset may be resolved (applied, skipped or dead-lettered). */
  async function handle(topic: string, partition: number, message: KafkaMessage): Promise<Outcome> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(message.value?.toString('utf8') ?? '');
    } catch {
      parsed = undefined;
    }
    let eventId: string | null = null;
    try {
      if (parsed === undefined) {
        await deadLetter(topic, partition, message, 'malformed: not JSON', undefined);
        return { done: true };
      }
      const type = (parsed as { type?: unknown } | null)?.type;
      if (typeof type !== 'string') {
        await deadLetter(topic, partition, message, 'malformed: no event type', parsed);
        return { done: true };
      }
      const handler = handlerOf(opts.handlers, type);
      if (!handler) {
        opts.metrics?.eventsConsumed.inc({ type, outcome: 'ignored' });
        return { done: true };
      }
      const check = opts.contracts.check(parsed);
      if (!check.ok) {
        await deadLetter(topic, partition, message, `contract: ${check.reason}`, parsed);
        return { done: true };
      }
      const event = check.event;
      const forged = provenanceProblem(topic, event, (opts.ownerOf ?? sourceOfTopic)(topic));
      if (forged) {
        await deadLetter(topic, partition, message, `provenance: ${forged}`, parsed);
        return { done: true };
      }
      eventId = event.id;
      const replayed = header(message.headers, DLQ_HEADERS.replay) !== undefined;
      if (await processed.exists({ _id: `${opts.groupId}:${event.id}` })) {
        opts.metrics?.eventsConsumed.inc({ type, outcome: 'duplicate' });
        if (replayed) await resolveFault(opts.connection, `dlq:${opts.groupId}:${event.id}`);
        return { done: true };
      }
      try {
        await runWithContext({ correlationId: event.correlationId, causationId: event.id, origin: 'event' }, () => handler(event));
      } catch (err) {
        if (!isPermanent(err)) throw err;
        await deadLetter(topic, partition, message, `permanent: ${(err as Error).message ?? String(err)}`, parsed);
        return { done: true };
      }
      await markProcessed(event);
      if (replayed) await resolveFault(opts.connection, `dlq:${opts.groupId}:${event.id}`);
      opts.metrics?.eventsConsumed.inc({ type, outcome: 'applied' });
      return { done: true };
    } catch (error) {
      // The store or the broker failed, a version was stale, a read model has not caught up…:
      // nothing is resolved, the event is tried again.
      return { done: false, error, eventId };
    }
  }

  /** Pause the partition until the failed head event's next attempt. */
  function scheduleRetry(
    topic: string,
    partition: number,
    offset: string,
    outcome: Extract<Outcome, { done: false }>,
    pause: () => () => void,
    inPlace: number,
  ) {
    const key = `${topic}:${partition}`;
    const previous = retrying.get(key);
    const state: Retrying =
      previous && previous.offset === offset
        ? { ...previous, attempts: previous.attempts + 1 }
        : { offset, attempts: inPlace + 1, since: Date.now(), eventId: outcome.eventId };
    const delay = backoffDelay(backoff, state.attempts);
    const resume = pause();
    state.timer = setTimeout(() => {
      if (!stopped) resume();
    }, delay);
    state.timer.unref();
    retrying.set(key, state);
    opts.metrics?.eventRetries.inc();
    const level = state.attempts === 1 || state.attempts % 10 === 0 ? 'warn' : 'debug';
    log[level](
      { err: outcome.error, topic, partition, offset, eventId: outcome.eventId, attempt: state.attempts, delay },
      'event failed; partition paused until the next attempt',
    );
  }

  return {
    async start(): Promise<void> {
      stopped = false;
      await consumer.connect();
      await consumer.subscribe({ topics: opts.topics, fromBeginning: true });
      await consumer.run({
        eachBatchAutoResolve: false,
        eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale, pause }) => {
          const key = `${batch.topic}:${batch.partition}`;
          for (const message of batch.messages) {
            if (!isRunning() || isStale()) break;
            let outcome = await handle(batch.topic, batch.partition, message);
            // Short blips are retried in place (a paused partition is fetched again only at the next
            // fetch round); longer faults pause the partition so the others flow meanwhile.
            const alreadyRetrying = retrying.get(key)?.offset === message.offset;
            let inPlace = 0;
            while (!outcome.done && !alreadyRetrying && backoffDelay(backoff, inPlace + 1, () => 1) < IN_PLACE_MS && isRunning() && !isStale()) {
              inPlace++;
              opts.metrics?.eventRetries.inc();
              await new Promise((r) => setTimeout(r, backoffDelay(backoff, inPlace)));
              await heartbeat();
              outcome = await handle(batch.topic, batch.partition, message);
            }
            if (!outcome.done) {
              scheduleRetry(batch.topic, batch.partition, message.offset, outcome, pause, inPlace);
              break;
            }
            const wasRetrying = retrying.get(key);
            if (wasRetrying) {
              log.info(
                { topic: batch.topic, partition: batch.partition, eventId: wasRetrying.eventId, attempts: wasRetrying.attempts + 1 },
                'event took effect after retries',
              );
              retrying.delete(key);
            }
            resolveOffset(message.offset);
            await heartbeat();
          }
          opts.metrics?.consumerLag.set({ topic: batch.topic, partition: String(batch.partition) }, Number(batch.offsetLag()));
        },
      });
    },
    async stop(): Promise<void> {
      stopped = true;
      for (const r of retrying.values()) clearTimeout(r.timer);
      retrying.clear();
      await consumer.disconnect();
    },
    ready: (): boolean => joined && !crashed,
    /** Partitions whose head event is waiting for its next attempt (for /health/deps). */
    retrying: (): { partition: string; eventId: string | null; attempts: number; sinceMs: number }[] =>
      [...retrying.entries()].map(([partition, r]) => ({ partition, eventId: r.eventId, attempts: r.attempts, sinceMs: Date.now() - r.since })),
  };
}
export type EventConsumer = ReturnType<typeof createEventConsumer>;
