import type { Kafka, Producer, Consumer, KafkaMessage } from 'kafkajs';
import { Schema, type Connection, type Model } from 'mongoose';
import type { Logger } from '../log/logger';
import type { Metrics } from '../metrics';
import type { EventEnvelope } from '../events/envelope';
import type { EventContracts } from '../events/contracts';
import { runWithContext } from '../log/context';
import { isDuplicateKey } from '../mongo/connection';

/** A handler applies one event. It must be idempotent by construction (deterministic ids, upserts). */
export type EventHandler = (event: EventEnvelope<any>) => Promise<void>;

export interface ConsumerOptions {
  kafka: Kafka;
  /** Producer used for the dead-letter topic. */
  producer: Producer;
  connection: Connection;
  groupId: string;
  topics: string[];
  dlqTopic: string;
  /** Handlers by event type; other types on the topics are skipped. */
  handlers: Record<string, EventHandler>;
  contracts: EventContracts;
  logger: Logger;
  metrics?: Metrics;
  maxAttempts: number;
  /** Base delay of the exponential backoff between attempts. */
  backoffMs?: number;
}

interface ProcessedEvent {
  _id: string;
  group: string;
  eventId: string;
  type: string;
  outcome: 'applied' | 'dead_lettered';
  at: Date;
}

const processedSchema = new Schema<ProcessedEvent>(
  { _id: String, group: String, eventId: String, type: String, outcome: String, at: Date },
  { versionKey: false, collection: 'processed_events' },
);

/**
 * The idempotent consumer: at-least-once delivery from Kafka, each event applied once per consumer
 * group (processed-event ids under the `_id` unique index), retried with backoff, and dead-lettered
 * with the reason in headers after `maxAttempts` or at once when it breaks its contract.
 */
export function createEventConsumer(opts: ConsumerOptions) {
  const processed =
    (opts.connection.models.ProcessedEvent as Model<ProcessedEvent> | undefined) ??
    opts.connection.model<ProcessedEvent>('ProcessedEvent', processedSchema);
  const consumer: Consumer = opts.kafka.consumer({
    groupId: opts.groupId,
    sessionTimeout: 30_000,
    heartbeatInterval: 3_000,
    retry: { retries: 10 },
  });
  const log = opts.logger.child({ component: 'consumer', group: opts.groupId });
  let joined = false;
  let crashed: unknown;
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

  async function deadLetter(topic: string, partition: number, message: KafkaMessage, reason: string, attempts: number) {
    await opts.producer.send({
      topic: opts.dlqTopic,
      messages: [
        {
          key: message.key,
          value: message.value,
          headers: {
            ...message.headers,
            'x-dlq-reason': reason.slice(0, 1000),
            'x-dlq-attempts': String(attempts),
            'x-original-topic': topic,
            'x-original-partition': String(partition),
            'x-original-offset': message.offset,
            'x-consumer-group': opts.groupId,
          },
        },
      ],
    });
    opts.metrics?.dlq.inc({ topic, reason: reason.split(':')[0]?.slice(0, 40) ?? 'unknown' });
    log.warn({ topic, partition, offset: message.offset, reason }, 'event dead-lettered');
  }

  async function markProcessed(event: EventEnvelope, outcome: ProcessedEvent['outcome']) {
    try {
      await processed.create({
        _id: `${opts.groupId}:${event.id}`,
        group: opts.groupId,
        eventId: event.id,
        type: event.type,
        outcome,
        at: new Date(),
      });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
  }

  async function handle(topic: string, partition: number, message: KafkaMessage): Promise<void> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(message.value?.toString('utf8') ?? '');
    } catch {
      await deadLetter(topic, partition, message, 'malformed: not JSON', 0);
      return;
    }
    const type = (parsed as { type?: unknown } | null)?.type;
    if (typeof type !== 'string') {
      await deadLetter(topic, partition, message, 'malformed: no event type', 0);
      return;
    }
    const handler = opts.handlers[type];
    if (!handler) {
      opts.metrics?.eventsConsumed.inc({ type, outcome: 'ignored' });
      return;
    }
    const check = opts.contracts.check(parsed);
    if (!check.ok) {
      await deadLetter(topic, partition, message, `contract: ${check.reason}`, 0);
      opts.metrics?.eventsConsumed.inc({ type, outcome: 'dead_lettered' });
      return;
    }
    const event = check.event;
    if (await processed.exists({ _id: `${opts.groupId}:${event.id}` })) {
      opts.metrics?.eventsConsumed.inc({ type, outcome: 'duplicate' });
      return;
    }
    let attempt = 0;
    for (;;) {
      attempt++;
      try {
        await runWithContext({ correlationId: event.correlationId, causationId: event.id, origin: 'event' }, () => handler(event));
        await markProcessed(event, 'applied');
        opts.metrics?.eventsConsumed.inc({ type, outcome: 'applied' });
        return;
      } catch (err) {
        if (attempt >= opts.maxAttempts) {
          await deadLetter(topic, partition, message, `handler: ${(err as Error).message ?? String(err)}`, attempt);
          await markProcessed(event, 'dead_lettered');
          opts.metrics?.eventsConsumed.inc({ type, outcome: 'dead_lettered' });
          return;
        }
        const delay = Math.min((opts.backoffMs ?? 100) * 2 ** (attempt - 1), 5_000);
        log.warn({ err, attempt, type, eventId: event.id, delay }, 'event handler failed; retrying');
        await new Promise((r) => setTimeout(r, delay));
      }
    }
  }

  return {
    async start(): Promise<void> {
      await consumer.connect();
      await consumer.subscribe({ topics: opts.topics, fromBeginning: true });
      await consumer.run({
        eachBatchAutoResolve: false,
        eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
          for (const message of batch.messages) {
            if (!isRunning() || isStale()) break;
            await handle(batch.topic, batch.partition, message);
            resolveOffset(message.offset);
            await heartbeat();
          }
          opts.metrics?.consumerLag.set({ topic: batch.topic, partition: String(batch.partition) }, Number(batch.offsetLag()));
        },
      });
    },
    async stop(): Promise<void> {
      await consumer.disconnect();
    },
    ready: (): boolean => joined && !crashed,
  };
}
export type EventConsumer = ReturnType<typeof createEventConsumer>;
