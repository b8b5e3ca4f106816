#!/usr/bin/env node
'use strict';
/**
 * `npm run bench:scale` (issue #18): what a person's clicks cost as one tenant grows. Per size N
 * (SCALE_SIZES, default "1000,10000,100000") it builds ONE tenant of N customers with a year of history
 * in every subgraph's database (documents.js, inserted in bulk: the documents the services write,
 * outbox empty, versions set), then measures through the gateway in production settings (as
 * test/bench/run.js does): first and deep page of each list, search, Customer 360 (50 customers × the
 * subgraphs), a portfolio, each indicator, and `_entities` per subgraph (POSTed to the subgraph as the
 * gateway does). Each size is measured alone: the previous tenant is deleted first.
 * Writes bench-results/scale.md and scale.json.
 *
 * Knobs: SCALE_SIZES, SCALE_REPS (calls per query, default 15; 5 at 100k), SCALE_MONGO_HEAP (the local
 * engine's heap, default 8g; 15g when a size reaches 100k, with VINCULO_ENGINE_JVM_OPTS=-Xmn1536m), VINCULO_MONGO_BACKEND (default compact: the
 * memory backend with shared strings, ~1.9 KiB of heap per document instead of ~3.3, and equality indexes
 * that serve `find`s pinning an index's leading fields; infra/local/CompactMemoryBackend.java), VINCULO_MONGO_PORT / VINCULO_KAFKA_PORT (default 27272 / 19273),
 * SCALE_BASE_PORT (the stack, default 5950). MONGODB_URI / KAFKA_BROKERS use real clusters instead.
 */
const { mkdirSync, writeFileSync } = require('node:fs');
const path = require('node:path');
const os = require('node:os');
const { randomBytes } = require('node:crypto');

const SIZES = (process.env.SCALE_SIZES ?? '1000,10000,100000').split(',').map(Number);

process.env.VINCULO_MONGO_PORT ??= '27272';
process.env.VINCULO_KAFKA_PORT ??= '19273';
// 100k customers are 5.5M documents: 10.5 GiB live on the compact backend (under 32 GiB, so compressed oops stay
// on). The default young generation (a third) leaves too little old generation: run 100k with
// VINCULO_ENGINE_JVM_OPTS=-Xmn1536m (measured: 15g + -Xmn1536m holds it; 14g with the default has 9.3 GiB of old generation).
process.env.VINCULO_MONGO_HEAP ??= process.env.SCALE_MONGO_HEAP ?? (Math.max(...SIZES) >= 100_000 ? '15g' : '8g');
process.env.VINCULO_MONGO_BACKEND ??= 'compact';
// The outbox relays poll at their default (250 ms): the compact backend serves `{ 'outbox.id': { $exists: true } }`
// from the outbox plugin's sparse index as MongoDB does, instead of scanning the collection under its lock.

const mongoose = require('mongoose');
const { ensureEngines } = require('../../../infra/local/engines');
const { startStack } = require('../../../infra/local/stack');
const { startMailServer } = require('../../../infra/local/mail');
const { signDevToken, boundedChildPages } = require('../../../services/common/dist');
const { customerHistory, tenantAggregates, monthBefore } = require('./documents');
const { queriesFor, entitiesFor } = require('./queries');

const ROOT = path.resolve(__dirname, '../../..');
const SUBGRAPHS = ['customers', 'sales', 'postsale', 'collections', 'techsupport', 'proposals'];
const BATCH = 5000;
const INTERNAL = randomBytes(24).toString('hex');
const METRICS = randomBytes(24).toString('hex');
const ISSUER = 'vinculo-bench';
const AUDIENCE = 'vinculo';

const repsFor = (n) => Number(process.env.SCALE_REPS ?? (n >= 100_000 ? 5 : 15));
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const ms = (v) => +v.toFixed(1);

async function post(url, headers, query, variables) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  const body = await res.json();
  if (body.errors) throw new Error(`${JSON.stringify(body.errors).slice(0, 600)}`);
  return body.data;
}

