/**
 * A Kafka outage never takes the API out: a subgraph started while the broker is unreachable is
 * ready (/health/ready = store + HTTP), serves writes whose events wait in its outbox, reports the
 * broker apart on /health/deps, and joins the event flow — publishing what waited — once the broker
 * answers. The broker's bootstrap address is a TCP gate the test opens later; behind it is the test
 * stack's real Kafka.
 */
import net from 'node:net';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { startSubgraph, type RunningSubgraph } from '@vinculo/common';
import { execute, testStack, tokenFor, uniqueTenant, waitFor } from '@vinculo/common/testing';
import { customersSubgraph } from '../../services/customers/src/subgraph';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });

/** A TCP forwarder to the real broker that refuses connections until opened. */
function brokerGate(port: number, target: { host: string; port: number }) {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => s.destroy());
      s.on('close', () => sockets.delete(s));
    }
    client.pipe(upstream).pipe(client);
  });
  return {
    open: () => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve)),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        if (!server.listening) return resolve();
        server.close(() => resolve());
      }),
  };
}

describe('a subgraph started while Kafka is down', () => {
  const stack = testStack();
  const run = randomUUID().slice(0, 8);
  let gate: ReturnType<typeof brokerGate>;
  let running: RunningSubgraph | undefined;

  afterAll(async () => {
    await running?.stop();
    await gate?.close();
  });

  test('is ready, serves writes, reports the broker apart, and publishes what waited once Kafka answers', async () => {
    const [host, kafkaPort] = stack.kafkaBrokers[0]!.split(':');
    const gatePort = await freePort();
    gate = brokerGate(gatePort, { host: host!, port: Number(kafkaPort) });
    const port = await freePort();
    running = await startSubgraph(customersSubgraph, {
      env: {
        ...process.env,
        NODE_ENV: 'test',
        ALLOW_DEV_JWT_SECRET: 'true',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'fatal',
        PORT: String(port),
        MONGODB_URI: stack.mongoUri,
        MONGODB_DB: `bdown_${run}`,
        KAFKA_BROKERS: `127.0.0.1:${gatePort}`,
        KAFKA_GROUP_PREFIX: `bdown${run}`,
        OUTBOX_POLL_MS: '100',
        JOBS_INTERVAL_MS: '0',
      },
    });
    const base = `http://127.0.0.1:${port}`;
    expect((await fetch(`${base}/health/ready`)).status).toBe(200);
    const deps = await fetch(`${base}/health/deps`);
    expect(deps.status).toBe(503);
    expect(((await deps.json()) as { deps: Record<string, { up: boolean }> }).deps.broker?.up).toBe(false);

    const tenant = uniqueTenant('bdown');
    const clerk = await tokenFor(tenant, ['COMMERCIAL_CLERK']);
    const res = await execute<{ registerCustomer: { customer: { id: string } } }>(
      'mutation($i: RegisterCustomerInput!) { registerCustomer(input: $i) { customer { id } } }',
      { i: { kind: 'BUSINESS', name: 'Sin Broker SRL', taxId: '4400001' } },
      { token: clerk, url: `${base}/graphql` },
    );
    expect(res.errors).toBeUndefined();
    const id = res.data!.registerCustomer.customer.id;
    const outbox = async () => ((await running!.conn.collection('customers').findOne({ _id: id as never }))?.outbox ?? []) as unknown[];
    expect((await outbox()).length).toBeGreaterThan(0); // the event waits for the broker

    await gate.open();
    await waitFor('the broker, relay and consumer up', async () => (await fetch(`${base}/health/deps`)).status === 200, { timeoutMs: 90_000 });
    await waitFor('the waiting event published', async () => (await outbox()).length === 0, { timeoutMs: 60_000 });
  });
});
