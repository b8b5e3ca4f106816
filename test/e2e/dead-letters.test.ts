/**
 * Dead letters end to end on the running graph: an event that breaks its contract is dead-lettered
 * by every subgraph that consumes it, recorded as an open fault in that subgraph's own database,
 * listed by `npm run dlq -- list`, and a replay with `npm run dlq -- replay` goes through the normal
 * consumer path — still poison, so it returns to the dead-letter topic with its attempt counted.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Connection } from 'mongoose';
import { connectMongo, openFaults } from '@vinculo/common';
import { stackBus, testEvent, testStack, uniqueTenant, waitFor } from '@vinculo/common/testing';

const run = promisify(execFile);
const DLQ = path.resolve(__dirname, '../../scripts/dlq.js');

interface Letter {
  eventId: string;
  group: string;
  attempts: number;
  reason: string;
  originalTopic: string;
}

describe('dead letters: recorded, listed and replayed', () => {
  const stack = testStack();
  const bus = stackBus();
  const tenant = uniqueTenant('dlq');
  let techsupport: Connection;

  const dlq = async (...args: string[]): Promise<string> =>
    (await run(process.execPath, [DLQ, ...args], { env: { ...process.env, KAFKA_BROKERS: stack.kafkaBrokers.join(',') } })).stdout;
  const letters = async (eventId: string): Promise<Letter[]> => JSON.parse(await dlq('list', '--event-id', eventId, '--json')) as Letter[];

  beforeAll(async () => {
    techsupport = await connectMongo(stack.mongoUri, `t${stack.runId}_techsupport`);
  });
  afterAll(async () => {
    await techsupport.close();
  });

  test('a contract-breaking SalesOrderPlaced is dead-lettered, listed with its reason, and a replay returns it with attempt 2', async () => {
    const broken = testEvent('sales', 'sales.SalesOrderPlaced', tenant, 'ord-broken', { orderId: 'ord-broken' });
    await bus.publish(broken);

    const group = `t${stack.runId}-techsupport`;
    await waitFor('techsupport to dead-letter the event', async () => (await letters(broken.id)).some((l) => l.group === group), { timeoutMs: 60_000 });
    const first = (await letters(broken.id)).find((l) => l.group === group)!;
    expect(first).toMatchObject({ attempts: 1, originalTopic: 'vinculo.sales.events', reason: expect.stringMatching(/^contract: /) });

    const faults = await openFaults(techsupport, tenant);
    expect(faults).toEqual([
      expect.objectContaining({ kind: 'DEAD_LETTERED', eventId: broken.id, type: 'sales.SalesOrderPlaced', source: 'vinculo.sales.events' }),
    ]);

    expect(await dlq('replay', '--event-id', broken.id)).toMatch(/dry run/); // nothing sent without --yes
    expect(await dlq('replay', '--event-id', broken.id, '--yes')).toMatch(/1 event\(s\) replayed/);
    await waitFor('the replayed event back on the DLQ', async () => (await letters(broken.id)).some((l) => l.group === group && l.attempts === 2), {
      timeoutMs: 60_000,
    });
    expect((await openFaults(techsupport, tenant)).find((f) => f.eventId === broken.id)?.attempts).toBe(2);
  });
});
