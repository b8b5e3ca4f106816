import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';

/** One Prometheus registry per process, with the default Node metrics and Vínculo's own. */
export function createMetrics(service: string) {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    eventsPublished: new Counter({
      name: 'vinculo_events_published_total',
      help: 'Events published by the outbox relay',
      labelNames: ['type'],
      registers: [registry],
    }),
    outboxPending: new Gauge({
      name: 'vinculo_outbox_pending',
      help: 'Events waiting in outboxes at the last relay pass',
      registers: [registry],
    }),
    outboxOldestPendingSeconds: new Gauge({
      name: 'vinculo_outbox_oldest_pending_seconds',
      help: 'Age of the oldest event waiting in an outbox at the last relay pass',
      registers: [registry],
    }),
    outboxPublishFailures: new Counter({
      name: 'vinculo_outbox_publish_failures_total',
      help: 'Failed publishes of an outbox document, by kind (outage: the broker; document: this document)',
      labelNames: ['kind'],
      registers: [registry],
    }),
    outboxQuarantined: new Counter({
      name: 'vinculo_outbox_quarantined_total',
      help: 'Outbox documents quarantined after repeated failed publishes (listed in the reconciliation report)',
      registers: [registry],
    }),
    storeReconnects: new Counter({
      name: 'vinculo_store_reconnects_total',
      help: 'Times the store client was rebuilt because it stayed unable to reach a store that answers others',
      registers: [registry],
    }),
    eventRetries: new Counter({
      name: 'vinculo_event_retries_total',
      help: 'Transient consumer failures: each pauses the partition until the next attempt',
      registers: [registry],
    }),
    eventsConsumed: new Counter({
      name: 'vinculo_events_consumed_total',
      help: 'Events handled by consumers, by outcome (applied, duplicate, ignored, dead_lettered)',
      labelNames: ['type', 'outcome'],
      registers: [registry],
    }),
    consumerLag: new Gauge({
      name: 'vinculo_consumer_lag',
      help: 'Messages behind the partition end, per topic and partition, at the last batch',
      labelNames: ['topic', 'partition'],
      registers: [registry],
    }),
    dbOperations: new Counter({
      name: 'vinculo_db_operations_total',
      help: 'MongoDB operations issued, by collection, operation and origin (request, event, background)',
      labelNames: ['collection', 'op', 'origin'],
      registers: [registry],
    }),
    graphqlRootFields: new Counter({
      name: 'vinculo_graphql_root_fields_total',
      help: 'Root fields requested from this server (e.g. _entities), by operation type and field',
      labelNames: ['type', 'field'],
      registers: [registry],
    }),
    dlq: new Counter({
      name: 'vinculo_events_dead_lettered_total',
      help: 'Events sent to a dead-letter topic',
      labelNames: ['topic', 'reason'],
      registers: [registry],
    }),
    /** Gauges of the consumer's retries, read at scrape time. */
    registerConsumerRetries(read: () => { retrying: number; oldestSeconds: number }): void {
      new Gauge({
        name: 'vinculo_events_retrying',
        help: 'Partitions paused because their head event failed transiently and waits for its next attempt',
        registers: [registry],
        collect() {
          this.set(read().retrying);
        },
      });
      new Gauge({
        name: 'vinculo_event_retry_oldest_seconds',
        help: 'How long the oldest retrying event has been failing',
        registers: [registry],
        collect() {
          this.set(read().oldestSeconds);
        },
      });
    },
  };
}
export type Metrics = ReturnType<typeof createMetrics>;
