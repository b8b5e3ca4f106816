#!/usr/bin/env node
'use strict';
/**
 * Benchmarks (not tests): the whole graph on the local engines (or MONGODB_URI / KAFKA_BROKERS),
 * measured from a client's side. Results go to bench-results/<time>.json and bench-results/latest.md.
 *   gateway-360      throughput and latency of a customer-360 list (fields from all six subgraphs)
 *   event-latency    placeSalesOrder → INSTALLATION work order visible through the gateway (Kafka path)
 *   subgraph-fanout  _entities requests and DB operations per subgraph for one 50-customer list
 * Knobs: BENCH_SECONDS (default 15), BENCH_CONCURRENCY (default 16), BENCH_ORDERS (default 40).
 */
const { mkdirSync, writeFileSync } = require('node:fs');
const path = require('node:path');
const os = require('node:os');
const { ensureEngines } = require('../../infra/local/engines');
const { startStack } = require('../../infra/local/stack');
const { signDevToken, devJwtSecret } = require('../../services/common/dist');

const ROOT = path.resolve(__dirname, '../..');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const ORDERS = Number(process.env.BENCH_ORDERS ?? 40);

const Q360 = `query { customers(first: 20) { edges { node { id name executiveId
  salesOrders(first: 3) { edges { node { planCode status } } }
  subscriptions(first: 3) { edges { node { planCode } } }
  billingAccounts(first: 3) { edges { node { accountNumber } } }
  workOrders(first: 3) { edges { node { type status } } }
  leads(first: 3) { edges { node { companyName } } } } } } }`;

async function gql(url, token, query, variables) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const summary = (ms) => {
  const s = [...ms].sort((a, b) => a - b);
  return { count: s.length, p50: +pct(s, 50).toFixed(1), p95: +pct(s, 95).toFixed(1), p99: +pct(s, 99).toFixed(1), max: +s.at(-1).toFixed(1) };
};

async function retryNotFound(fn) {
  for (let i = 0; ; i++) {
    try {
      return await fn();
    } catch (err) {
      if (!String(err).includes('NOT_FOUND') || i > 300) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

async function seedTenant(url, token, n) {
  const ids = [];
  for (let i = 0; i < n; i++) {
    const d = await gql(url, token, 'mutation($i: RegisterCustomerInput!) { registerCustomer(input: $i) { customer { id } } }', {
      i: { kind: 'BUSINESS', name: `Bench Cliente ${String(i).padStart(3, '0')} SRL`, taxId: String(7000000 + i) },
    });
    ids.push(d.registerCustomer.customer.id);
  }
  for (const customerId of ids.slice(0, 20)) {
    await retryNotFound(() => gql(url, token, 'mutation($i: PlaceSalesOrderInput!) { placeSalesOrder(input: $i) { salesOrder { id } } }', { i: { customerId, planCode: 'FIBRA-100', installationAddress: 'Av. Bench 100, Cochabamba' } }));
  }
  return ids;
}

async function gateway360(url, token) {
  const latencies = [];
  let errors = 0;
  const cpu0 = process.cpuUsage();
  const end = Date.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (Date.now() < end) {
        const t = performance.now();
        try {
          await gql(url, token, Q360);
          latencies.push(performance.now() - t);
        } catch {
          errors++;
        }
      }
    }),
  );
  const cpu = process.cpuUsage(cpu0);
  return { seconds: SECONDS, concurrency: CONCURRENCY, requestsPerSecond: +(latencies.length / SECONDS).toFixed(1), errors, latencyMs: summary(latencies), clientCpuMs: Math.round((cpu.user + cpu.system) / 1000) };
}

async function eventLatency(url, token, customerIds) {
  const ms = [];
  for (let i = 0; i < ORDERS; i++) {
    const customerId = customerIds[20 + (i % (customerIds.length - 20))];
    const placed = await gql(url, token, 'mutation($i: PlaceSalesOrderInput!) { placeSalesOrder(input: $i) { salesOrder { id } } }', { i: { customerId, planCode: 'LAT-TEST', installationAddress: 'Calle Latencia 1, Cochabamba' } });
    const t = performance.now();
    const id = placed.placeSalesOrder.salesOrder.id;
    for (;;) {
      const d = await gql(url, token, 'query($id: ID!) { salesOrder(id: $id) { workOrders(first: 1) { edges { node { id } } } } }', { id });
      if (d.salesOrder.workOrders.edges.length) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    ms.push(performance.now() - t);
  }
  return { orders: ORDERS, note: 'mutation response → work order readable via the gateway (outbox relay → Kafka → techsupport consumer → store); polled every 5 ms', latencyMs: summary(ms) };
}

async function metric(base, name, origin) {
  const text = await (await fetch(new URL('/metrics', base))).text();
  let sum = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    if (origin && !line.includes(`origin="${origin}"`)) continue;
    if (name.includes('root_fields') && !line.includes('field="_entities"')) continue;
    sum += Number(line.split(' ').at(-1));
  }
  return sum;
}

