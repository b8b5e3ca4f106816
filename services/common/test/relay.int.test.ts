/**
 * The outbox relay on the real broker and store: a document the broker refuses (a record larger
 * than the topic accepts) or whose events break their contract never blocks the documents behind
 * it; it is quarantined after its failures, recorded as an open fault of its tenant, and counted.
 */
import { randomUUID } from 'node:crypto';
import { Schema, type Connection, type Model } from 'mongoose';
import type { Kafka, Producer } from 'kafkajs';
import {
  connectMongo,
  createKafka,
  createLogger,
  createMetrics,
  createOutboxRelay,
  eventContracts,
  newEnvelope,
  openFaults,
  outboxPlugin,
  type OutboxRelay,
} from '@vinculo/common';
import { testStack, waitFor } from '@vinculo/common/testing';

describe('outbox relay quarantine (real Kafka + Mongo-wire)', () => {
  const stack = testStack();
  const logger = createLogger('relay-test', 'silent');
  const run = randomUUID().slice(0, 8);
  const topic = `test.relay.${run}`;
  const tenantId = `tenant-r-${run}`;
  const metrics = createMetrics('relay-test');
  let conn: Connection;
  let kafka: Kafka;
  let producer: Producer;
  let relay: OutboxRelay;
  let Aggregate: Model<any>;
  const received: string[] = [];

  const registered = (id: string, name = 'Relay Test SRL') =>
    newEnvelope(
      'customers',
      { tenantId, userId: 'u1', roles: ['ADMIN'] },
      {
        type: 'customers.CustomerRegistered',
        subject: id,
        data: { customerId: id, kind: 'BUSINESS', name, taxId: '1234567', identityCard: null, status: 'PROSPECT' },
      },
    );

  beforeAll(async () => {
    conn = await connectMongo(stack.mongoUri, `relay_${run}`);
    const schema = new Schema({ _id: String, tenantId: String }, { collection: 'aggregates' });
    schema.plugin(outboxPlugin);
    Aggregate = conn.model('Aggregate', schema);
    await Aggregate.init();
    kafka = createKafka('relay-test', stack.kafkaBrokers, logger);
    const admin = kafka.admin();
    await admin.connect();
    // A topic that refuses records over 4 KB: the broker's answer to an oversized document.
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 1, configEntries: [{ name: 'max.message.bytes', value: '4096' }] }] });
    await admin.disconnect();
    producer = kafka.producer({ maxInFlightRequests: 1 });
    await producer.connect();
    const reader = kafka.consumer({ groupId: `relay-reader-${run}` });
    await reader.connect();
    await reader.subscribe({ topic, fromBeginning: true });
    await reader.run({ eachMessage: async ({ message }) => void received.push(String(message.key)) });
    stops.push(() => reader.disconnect());
    relay = createOutboxRelay({ models: [Aggregate], producer, topic, contracts: eventContracts(), logger, metrics, pollMs: 50, maxDocumentFailures: 3 });
  });

  const stops: (() => Promise<void>)[] = [];
  afterAll(async () => {
    await relay.stop();
    for (const stop of stops) await stop();
    await producer.disconnect();
    await conn.close();
  });

  test('an oversized and a contract-breaking document are quarantined; the documents behind them are published', async () => {
    // Written straight to the store, in _id order, so the refused ones come first in every relay pass.
    const big = `a-big-${run}`;
    const broken = `b-broken-${run}`;
    const fine = `c-fine-${run}`;
    await Aggregate.collection.insertMany([
      { _id: big as never, tenantId, version: 1, outbox: Array.from({ length: 24 }, () => registered(big, 'X'.repeat(200))) },
      { _id: broken as never, tenantId, version: 1, outbox: [{ ...registered(broken), data: { customerId: broken, kind: 'ROBOT' } }] },
      { _id: fine as never, tenantId, version: 1, outbox: [registered(fine)] },
    ]);
    relay.start();

    await waitFor('the fine document to be published', () => received.includes(fine));
    await waitFor('both refused documents quarantined', async () => (await openFaults(conn, tenantId)).length === 2);
    const faults = await openFaults(conn, tenantId);
    expect(faults.find((f) => f._id === `outbox:Aggregate:${big}`)).toMatchObject({
      kind: 'QUARANTINED',
      attempts: 3,
      reason: expect.stringMatching(/^publish: /),
    });
    expect(faults.find((f) => f._id === `outbox:Aggregate:${broken}`)).toMatchObject({ kind: 'QUARANTINED', reason: expect.stringMatching(/^contract: /) });
    expect(received).not.toContain(big);
    expect(received).not.toContain(broken);
    // Quarantined documents keep their events (nothing is lost) and are no longer retried.
    expect((await Aggregate.findById(big).lean<{ outbox: unknown[]; outboxQuarantinedAt?: Date }>())?.outboxQuarantinedAt).toBeInstanceOf(Date);
    expect((await Aggregate.findById(big).lean<{ outbox: unknown[] }>())?.outbox).toHaveLength(24);
    expect((await metrics.outboxQuarantined.get()).values[0]?.value).toBe(2);

    // A new document written after the quarantine flows at once.
    const later = `d-later-${run}`;
    await Aggregate.create({ _id: later, tenantId, outbox: [registered(later)] });
    relay.nudge();
    await waitFor('a later document to be published', () => received.includes(later));
  });
});
