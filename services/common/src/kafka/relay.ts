import type { Connection } from 'mongoose';
import type { Producer } from 'kafkajs';
import type { Logger } from '../log/logger';
import type { Metrics } from '../metrics';
import type { EventEnvelope } from '../events/envelope';
import type { EventContracts } from '../events/contracts';
import { runDetached } from '../log/context';
import { recordFault } from './faults';

/**
 * What the relay uses of an aggregate model that carries an outbox (outboxPlugin): any mongoose model of
 * such a schema fits, whatever its document type (the relay reads only `outbox`, `tenantId` and `_id`).
 */
export interface OutboxModel {
  readonly modelName: string;
  readonly db: Connection;
  find(filter: Record<string, unknown>, projection: Record<string, 1>): { limit(n: number): { lean<R>(): PromiseLike<R> } };
  updateOne(filter: { _id: string }, update: Record<string, unknown>): PromiseLike<unknown>;
  init(): Promise<unknown>;
}

export interface RelayOptions {
  /** Aggregate models that carry an outbox (outboxPlugin). */
  models: OutboxModel[];
  producer: Producer;
  topic: string;
  contracts: EventContracts;
  logger: Logger;
  metrics?: Metrics;
  pollMs: number;
  /** Failed publishes of one document (not a broker outage) before it is quarantined. */
  maxDocumentFailures?: number;
  /** Test seam: called after a batch is published and before it is marked sent. */
  afterPublish?: (events: EventEnvelope[]) => void | Promise<void>;
}

interface PendingDoc {
  _id: string;
  tenantId?: string;
  outbox: EventEnvelope[];
}

/**
 * True when a publish failed because of this message (too large, invalid record…): the broker
 * answered and refused it for good. Connection errors, timeouts and "not leader" are the broker's
 * trouble, an outage that must not count against any document.
 */
export function isDocumentPublishError(err: unknown): boolean {
  for (let e = err as { name?: string; retriable?: boolean; originalError?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; depth++) {
    if (e.name === 'KafkaJSProtocolError' && e.retriable === false) return true;
    e = (e.originalError ?? e.cause) as typeof e;
  }
  return false;
}

/**
 * Publishes outbox events: reads pending events, publishes them keyed by aggregate id, then pulls
 * them from the document. A crash between publish and pull re-publishes on restart; consumers are
 * idempotent, so the effect still happens once. Runs on a poll and on `nudge()` after local writes.
 *
 * A broker outage stops the pass (everything waits for the broker, nothing is counted against a
 * document). A document the broker refuses, or whose events no longer meet their contract, is
 * skipped so it never blocks the rest; after `maxDocumentFailures` refusals (a broken contract at
 * once) it is quarantined: marked on the document, logged, counted and recorded as an open fault
 * for the reconciliation report, until `npm run dlq -- release` puts it back.
 */
export function createOutboxRelay(opts: RelayOptions) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = true;
  let lastError: unknown;
  const maxFailures = opts.maxDocumentFailures ?? 5;
  /** Refusals per `<model>:<id>` since the process started (a restart gives a document new tries). */
  const failures = new Map<string, number>();

  async function quarantine(model: OutboxModel, doc: PendingDoc, reason: string): Promise<void> {
    const first = doc.outbox[0];
    await recordFault(model.db, {
      _id: `outbox:${model.modelName}:${doc._id}`,
      kind: 'QUARANTINED',
      tenantId: doc.tenantId ?? first?.tenantId ?? '',
      eventId: first?.id ?? null,
      type: [...new Set(doc.outbox.map((e) => e.type))].join(','),
      source: model.modelName,
      reason: reason.slice(0, 1000),
      attempts: failures.get(`${model.modelName}:${doc._id}`) ?? 1,
    });
    await model.updateOne({ _id: doc._id }, { $set: { outboxQuarantinedAt: new Date() } });
    failures.delete(`${model.modelName}:${doc._id}`);
    opts.metrics?.outboxQuarantined.inc();
    opts.logger.error({ model: model.modelName, aggregateId: doc._id, events: doc.outbox.map((e) => e.id), reason }, 'outbox document quarantined');
  }

  async function passOnce(): Promise<number> {
    let published = 0;
    let pending = 0;
    let oldest = Infinity;
    for (const model of opts.models) {
      const docs = await model
        .find({ 'outbox.id': { $exists: true }, outboxQuarantinedAt: null }, { outbox: 1, tenantId: 1 })
        .limit(200)
        .lean<PendingDoc[]>();
      for (const doc of docs) {
        pending += doc.outbox.length;
        for (const e of doc.outbox) oldest = Math.min(oldest, Date.parse(e.time));
      }
      for (const doc of docs) {
        const events = doc.outbox;
        if (!events.length) continue;
        const broken = events.map((e) => opts.contracts.check(e)).find((r) => !r.ok);
        if (broken && !broken.ok) {
          // Validated when written, so a contract changed under stored events: a human must look.
          await quarantine(model, doc, `contract: ${broken.reason}`);
          continue;
        }
        const key = `${model.modelName}:${doc._id}`;
        try {
          await opts.producer.send({
            topic: opts.topic,
            messages: events.map((e) => ({
              key: e.subject,
              value: JSON.stringify(e),
              headers: { 'event-type': e.type, 'event-id': e.id, 'tenant-id': e.tenantId, 'correlation-id': e.correlationId },
            })),
          });
        } catch (err) {
          if (!isDocumentPublishError(err)) {
            opts.metrics?.outboxPublishFailures.inc({ kind: 'outage' });
            throw err;
          }
          opts.metrics?.outboxPublishFailures.inc({ kind: 'document' });
          const n = (failures.get(key) ?? 0) + 1;
          failures.set(key, n);
          opts.logger.warn({ err, model: model.modelName, aggregateId: doc._id, failures: n }, 'outbox document refused by the broker');
          if (n >= maxFailures) await quarantine(model, doc, `publish: ${(err as Error).message ?? String(err)}`);
          continue;
        }
        failures.delete(key);
        await opts.afterPublish?.(events);
        await model.updateOne({ _id: doc._id }, { $pull: { outbox: { id: { $in: events.map((e) => e.id) } } } });
        for (const e of events) opts.metrics?.eventsPublished.inc({ type: e.type });
        published += events.length;
      }
    }
    opts.metrics?.outboxPending.set(pending);
    opts.metrics?.outboxOldestPendingSeconds.set(Number.isFinite(oldest) ? Math.max(0, (Date.now() - oldest) / 1000) : 0);
    return published;
  }

  async function drain(): Promise<void> {
    do {
      again = false;
      try {
        // Keep going while pages come back published so a burst is flushed without waiting for the poll.
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
    /** Why the last pass failed, for /health/deps (no internals beyond the error's message). */
    lastError: (): string | undefined => (lastError === undefined ? undefined : ((lastError as Error).message ?? String(lastError))),
  };
}
export type OutboxRelay = ReturnType<typeof createOutboxRelay>;