async function fanout(url, token, urls) {
  const read = async () => Object.fromEntries(await Promise.all(Object.entries(urls).map(async ([n, u]) => [n, { entities: await metric(u, 'vinculo_graphql_root_fields_total'), dbOps: await metric(u, 'vinculo_db_operations_total', 'request') }])));
  const before = await read();
  await gql(url, token, Q360.replace('first: 20', 'first: 50'));
  const after = await read();
  return Object.fromEntries(Object.keys(urls).map((n) => [n, { entitiesRequests: after[n].entities - before[n].entities, dbOperations: after[n].dbOps - before[n].dbOps }]));
}

/** CPU seconds a process has used so far (utime + stime from /proc, 100 ticks per second). */
function cpuSeconds(pid) {
  try {
    const fields = require('node:fs').readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

async function rss(pid) {
  try {
    const status = require('node:fs').readFileSync(`/proc/${pid}/status`, 'utf8');
    return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024);
  } catch {
    return null;
  }
}

async function main() {
  const t0 = Date.now();
  // Own ports, so a benchmark never shares (or stops) the engines of a test run.
  process.env.VINCULO_MONGO_PORT ??= '27227';
  process.env.VINCULO_KAFKA_PORT ??= '19292';
  const engines = await ensureEngines({ profile: 'test' });
  const stack = await startStack({
    mongoUri: engines.mongoUri,
    kafkaBrokers: engines.kafkaBrokers,
    basePort: Number(process.env.VINCULO_BENCH_BASE_PORT ?? 4200),
    dbPrefix: `bench${Date.now().toString(36)}`,
    logDir: path.join(ROOT, '.cache', 'logs', 'bench'),
    env: { NODE_ENV: 'production', JWT_SECRET: devJwtSecret, LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '1000000', KAFKA_GROUP_PREFIX: `bench${Date.now().toString(36)}` },
  });
  try {
    const token = await signDevToken(devJwtSecret, { sub: 'bench', tenant: `bench-${Date.now().toString(36)}`, roles: ['ADMIN'], scopes: ['read', 'write', 'reporting'] }, '2h');
    const url = stack.gatewayUrl;
    const customerIds = await seedTenant(url, token, 60);
    await gql(url, token, Q360); // warm-up: query plans, connections, JIT
    const results = {
      date: new Date().toISOString(),
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
      ...(await (async () => {
        const pids = [...stack.children.map((p) => [p.name, p.child.pid]), ...Object.entries(engines.pids)];
        const before = Object.fromEntries(pids.map(([n, pid]) => [n, cpuSeconds(pid)]));
        const gateway360Result = await gateway360(url, token);
        const cpuShare = Object.fromEntries(pids.map(([n, pid]) => [n, +((cpuSeconds(pid) - before[n]) / SECONDS).toFixed(2)]));
        return { gateway360: { ...gateway360Result, coresUsedPerProcess: cpuShare } };
      })()),
      eventLatency: await eventLatency(url, token, customerIds),
      subgraphFanout: await fanout(url, token, stack.urls),
      rssMiB: Object.fromEntries(await Promise.all([...stack.children.map(async (p) => [p.name, await rss(p.child.pid)]), ...Object.entries(engines.pids).map(async ([n, pid]) => [n, await rss(pid)])])),
      totalSeconds: Math.round((Date.now() - t0) / 1000),
    };
    const dir = path.join(ROOT, 'bench-results');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${results.date.replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, JSON.stringify(results, null, 2));
    const md = [
      `# Benchmarks ${results.date}`,
      `machine: ${results.machine.cpus} cores, ${results.machine.memoryGiB} GiB, node ${results.machine.node}`,
      `- gateway customer-360 (20 customers × 6 subgraphs), ${CONCURRENCY} concurrent for ${SECONDS} s: **${results.gateway360.requestsPerSecond} req/s**, p50 ${results.gateway360.latencyMs.p50} ms, p95 ${results.gateway360.latencyMs.p95} ms, errors ${results.gateway360.errors}`,
      `- cores used per process during that load: ${Object.entries(results.gateway360.coresUsedPerProcess).map(([n, v]) => `${n} ${v}`).join(', ')}`,
      `- event latency placeSalesOrder → work order visible (${ORDERS} orders): p50 ${results.eventLatency.latencyMs.p50} ms, p95 ${results.eventLatency.latencyMs.p95} ms, max ${results.eventLatency.latencyMs.max} ms`,
      `- fan-out of one 50-customer list: ${Object.entries(results.subgraphFanout).map(([n, v]) => `${n} ${v.entitiesRequests} _entities / ${v.dbOperations} db ops`).join('; ')}`,
      `- RSS (MiB): ${Object.entries(results.rssMiB).map(([n, v]) => `${n} ${v}`).join(', ')}`,
    ].join('\n');
    writeFileSync(path.join(dir, 'latest.md'), `${md}\n`);
    console.log(md);
    console.log(`\nwritten: ${path.relative(ROOT, file)}`);
  } finally {
    await stack.stop();
    await engines.stop();
  }
}

main().catch((err) => {
  console.error(`[bench] ${err.stack ?? err}`);
  process.exit(1);
});