/** Inserts N customers' histories in bulk; the time it took and how many documents of each collection. */
async function generate(conns, tenantId, n, now, salt) {
  const buffers = new Map();
  const counts = {};
  const flush = async (force) => {
    const pending = [];
    for (const [key, docs] of buffers) {
      if (!docs.length || (!force && docs.length < BATCH)) continue;
      const [subgraph, collection] = key.split('.');
      buffers.set(key, []);
      pending.push(conns[subgraph].db.collection(collection).insertMany(docs, { ordered: false }));
    }
    await Promise.all(pending);
  };
  const t0 = performance.now();
  const aggregates = tenantAggregates();
  const take = (h) => {
    for (const [subgraph, byCollection] of Object.entries(h)) {
      for (const [collection, docs] of Object.entries(byCollection)) {
        if (!docs.length) continue;
        const key = `${subgraph}.${collection}`;
        if (!buffers.has(key)) buffers.set(key, []);
        buffers.get(key).push(...docs);
        counts[key] = (counts[key] ?? 0) + docs.length;
      }
    }
  };
  for (let i = 0; i < n; i++) {
    const h = customerHistory(tenantId, i, now, salt);
    take(h);
    aggregates.add(h);
    if (i % 500 === 499) await flush(false);
  }
  take(aggregates.documents(now)); // the maintained aggregates, as the services hold them after the flows
  await flush(true);
  return { seconds: +((performance.now() - t0) / 1000).toFixed(1), documents: Object.values(counts).reduce((a, b) => a + b, 0), counts };
}

async function dropTenant(conns, tenantId) {
  await Promise.all(
    Object.values(conns).map(async (conn) => {
      const collections = await conn.db.listCollections().toArray();
      await Promise.all(collections.map((c) => conn.db.collection(c.name).deleteMany({ tenantId })));
    }),
  );
}

/**
 * p50 / p99 of `reps` calls after a warm-up; with `examined` (the compact engine's count of documents read,
 * see examinedCounter), also the documents the engine read per call: a page's worth when an index serves
 * the query, the tenant when the engine scans it.
 */
