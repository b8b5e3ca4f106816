#!/usr/bin/env node
'use strict';
/**
 * `npm run bench:billing` (issue #18): the monthly billing run of one tenant with N billing accounts
 * (default 100 000, BENCH_BILLING_ACCOUNTS) on the local Mongo-wire engine, as the scheduled job runs
 * it (the compiled collections code, `runBillingPeriod`): seeded in bulk (test/bench/billing-accounts.js),
 * billed once (timed), billed again (timed: nothing new), checked (one invoice per billable account,
 * one collections.InvoiceIssued per invoice in the accounts' outboxes), written to
 * bench-results/billing.md. Own engine ports (27238/19303) unless VINCULO_MONGO_PORT / VINCULO_KAFKA_PORT
 * say otherwise; BENCH_BILLING_BATCH sets the run's batch size.
 */
const { existsSync, mkdirSync, readFileSync, writeFileSync } = require('node:fs');
const os = require('node:os');
const path = require('node:path');

process.env.VINCULO_MONGO_PORT ??= '27238';
process.env.VINCULO_KAFKA_PORT ??= '19303';
// 100k accounts with their subscriptions, directory entries and invoices outgrow the engine's default heap
// (with 2g the in-memory engine spends its time collecting garbage).
process.env.VINCULO_MONGO_HEAP ??= '6g';
// The whole heap from the start: a heap that grows from 32 MiB collects the
// old generation at every step it grows (SerialOld, hundreds of ms each, longer the more is stored).
process.env.VINCULO_ENGINE_JVM_OPTS ??= `-Xms${process.env.VINCULO_MONGO_HEAP}`;
// The run writes its events to the accounts' outboxes; no broker is needed, so none is started.
process.env.KAFKA_BROKERS ??= '127.0.0.1:9';
const mongoose = require('mongoose');
const { ensureEngines } = require('../../infra/local/engines');
const { SYSTEM_ACTOR, eventContracts } = require('../../services/common/dist');
const { collectionsStores } = require('../../services/collections/dist/subgraph');
const { runBillingPeriod, BILLING_BATCH } = require('../../services/collections/dist/application/billing-run');
const { seedBillingAccounts } = require('./billing-accounts');
const { buildIndicatorTotals, currentIndicatorTotals, recomputeIndicatorTotals } = require('../../services/collections/dist/application/indicator-totals');

const N = Number(process.env.BENCH_BILLING_ACCOUNTS ?? 100000);
const BATCH = Number(process.env.BENCH_BILLING_BATCH ?? BILLING_BATCH);
const PERIOD = '2026-03';
const NOW = new Date('2026-04-02T14:00:00Z'); // business now: March has ended in La Paz
const TENANT = 'bench-billing';

const sizeOf = (section) => Number(/BENCH_BILLING_ACCOUNTS=(\d+)/.exec(section)?.[1] ?? 0);
const seconds = (t0) => Number(process.hrtime.bigint() - t0) / 1e9;

/** CPU seconds a process has used so far (utime + stime from /proc; null where there is no /proc). */
function cpuOf(pid) {
  try {
    const fields = require('node:fs').readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // clock ticks (USER_HZ 100)
  } catch {
    return null;
  }
}

/**
 * Where the engine's time goes: the driver's command monitoring, summed per command and collection
 * (the wall time of each round trip as the driver saw it; the run issues one at a time).
 */
function commandProfile(client) {
  const open = new Map();
  const totals = new Map();
  let on = false;
  client.on('commandStarted', (e) => {
    if (on) open.set(e.requestId, `${e.commandName} ${e.command[e.commandName] ?? ''}`.trim());
  });
  const end = (e) => {
    const key = open.get(e.requestId);
    if (!key) return;
    open.delete(e.requestId);
    const row = totals.get(key) ?? { n: 0, ms: 0 };
    row.n++;
    row.ms += e.duration;
    totals.set(key, row);
  };
  client.on('commandSucceeded', end);
  client.on('commandFailed', end);
  return {
    start: () => (on = true),
    stop: () => (on = false),
    rows: () => [...totals].sort((a, b) => b[1].ms - a[1].ms),
  };
}

