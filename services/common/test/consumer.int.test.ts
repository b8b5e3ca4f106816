/**
 * The idempotent consumer on the real broker and store: duplicates apply once; malformed events go
 * to the dead-letter topic with the reason in headers and the consumer keeps going; a transient
 * failure is retried for as long as it lasts (never dead-lettered), a permanent one is dead-lettered
 * and recorded as an open fault, and a replay of it goes through the normal path and takes effect.
 * An event whose source does not own the topic, or whose type is not its source's, is dead-lettered
 * with the reason and never applied.
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
  openFaults,
  permanent,
  DLQ_HEADERS,
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
  const dead: { reason: string; value: string; headers: Record<string, string> }[] = [];
  let failuresLeft = 0;
  /** Customer ids whose handling is refused for good (until the test lifts the refusal). */
  const refused = new Set<string>();

  const registered = (customerId: string) =>
    newEnvelope(
      'customers',
      { tenantId: 'tenant-c', userId: 'u1', roles: ['ADMIN'] },
      {
        type: 'customers.CustomerRegistered',
        subject: customerId,
        data: { customerId, kind: 'PERSON', name: 'Ana Pérez', taxId: null, identityCard: '1234567', status: 'PROSPECT' },
      },
    );
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
      // A test topic outside the `vinculo.<source>.events` naming: customers owns it here.
      ownerOf: () => 'customers',
      retry: { initialMs: 10, maxMs: 2_000 }, // 7 retries in place (< 1 s), then the partition pauses between attempts
      handlers: {
        'customers.CustomerRegistered': async (e) => {
          if (refused.has(e.subject)) throw permanent(new Error(`customer ${e.subject} refused for good`));
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
        const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]));
        dead.push({ reason: headers[DLQ_HEADERS.reason] ?? '', value: message.value?.toString() ?? '', headers });
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

  test('a transient failure is retried past any attempt count, never dead-lettered, and applied once', async () => {
    failuresLeft = 12; // the old kit gave up after 5 attempts and dead-lettered the event
    const event = registered(`cus-${randomUUID()}`);
    await send(event.subject, JSON.stringify(event));
    await waitFor('the retried event', async () => (await applied(event.subject)) === 1, { timeoutMs: 90_000 });
    expect(failuresLeft).toBe(0);
    expect(dead.some((d) => d.value.includes(event.subject))).toBe(false);
  });

  test('a permanent refusal is dead-lettered with its reason and an open fault; the next event still flows; a replay takes effect', async () => {
    const poisoned = registered(`cus-${randomUUID()}`);
    refused.add(poisoned.subject);
    await send(poisoned.subject, JSON.stringify(poisoned));
    const next = registered(`cus-${randomUUID()}`);
    await send(next.subject, JSON.stringify(next));
    await waitFor('the next event', async () => (await applied(next.subject)) === 1);
    await waitFor('the poisoned event in the DLQ', () => dead.some((d) => d.value.includes(poisoned.subject)));
    const letter = dead.find((d) => d.value.includes(poisoned.subject))!;
    expect(letter.reason).toMatch(/^permanent: customer .* refused for good/);
    expect(letter.headers[DLQ_HEADERS.topic]).toBe(topic);
    expect(await applied(poisoned.subject)).toBeUndefined();
    const faults = await openFaults(conn, 'tenant-c');
    expect(faults.find((f) => f.eventId === poisoned.id)).toMatchObject({ kind: 'DEAD_LETTERED', type: 'customers.CustomerRegistered', source: topic });

    // The cause is fixed; the dead letter is put back on its topic as `npm run dlq -- replay` does.
    refused.delete(poisoned.subject);
    await producer.send({ topic, messages: [{ key: poisoned.subject, value: letter.value, headers: { ...letter.headers, [DLQ_HEADERS.replay]: 'test' } }] });
    await waitFor('the replayed event to take effect', async () => (await applied(poisoned.subject)) === 1);
    await waitFor('the fault to close', async () => !(await openFaults(conn, 'tenant-c')).some((f) => f.eventId === poisoned.id));
  });

  test('a replayed event that is still poison returns to the DLQ with its new reason', async () => {
    const poisoned = registered(`cus-${randomUUID()}`);
    refused.add(poisoned.subject);
    await send(poisoned.subject, JSON.stringify(poisoned));
    await waitFor('the first dead letter', () => dead.some((d) => d.value.includes(poisoned.subject)));
    const letter = dead.find((d) => d.value.includes(poisoned.subject))!;
    await producer.send({ topic, messages: [{ key: poisoned.subject, value: letter.value, headers: { ...letter.headers, [DLQ_HEADERS.replay]: 'test' } }] });
    await waitFor('the second dead letter', () => dead.filter((d) => d.value.includes(poisoned.subject)).length === 2);
    expect(dead.filter((d) => d.value.includes(poisoned.subject)).map((d) => d.headers[DLQ_HEADERS.attempts])).toEqual(['1', '2']);
    const fault = (await openFaults(conn, 'tenant-c')).find((f) => f.eventId === poisoned.id);
    expect(fault?.attempts).toBe(2);
    expect(await applied(poisoned.subject)).toBeUndefined();
  });

  test('an event whose source does not own its topic is dead-lettered with its reason and not applied', async () => {
    // The topic belongs to customers here (ownerOf): sales cannot speak on it, even with a customers type.
    const forged = { ...registered(`cus-${randomUUID()}`), source: 'sales' };
    await send(forged.subject, JSON.stringify(forged));
    const next = registered(`cus-${randomUUID()}`);
    await send(next.subject, JSON.stringify(next));

    await waitFor('the next event', async () => (await applied(next.subject)) === 1);
    await waitFor('the forged event in the DLQ', () => dead.some((d) => d.value.includes(forged.subject)));
    const letter = dead.find((d) => d.value.includes(forged.subject))!;
    expect(letter.reason).toBe(`provenance: source "sales" does not own topic ${topic} (owner: customers)`);
    expect(letter.headers[DLQ_HEADERS.topic]).toBe(topic);
    expect(await applied(forged.subject)).toBeUndefined();
    const faults = await openFaults(conn, 'tenant-c');
    expect(faults.find((f) => f.eventId === forged.id)).toMatchObject({ kind: 'DEAD_LETTERED', reason: letter.reason });
  });
});
