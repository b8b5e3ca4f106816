/**
 * Outbox crash safety on the real engines: a process that dies after the state write and before
 * publishing loses no event, and one that dies after publishing but before marking the event sent
 * re-publishes it — yet the consumer's effect happens once.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type mongoose from 'mongoose';
import { Schema, type Connection } from 'mongoose';
import { connectMongo, createEventConsumer, createKafka, createLogger, ensureTopics, eventContracts, type EventConsumer } from '@vinculo/common';
import { testStack, waitFor } from '@vinculo/common/testing';
import type { Kafka, Producer } from 'kafkajs';

const HARNESS = path.join(__dirname, 'fixtures', 'outbox-harness.js');

function runHarness(mode: string, args: string[]): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [HARNESS, mode, ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
}

describe('outbox crash safety (real Kafka + Mongo-wire)', () => {
  const stack = testStack();
  const logger = createLogger('outbox-test', 'error');
  const run = randomUUID().slice(0, 8);
  const dbName = `outbox_${run}`;
  const topic = `test.outbox.${run}`;
  let conn: Connection;
  let kafka: Kafka;
  let producer: Producer;
  let consumer: EventConsumer;
  const Effect = new Schema({ _id: String, applied: Number }, { collection: 'effects' });

  beforeAll(async () => {
    conn = await connectMongo(stack.mongoUri, dbName);
    kafka = createKafka('outbox-test', stack.kafkaBrokers, logger);
    await ensureTopics(kafka, [topic, `${topic}.dlq`], 1);
    producer = kafka.producer();
    await producer.connect();
    const effects = conn.model('Effect', Effect);
    // The effect counts applications: if the kit delivered an event twice to the handler, applied = 2.
    consumer = createEventConsumer({
      kafka,
      producer,
      connection: conn,
      groupId: `outbox-test-${run}`,
      topics: [topic],
      dlqTopic: `${topic}.dlq`,
      contracts: eventContracts(),
      logger,
      // A test topic outside the `vinculo.<source>.events` naming: customers owns it here.
      ownerOf: () => 'customers',
      handlers: {
        'customers.CustomerRegistered': async (e) => {
          await effects.updateOne({ _id: e.subject }, { $inc: { applied: 1 } }, { upsert: true });
        },
      },
    });
    await consumer.start();
    await waitFor('consumer to join its group', () => consumer.ready());
  });

  afterAll(async () => {
    await consumer.stop();
    await producer.disconnect();
    await conn.close();
  });

  const args = (id: string) => [stack.mongoUri, stack.kafkaBrokers.join(','), dbName, topic, id, 'tenant-crash'];
  const pending = async (id: string) => ((await conn.collection('aggregates').findOne({ _id: id as unknown as mongoose.Types.ObjectId }))?.outbox ?? []).length;
  const applied = async (id: string) => (await conn.collection('effects').findOne({ _id: id as unknown as mongoose.Types.ObjectId }))?.applied;

  test('process killed after the state write, before publish: the event is published on restart, effect once', async () => {
    const id = `agg-${randomUUID()}`;
    expect((await runHarness('write', args(id))).signal).toBe('SIGKILL');
    expect(await pending(id)).toBe(1); // state and event were written together, nothing published
    expect(await applied(id)).toBeUndefined();

    expect((await runHarness('relay', args(id))).code).toBe(0); // the restart
    expect(await pending(id)).toBe(0);
    await waitFor('the consumer effect', async () => (await applied(id)) === 1);
  });

  test('process killed after publish, before marking sent: re-published on restart, effect still once', async () => {
    const id = `agg-${randomUUID()}`;
    await runHarness('write', args(id));
    expect((await runHarness('publish-die', args(id))).signal).toBe('SIGKILL');
    expect(await pending(id)).toBe(1); // published, but not marked: it will go again

    expect((await runHarness('relay', args(id))).code).toBe(0);
    expect(await pending(id)).toBe(0);
    await waitFor('the consumer effect', async () => (await applied(id)) === 1);
    // Both copies reached the broker; wait until the group has consumed everything, then the
    // effect must still be 1 (the second copy was recognised as a duplicate).
    const admin = kafka.admin();
    await admin.connect();
    const high = (await admin.fetchTopicOffsets(topic)).reduce((n, p) => n + Number(p.high), 0);
    expect(high).toBeGreaterThanOrEqual(3); // test 1's event + this event twice
    await waitFor('the group to consume up to the end of the topic', async () => {
      const [committed] = await admin.fetchOffsets({ groupId: `outbox-test-${run}`, topics: [topic] });
      return committed!.partitions.reduce((n, p) => n + Math.max(0, Number(p.offset)), 0) === high;
    });
    await admin.disconnect();
    expect(await applied(id)).toBe(1);
  });
});