async function main() {
  const engines = await ensureEngines({ profile: 'test', log: () => {} });
  const conn = await mongoose.createConnection(engines.mongoUri, { dbName: `bench_billing_${Date.now().toString(36)}`, monitorCommands: true }).asPromise();
  const profile = commandProfile(conn.getClient());
  const enginePid = engines.pids?.mongo;
  const rows = {};
  try {
    const stores = collectionsStores(conn, () => {});
    await Promise.all(Object.values(conn.models).map((m) => m.init()));
    let t0 = process.hrtime.bigint();
    await seedBillingAccounts(conn.db, { tenantId: TENANT, to: N, period: PERIOD });
    // As deployed: the tenant's indicator totals exist (built once from the accounts; the run keeps them).
    await buildIndicatorTotals(stores, TENANT);
    rows.seed = seconds(t0);
    console.log(`[bench:billing] seeded ${N} accounts in ${rows.seed.toFixed(1)} s`);

    const who = { tenantId: TENANT, actor: SYSTEM_ACTOR };
    // The event contracts are compiled once per process (0.7 s of CPU), at the first event: the scheduled
    // job runs in the long-lived collections service, where that happened long before.
    eventContracts();
    // Where the time goes: per step of every batch (reads + decisions up to 'invoices', then each write).
    const steps = {};
    let mark = process.hrtime.bigint();
    const afterStep = (step) => {
      const t = process.hrtime.bigint();
      steps[step] = (steps[step] ?? 0) + Number(t - mark) / 1e9;
      mark = t;
    };
    const cpu0 = process.cpuUsage();
    const engineCpu0 = enginePid ? cpuOf(enginePid) : null;
    profile.start();
    t0 = process.hrtime.bigint();
    mark = t0;
    const first = await runBillingPeriod(stores, who, PERIOD, NOW, { collect: false, batchSize: BATCH, afterStep });
    rows.steps = steps;
    rows.first = seconds(t0);
    rows.cpu = process.cpuUsage(cpu0);
    profile.stop();
    rows.engineCpu = engineCpu0 === null ? null : cpuOf(enginePid) - engineCpu0;
    rows.commands = profile.rows();
    for (const [k, v] of rows.commands) console.log(`[bench:billing]   ${k}: ${v.n} × ${(v.ms / v.n).toFixed(1)} ms = ${(v.ms / 1000).toFixed(1)} s`);
    console.log(`[bench:billing] first run: ${first.issuedCount} issued, ${first.nothingToBill} with nothing to bill in ${rows.first.toFixed(1)} s`);
    t0 = process.hrtime.bigint();
    const second = await runBillingPeriod(stores, who, PERIOD, NOW, { collect: false, batchSize: BATCH });
    rows.second = seconds(t0);
    console.log(`[bench:billing] second run: ${second.issuedCount} issued, ${second.alreadyIssued} already issued in ${rows.second.toFixed(1)} s`);

    const invoices = await stores.invoices.countDocuments({ tenantId: TENANT, period: PERIOD });
    const events = await stores.accounts.aggregate([
      { $match: { tenantId: TENANT } },
      { $unwind: '$outbox' },
      { $match: { 'outbox.type': 'collections.InvoiceIssued' } },
      { $count: 'n' },
    ]);
    rows.invoices = invoices;
    // The totals the run kept equal a recompute from the accounts.
    const kept = await currentIndicatorTotals(stores, TENANT);
    const { totals: recomputed } = await recomputeIndicatorTotals(stores, TENANT);
    rows.totalsEqual = JSON.stringify(Object.entries(kept).sort()) === JSON.stringify(Object.entries(recomputed).sort());
    if (!rows.totalsEqual) throw new Error('indicator totals differ from a recompute');
    rows.events = events[0]?.n ?? 0;
    rows.first_ = first;
    rows.second_ = second;
    const ok =
      invoices === first.issuedCount &&
      rows.events === invoices &&
      second.issuedCount === 0 &&
      second.alreadyIssued === invoices &&
      first.issuedCount + first.nothingToBill === N;
    if (!ok) throw new Error(`inconsistent: ${JSON.stringify({ invoices, events: rows.events, first, second })}`);
  } finally {
    await conn.dropDatabase().catch(() => undefined);
    await conn.close();
    await engines.stop();
  }
  const lines = [
    `# Billing run (local Mongo-wire engine) — ${new Date().toISOString()}`,
    '',
    `One tenant, ${N.toLocaleString('en')} billing accounts (one subscription each, a mix of plan changes, suspensions,`,
    `withdrawals and pending charges: test/bench/billing-accounts.js), period ${PERIOD}, batches of ${BATCH}.`,
    `Command: \`npm run bench:billing\` (BENCH_BILLING_ACCOUNTS=${N}). Machine: ${os.cpus().length} cores, load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')} at the end.`,
    '',
    '| step | time | result |',
    '|---|---:|---|',
    `| seed (bulk insert: accounts, subscriptions, directory, charges; indicator totals built) | ${rows.seed.toFixed(1)} s | ${N} accounts |`,
    `| first run | ${rows.first.toFixed(1)} s | ${rows.first_.issuedCount} invoices issued, ${rows.first_.nothingToBill} with nothing to bill (${Math.round(N / rows.first)} accounts/s) |`,
    `| first run, this process's CPU | ${((rows.cpu.user + rows.cpu.system) / 1e6).toFixed(1)} s | collections' code (decisions, documents, the driver) |`,
    `| first run, the engine's CPU | ${rows.engineCpu === null ? 'n/a' : `${rows.engineCpu.toFixed(1)} s`} | mongo-java-server, heap ${process.env.VINCULO_MONGO_HEAP} (VINCULO_MONGO_HEAP), JVM options \`${process.env.VINCULO_ENGINE_JVM_OPTS}\` (VINCULO_ENGINE_JVM_OPTS) |`,
    `| first run by step | | ${Object.entries(rows.steps)
      .map(([k, v]) => `${k === 'invoices' ? 'reads, decisions, invoice inserts' : k} ${v.toFixed(1)} s`)
      .join('; ')} |`,
    `| second run (idempotent) | ${rows.second.toFixed(1)} s | ${rows.second_.issuedCount} issued, ${rows.second_.alreadyIssued} already issued |`,
    '',
    'First run, round trips to the engine by command and collection (driver command monitoring: count, mean, total). They',
    'overlap (the next batch is read while one is written; id lists are read 100 ids per query in parallel), so the totals',
    "add up to more than the run's time and include waiting for the engine; the engine's CPU above is what it spent.",
    '',
    '| command | count | mean | total |',
    '|---|---:|---:|---:|',
    ...rows.commands.map(([k, v]) => `| ${k} | ${v.n} | ${(v.ms / v.n).toFixed(1)} ms | ${(v.ms / 1000).toFixed(1)} s |`),
    '',
    `Checked: ${rows.invoices} invoices stored for the period, ${rows.events} collections.InvoiceIssued events in the accounts' outboxes (one per invoice); the tenant's indicator totals after the run equal a recompute from the accounts.`,
    '',
  ];
  const out = path.join(__dirname, '..', '..', 'bench-results');
  mkdirSync(out, { recursive: true });
  // One section per size: a run replaces the section of its own size and keeps the others (10k and 100k side by side).
  const file = path.join(out, 'billing.md');
  const others = existsSync(file)
    ? readFileSync(file, 'utf8')
        .split(/^(?=# Billing run)/m)
        .filter((section) => section.startsWith('# Billing run') && !section.includes(`(BENCH_BILLING_ACCOUNTS=${N})`))
    : [];
  writeFileSync(file, [lines.join('\n'), ...others].sort((a, b) => sizeOf(a) - sizeOf(b)).join('\n'));
  console.log(lines.join('\n'));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
