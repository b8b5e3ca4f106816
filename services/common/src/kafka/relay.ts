import type { Model } from 'mongoose';
import type { Producer } from 'kafkajs';
import type { Logger } from '../log/logger';
import type { Metrics } from '../metrics';
import type { EventEnvelope } from '../events/envelope';
import type { EventContracts } from '../events/contracts';
import { runDetached } from '../log/context';

export interface RelayOptions {
  /** Aggregate models that carry an outbox (outboxPlugin). */
  models: Model<any>[];
  producer: Producer;
  topic: string;
  contracts: EventContracts;
  logger: Logger;
  metrics?: Metrics;
  pollMs: number;
  /** Test seam: called after a batch is published and before it is marked sent. */
  afterPublish?: (events: EventEnvelope[]) => void | Promise<void>;
}

/**
 * Publishes outbox events: reads pending events, publishes them keyed by aggregate id, then pulls
 * them from the document. A crash between publish and pull re-publishes on restart; consumers are
 * idempotent, so the effect still happens once. Runs on a poll and on `nudge()` after local writes.
 */
export function createOutboxRelay(opts: RelayOptions) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = true;
  let lastError: unknown;

  async function passOnce(): Promise<number> {
    let published = 0;
    for (const model of opts.models) {
      const docs = await model
        .find({ 'outbox.id': { $exists: true } }, { outbox: 1 })
        .limit(200)
        .lean<{ _id: unknown; outbox: EventEnvelope[] }[]>();
      for (const doc of docs) {
        const events = doc.outbox;
        if (!events.length) continue;
        const broken = events.map((e) => opts.contracts.check(e)).find((r) => !r.ok);
        if (broken && !broken.ok) {
          // Events are validated when written, so this means a contract changed under stored events:
          // leave them for a human rather than block every other aggregate's events.
          opts.logger.error({ aggregateId: doc._id, reason: broken.reason }, 'outbox event breaks its contract; not published');
          continue;
        }
        await opts.producer.send({
          topic: opts.topic,
          messages: events.map((e) => ({
            key: e.subject,
            value: JSON.stringify(e),
            headers: { 'event-type': e.type, 'event-id': e.id, 'tenant-id': e.tenantId, 'correlation-id': e.correlationId },
          })),
        });
        await opts.afterPublish?.(events);
        await model.updateOne({ _id: doc._id }, { $pull: { outbox: { id: { $in: events.map((e) => e.id) } } } });
        for (const e of events) opts.metrics?.eventsPublished.inc({ type: e.type });
        published += events.length;
      }
    }
    return published;
  }

  async function drain(): Promise<void> {
    do {
      again = false;
      try {
        // Keep going while full pages come back so a burst is flushed without waiting for the poll.
        while ((await passOnce()) > 0 && !stopped) {
          /* next page */
        }
        lastError = undefined;
      } catch (err) {
        lastError = err;
        opts.logger.warn({ err }, 'outbox relay pass failed; will retry');
      }
    } while (again && !stopped);
  }

  function kick(): void {
    if (running) {
      again = true;
      return;
    }
    // Detached: a nudge comes from inside a request, but publishing is not part of that request.
    running = runDetached(drain).finally(() => {
      running = undefined;
    });
  }

  return {
    start(): void {
      stopped = false;
      timer = setInterval(kick, opts.pollMs);
      timer.unref();
      kick();
    },
    /** Publish soon: called right after a local write that added events. */
    nudge(): void {
      if (!stopped) kick();
    },
    /** Stop polling and finish the pass in flight, publishing what it read. */
    async stop(): Promise<void> {
      if (timer) clearInterval(timer);
      stopped = true;
      await running;
    },
    /** One full pass now (used by graceful shutdown and tests). */
    async flush(): Promise<void> {
      await running;
      await passOnce();
    },
    healthy: (): boolean => lastError === undefined,
  };
}
export type OutboxRelay = ReturnType<typeof createOutboxRelay>;