async function measure(fn, reps, examined) {
  await fn(); // warm-up: plans, connections, JIT
  const times = [];
  const before = examined ? await examined() : null;
  for (let i = 0; i < reps; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  const after = examined ? await examined() : null;
  times.sort((a, b) => a - b);
  const read = before != null && after != null ? Math.round((after - before) / reps) : undefined;
  return { p50: ms(pct(times, 50)), p99: ms(pct(times, 99)), calls: reps, ...(read != null ? { read } : {}) };
}

/** The compact engine's running count of documents read (`{ vinculoExamined: 1 }`); null on any other engine. */
function examinedCounter(conn) {
  return async () => {
    const r = await conn.db
      .admin()
      .command({ vinculoExamined: 1 })
      .catch(() => null);
    return typeof r?.examined === 'number' ? r.examined : null;
  };
}

/**
 * The store side of the child lists, on the generated data: the first page (3) of 50 parents read the
 * way the services did before issue #18 (every child of the 50 parents, cut in memory) and the two ways
 * of the kit's boundedChildPages, interleaved call by call so the machine's load weighs on each alike.
 */
async function childPages(conns, { n, tenantId, salt, now, reps }) {
  const picks = Array.from({ length: 50 }, (_, j) => Math.floor(((j + 0.5) * n) / 50));
  const hs = picks.map((i) => customerHistory(tenantId, i, now, salt));
  const customers = hs.map((h) => h.customers.customers[0]._id);
  const accounts = hs.map((h) => h.collections.billing_accounts[0]._id);
  const lists = [
    { name: 'Customer.salesOrders', subgraph: 'sales', collection: 'sales_orders', parentField: 'customerId', field: 'placedAt', parents: customers },
    { name: 'Customer.workOrders', subgraph: 'techsupport', collection: 'work_orders', parentField: 'customerId', field: 'createdAt', parents: customers },
    { name: 'BillingAccount.invoices', subgraph: 'collections', collection: 'invoices', parentField: 'billingAccountId', field: 'issuedAt', parents: accounts },
    { name: 'Customer.timeline', subgraph: 'customers', collection: 'timeline', parentField: 'customerId', field: 'at', parents: customers },
  ];
  const out = [];
  for (const l of lists) {
    const conn = conns[l.subgraph];
    const model =
      conn.models[`scale_${l.collection}`] ?? conn.model(`scale_${l.collection}`, new mongoose.Schema({}, { strict: false, collection: l.collection }));
    const sort = { field: l.field, descending: true };
    const ways = {
      'all children, cut in memory (before)': () =>
        model
          .find({ tenantId, [l.parentField]: { $in: l.parents } })
          .sort({ [l.field]: -1, _id: -1 })
          .lean(),
      'grouped (local engine)': () =>
        boundedChildPages(model, { filter: { tenantId }, parentField: l.parentField, parentIds: l.parents, sort, limit: 4, mode: 'grouped' }),
      'per parent (MongoDB)': () =>
        boundedChildPages(model, { filter: { tenantId }, parentField: l.parentField, parentIds: l.parents, sort, limit: 4, mode: 'per-parent' }),
    };
    const times = Object.fromEntries(Object.keys(ways).map((k) => [k, []]));
    const shipped = {};
    for (const [k, fn] of Object.entries(ways)) {
      const r = await fn(); // warm-up; and how many rows crossed the wire
      shipped[k] = Array.isArray(r[0]) ? r.flat().length : r.length;
    }
    for (let i = 0; i < reps; i++) {
      for (const [k, fn] of Object.entries(ways)) {
        const t = performance.now();
        await fn();
        times[k].push(performance.now() - t);
      }
    }
    for (const [k, ts] of Object.entries(times)) {
      ts.sort((a, b) => a - b);
      out.push({
        name: `store: ${l.name} first page (3) of 50 parents — ${k}`,
        group: 'store',
        p50: ms(pct(ts, 50)),
        p99: ms(pct(ts, 99)),
        calls: reps,
        note: `${shipped[k]} rows read back`,
      });
    }
  }
  return out;
}

/** The engine's live heap after a full collection (MiB, jcmd): what the generated tenant takes in memory. */
function liveHeapMiB(pid) {
  try {
    const { execFileSync } = require('node:child_process');
    execFileSync('jcmd', [String(pid), 'GC.run'], { stdio: 'ignore', timeout: 120_000 });
    const info = execFileSync('jcmd', [String(pid), 'GC.heap_info'], { encoding: 'utf8', timeout: 60_000 });
    const used = [...info.matchAll(/used (\d+)K/g)].reduce((sum, m) => sum + Number(m[1]), 0);
    return used ? Math.round(used / 1024) : null;
  } catch {
    return null;
  }
}

/** The engine's RSS (MiB), to say what a size takes in memory. */
function rssMiB(pid) {
  try {
    const status = require('node:fs').readFileSync(`/proc/${pid}/status`, 'utf8');
    return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024);
  } catch {
    return null;
  }
}

