import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import type { EventEnvelope } from '../src/events/envelope';
import { topicOf } from '../src/events/envelope';

/** An envelope as a producer would write it (id, time, actor, correlation filled in unless given). */
export function testEvent<T extends Record<string, unknown>>(
  source: string,
  type: string,
  tenantId: string,
  subject: string,
  data: T,
  extra: Partial<EventEnvelope<T>> = {},
): EventEnvelope<T> {
  return {
    id: randomUUID(),
    type,
    version: 1,
    tenantId,
    source,
    subject,
    time: new Date().toISOString(),
    actor: { userId: `${source}-user`, role: 'COMMERCIAL_CLERK' },
    correlationId: randomUUID(),
    causationId: null,
    data,
    ...extra,
  };
}

/**
 * Publish events to a subgraph's topic as its relay would (key = subject), for consumers whose
 * producer is not built yet or to simulate a redelivery (publish the same envelope twice).
 */
export async function eventPublisher(brokers: string[]): Promise<{ publish: (e: EventEnvelope<unknown>) => Promise<void>; stop: () => Promise<void> }> {
  const kafka = new Kafka({ clientId: `test-publisher-${randomUUID().slice(0, 8)}`, brokers, logLevel: logLevel.NOTHING });
  const producer: Producer = kafka.producer();
  await producer.connect();
  return {
    publish: async (e) => {
      await producer.send({ topic: topicOf(e.source), messages: [{ key: e.subject, value: JSON.stringify(e) }] });
    },
    stop: () => producer.disconnect(),
  };
}

/**
 * A suite's event bus on the test stack's broker: connected before the suite's tests and disconnected
 * after them (call it at the top level of a test file). Publishes like `eventPublisher`.
 */
export function testBus(brokers: () => string[]): { publish: (e: EventEnvelope<unknown>) => Promise<void> } {
  let publisher: Awaited<ReturnType<typeof eventPublisher>> | undefined;
  beforeAll(async () => {
    publisher = await eventPublisher(brokers());
  });
  afterAll(async () => {
    await publisher?.stop();
  });
  return {
    publish: (e) => {
      if (!publisher) throw new Error('testBus: publish is only available inside the suite’s tests');
      return publisher.publish(e);
    },
  };
}
