/**
 * The idempotent consumer on the real broker and store: duplicates apply once; malformed events go
 * to the dead-letter topic with the reason in headers and the consumer keeps going.
 */
import { randomUUID } from 'node:crypto';
import { Schema, type Connection } from 'mongoose';
import type { Kafka, Producer } from 'kafkajs';
import {
  connectMongo,
  createEventConsumer,
  createKafka,
  createLogger,
  ensureTopics,
  eventContracts,
  newEnvelope,
  type EventConsumer,
} from '@vinculo/common';
import { testStack, waitFor } from '@vinculo/common/testing';

describe('idempotent consumer (real Kafka + Mongo-wire)', () => {
  const stack = testStack();
  const logger = createLogger('consumer-test', 'error');
  const run = randomUUID().slice(0, 8);
  const topic = `test.consumer.${run}`;
  const dlq = `${topic}.dlq`;
  let conn: Connection;
  let kafka: Kafka;
  let producer: Producer;
  let consumer: EventConsumer;
  const dead: { reason: string; value: string }[] = [];
  let failuresLeft = 0;

  const registered = (customerId: string) =>
    newEnvelope('customers', { tenantId: 'tenant-c', userId: 'u1', roles: ['ADMIN'] }, {
      type: 'customers.CustomerRegistered',
      subject: customerId,
      data: { customerId, kind: 'PERSON', name: 'Ana Pérez', taxId: null, identityCard: '1234567', status: 'PROSPECT' },
    });
  const send = (key: string, value: string) => producer.send({ topic, messages: [{ key, value }] });
  const applied = async (id: string) => (await conn.collection('effects').findOne({ _id: id as never }))?.applied;

  beforeAll(async () => {
    conn = await connectMongo(stack.mongoUri, `consumer_${run}`);
    kafka = createKafka('consumer-test', stack.kafkaBrokers, logger);
    await ensureTopics(kafka, [topic, dlq], 1);
    producer = kafka.producer();
    await producer.connect();
    const effects = conn.model('Effect', new Schema({ _id: String, applied: Number }, { collection: 'effects' }));
    consumer = createEventConsumer({
      kafka,
      producer,
      connection: conn,
      groupId: `consumer-test-${run}`,
      topics: [topic],
      dlqTopic: dlq,
      contracts: eventContracts(),
      logger,
      maxAttempts: 3,
      backoffMs: 10,
      handlers: {
        'customers.CustomerRegistered': async (e) => {
          if (failuresLeft > 0) {
            failuresLeft--;
            throw new Error('store briefly unavailable');
          }
          await effects.updateOne({ _id: e.subject }, { $inc: { applied: 1 } }, { upsert: true });
        },
      },
    });
    await consumer.start();
    const dlqReader = kafka.consumer({ groupId: `dlq-reader-${run}` });
    await dlqReader.connect();
    await dlqReader.subscribe({ topic: dlq, fromBeginning: true });
    await dlqReader.run({
      eachMessage: async ({ message }) => {
        dead.push({ reason: message.headers?.['x-dlq-reason']?.toString() ?? '', value: message.value?.toString() ?? '' });
      },
    });
    afterAllStops.push(() => dlqReader.disconnect());
    await waitFor('consumer to join', () => consumer.ready());
  });

  const afterAllStops: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const stop of afterAllStops) await stop();
    await consumer.stop();
    await producer.disconnect();
    await conn.close();
  });

  test('the same event delivered twice has one effect', async () => {
    const event = registered(`cus-${randomUUID()}`);
    await send(event.subject, JSON.stringify(event));
    await send(event.subject, JSON.stringify(event));
    const marker = registered(`cus-${randomUUID()}`); // sent after both copies: once it is applied, both were seen
    await send(marker.subject, JSON.stringify(marker));
    await waitFor('the marker event', async () => (await applied(marker.subject)) === 1);
    expect(await applied(event.subject)).toBe(1);
  });

  test('a malformed event goes to the DLQ with its reason and the consumer keeps going', async () => {
    await send('k1', '{not json');
    const broken = { ...registered('cus-broken'), data: { customerId: 'cus-broken', kind: 'ROBOT' } };
    await send('k2', JSON.stringify(broken));
    const after = registered(`cus-${randomUUID()}`);
    await send(after.subject, JSON.stringify(after));

    await waitFor('the next valid event to be applied', async () => (await applied(after.subject)) === 1);
    await waitFor('two dead letters', () => dead.length >= 2);
    expect(dead.find((d) => d.value === '{not json')?.reason).toMatch(/not JSON/);
    expect(dead.find((d) => d.value.includes('ROBOT'))?.reason).toMatch(/contract: .*customers\.CustomerRegistered/);
  });

  test('a failing handler is retried with backoff and the event applied once it succeeds', async () => {
    failuresLeft = 2; // maxAttempts is 3
    const event = registered(`cus-${randomUUID()}`);
    await send(event.subject, JSON.stringify(event));
    await waitFor('the retried event', async () => (await applied(event.subject)) === 1);
  });

  test('a handler that keeps failing is dead-lettered after maxAttempts, and the next event still flows', async () => {
    failuresLeft = 3;
    const poisoned = registered(`cus-${randomUUID()}`);
    await send(poisoned.subject, JSON.stringify(poisoned));
    const next = registered(`cus-${randomUUID()}`);
    await send(next.subject, JSON.stringify(next));
    await waitFor('the next event', async () => (await applied(next.subject)) === 1);
    await waitFor('the poisoned event in the DLQ', () => dead.some((d) => d.value.includes(poisoned.subject)));
    expect(dead.find((d) => d.value.includes(poisoned.subject))?.reason).toMatch(/handler: store briefly unavailable/);
    expect(await applied(poisoned.subject)).toBeUndefined();
  });
});