async function main() {
  const t0 = Date.now();
  const engines = await ensureEngines({ profile: 'test' });
  const basePort = Number(process.env.SCALE_BASE_PORT ?? 5950);
  const mail = await startMailServer({ smtpPort: basePort + 8, httpPort: basePort + 9 });
  const secret = randomBytes(32).toString('hex');
  const sign = (claims) => signDevToken(secret, claims, '6h', { issuer: ISSUER, audience: AUDIENCE });
  const dbPrefix = `scale${Date.now().toString(36)}`;
  const stack = await startStack({
    mongoUri: engines.mongoUri,
    kafkaBrokers: engines.kafkaBrokers,
    basePort,
    dbPrefix,
    logDir: path.join(ROOT, '.cache', 'logs', 'bench-scale'),
    env: {
      NODE_ENV: 'production',
      JWT_SECRET: secret,
      JWT_ISSUER: ISSUER,
      JWT_AUDIENCE: AUDIENCE,
      INTERNAL_API_TOKEN: INTERNAL,
      METRICS_TOKEN: METRICS,
      SMTP_URL: mail.smtpUrl,
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '1000000',
      KAFKA_GROUP_PREFIX: dbPrefix,
    },
  }).catch(async (err) => {
    await mail.stop();
    await engines.stop();
    throw err;
  });
  const conns = {};
  const results = {
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
    engineHeap: process.env.VINCULO_MONGO_HEAP,
    engineBackend: process.env.MONGODB_URI ? 'MongoDB (MONGODB_URI)' : `mongo-java-server ${process.env.VINCULO_MONGO_BACKEND}`,
    sizes: [],
  };
  try {
    for (const s of SUBGRAPHS) conns[s] = await mongoose.createConnection(engines.mongoUri, { dbName: `${dbPrefix}_${s}` }).asPromise();
    let previous = null;
    for (const n of SIZES) {
      if (previous) await dropTenant(conns, previous);
      const tenantId = `scale-${n}-${Date.now().toString(36)}`;
      previous = tenantId;
      const admin = await sign({ sub: 'scale-admin', tenant: tenantId, roles: ['ADMIN'], scopes: ['read', 'write', 'reporting'] });
      const director = await sign({ sub: 'scale-director', tenant: tenantId, roles: ['COMMERCIAL_DIRECTOR'], scopes: ['read', 'reporting'] });
      // The executives exist through the flow (customers keeps the staff registry); the history in bulk.
      for (let e = 0; e < 4; e++) {
        await post(
          stack.gatewayUrl,
          { authorization: `Bearer ${admin}` },
          'mutation($input: RegisterEmployeeInput!) { registerEmployee(input: $input) { employee { id } } }',
          {
            input: { id: `exec-${e}`, name: `Ejecutivo ${e}`, email: `exec-${e}@scale.test`, roles: ['ACCOUNT_EXECUTIVE'] },
          },
        );
      }
      const now = new Date();
      const salt = randomBytes(8).toString('hex');
      console.error(`[scale] ${n} customers: generating…`);
      const generated = await generate(conns, tenantId, n, now, salt);
      console.error(`[scale] ${n}: ${generated.documents} documents in ${generated.seconds} s; measuring…`);
      const reps = repsFor(n);
      const examined = examinedCounter(conns[SUBGRAPHS[0]]);
      const gateway = (token) => (q, v) => post(stack.gatewayUrl, { authorization: `Bearer ${token}` }, q, v);
      const rows = [];
      for (const q of queriesFor({ n, now, tenantId, salt, month: monthBefore(now, 0), lastMonth: monthBefore(now, 1) })) {
        const call = gateway(q.reporting ? director : admin);
        try {
          const first = await call(q.query, q.variables);
          if (q.check) q.check(first);
          rows.push({ name: q.name, group: q.group, ...(await measure(() => call(q.query, q.variables), reps, examined)), note: q.note });
        } catch (err) {
          rows.push({ name: q.name, group: q.group, error: String(err.message ?? err).slice(0, 300) });
        }
        console.error(`[scale] ${n} ${q.name}: ${JSON.stringify(rows.at(-1))}`);
      }
      for (const e of entitiesFor({ n, tenantId, salt })) {
        const url = stack.urls[e.subgraph];
        const call = () => post(url, { authorization: `Bearer ${admin}`, 'x-gateway-token': INTERNAL }, e.query, { representations: e.representations });
        try {
          const first = await call();
          const found = first._entities.filter(Boolean).length;
          if (found !== e.representations.length) throw new Error(`${found} of ${e.representations.length} entities found`);
          rows.push({ name: e.name, group: '_entities', ...(await measure(call, reps, examined)) });
        } catch (err) {
          rows.push({ name: e.name, group: '_entities', error: String(err.message ?? err).slice(0, 300) });
        }
        console.error(`[scale] ${n} ${e.name}: ${JSON.stringify(rows.at(-1))}`);
      }
      rows.push(...(await childPages(conns, { n, tenantId, salt, now, reps })));
      rows.push({
        name: 'monthly billing run (100k accounts < 60 s)',
        group: 'billing',
        placeholder: 'bench:billing: measured on its own, `npm run bench:billing` (bench-results/billing.md)',
      });
      results.sizes.push({
        customers: n,
        tenantId,
        generation: generated,
        engineRssMiB: engines.pids.mongo ? rssMiB(engines.pids.mongo) : null,
        engineLiveHeapMiB: engines.pids.mongo ? liveHeapMiB(engines.pids.mongo) : null,
        rows,
      });
      writeResults(results);
    }
  } finally {
    for (const c of Object.values(conns)) await c.close().catch(() => undefined);
    await stack.stop();
    await engines.stop();
    await mail.stop();
  }
  results.totalSeconds = Math.round((Date.now() - t0) / 1000);
  const md = writeResults(results);
  console.log(md);
}

/** scale.json and the table in scale.md: p50 / p99 per size, and the growth of p50 from the smallest to the largest size. */
function writeResults(results) {
  const dir = path.join(ROOT, 'bench-results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'scale.json'), JSON.stringify(results, null, 2));
  const sizes = results.sizes;
  const names = [...new Set(sizes.flatMap((s) => s.rows.map((r) => r.name)))];
  const cell = (r) => (!r ? '—' : r.placeholder ? r.placeholder.split(':')[0] : r.error ? 'error' : `${r.p50} / ${r.p99}`);
  const growth = (name) => {
    const a = sizes[0]?.rows.find((r) => r.name === name);
    const b = sizes.at(-1)?.rows.find((r) => r.name === name);
    return a?.p50 && b?.p50 && sizes.length > 1 ? `×${(b.p50 / a.p50).toFixed(1)}` : '—';
  };
  // documents the engine read per call, smallest → largest size: flat when an index serves the query
  const read = (name) => {
    const counts = [...new Set([sizes[0], sizes.at(-1)])].map((s) => s?.rows.find((r) => r.name === name)?.read);
    return counts.every((c) => c != null) ? counts.map((c) => c.toLocaleString('en')).join(' → ') : '—';
  };
  const lines = [
    `# bench:scale — ${results.date}`,
    '',
    `machine: ${results.machine.cpus} cores, ${results.machine.memoryGiB} GiB, node ${results.machine.node}; local engines (${results.engineBackend ?? 'mongo-java-server memory'}, heap ${results.engineHeap}); gateway in production settings.`,
    '',
    ...sizes.map(
      (s) =>
        `- ${s.customers.toLocaleString('en')} customers: ${s.generation.documents.toLocaleString('en')} documents generated in ${s.generation.seconds} s${s.engineRssMiB ? `, engine RSS ${s.engineRssMiB} MiB` : ''}${s.engineLiveHeapMiB ? `, live heap after a full GC ${s.engineLiveHeapMiB} MiB` : ''}`,
    ),
    '',
    `| query | ${sizes.map((s) => `${s.customers.toLocaleString('en')} p50 / p99 ms`).join(' | ')} | growth p50 ${sizes[0]?.customers.toLocaleString('en')} → ${sizes.at(-1)?.customers.toLocaleString('en')} | documents read per call | note |`,
    `|---|${sizes.map(() => '---:').join('|')}|---:|---:|---|`,
    ...names.map((name) => {
      const rows = sizes.map((s) => s.rows.find((r) => r.name === name));
      const note = rows.find((r) => r?.note)?.note ?? rows.find((r) => r?.error)?.error ?? rows.find((r) => r?.placeholder)?.placeholder ?? '';
      return `| ${name} | ${rows.map(cell).join(' | ')} | ${growth(name)} | ${read(name)} | ${note.replace(/\|/g, '/')} |`;
    }),
    '',
  ];
  const md = lines.join('\n');
  writeFileSync(path.join(dir, 'scale.md'), md);
  return md;
}

main().catch((err) => {
  console.error(`[scale] ${err.stack ?? err}`);
  process.exit(1);
});
