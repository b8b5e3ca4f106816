'use strict';
/**
 * Fault drills: a private stack (its own engines, ports and databases), a flow of orders through
 * the gateway while one part of the system fails, then — once everything is back — a wait for quiet
 * and the proof: every acknowledged write present, every order taken to the end of its chain with
 * exactly one effect in each subgraph, and an empty reconciliation report.
 *
 * The flow is the order-to-cash chain, each step a real client act through the gateway, retried by
 * the client when it fails (as a front end would): register a customer → placeSalesOrder →
 * (techsupport opens the INSTALLATION work order from sales.SalesOrderPlaced) → assign / start / close
 * → (sales marks it INSTALLED from techsupport.WorkOrderClosed) → quality-control call OK → (postsale
 * creates the subscription, collections opens the billing account and bills the product, from
 * sales.SalesOrderActivated).
 *
 * Used by `npm run drill` (test/drill/run.js: every drill, N runs) and by one short drill inside
 * `npm test` (test/e2e/drill.test.ts).
 */
const { rmSync, mkdirSync } = require('node:fs');
const path = require('node:path');
const { ensureEngines } = require('../../infra/local/engines');
const { startStack } = require('../../infra/local/stack');
const { signDevToken, devJwtSecret } = require('../../services/common/dist');

const ROOT = path.resolve(__dirname, '../..');
const SUBGRAPHS = ['customers', 'sales', 'postsale', 'collections', 'techsupport', 'proposals'];
const PLAN = 'DRILL-FIB-50';
const WO = 'id type status version';
const pause = (ms) => new Promise((r) => setTimeout(r, ms));

/** The drills by name: what fails, for how long. `services` are stack processes, `engines` the JVMs. */
const DRILLS = {
  ...Object.fromEntries(SUBGRAPHS.map((s) => [`kill-${s}`, { what: `kill -9 ${s}`, fault: (ctx) => killAndRestart(ctx, s, 'SIGKILL', 2_000) }])),
  'kafka-down': { what: 'Kafka down 45 s', fault: (ctx) => engineDown(ctx, 'kafka', 'SIGKILL', ctx.kafkaDownMs ?? 45_000) },
  // The local store's H2 backend commits to disk about once a second, so a SIGKILL loses its last
  // second of writes — a durability gap of the local engine, not of the system (a real MongoDB
  // journals). The store is stopped at once (SIGTERM: clients are cut off mid-flight) and kept down.
  'store-restart': { what: 'store stopped and restarted after 6 s', fault: (ctx) => engineDown(ctx, 'mongo', 'SIGTERM', ctx.storeDownMs ?? 6_000) },
  'kill-gateway': { what: 'kill -9 gateway', fault: (ctx) => killAndRestart(ctx, 'gateway', 'SIGKILL', 1_000) },
};

async function killAndRestart(ctx, name, signal, downMs) {
  await ctx.stack.kill(name, signal);
  await pause(downMs);
  await ctx.stack.restart(name);
}

async function engineDown(ctx, engine, signal, downMs) {
  const pid = ctx.enginePids[engine];
  process.kill(pid, signal);
  await waitGone(pid);
  await pause(downMs);
  const again = await ensureEngines({ profile: 'dev', log: ctx.log });
  ctx.enginePids = { ...ctx.enginePids, ...again.pids };
  ctx.engineStops.push(again.stop);
}

async function waitGone(pid) {
  for (;;) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await pause(100);
  }
}

// ------------------------------------------------------------------------------------------------
// Private stack
// ------------------------------------------------------------------------------------------------

/**
 * Engines on their own ports with fresh persistent data (the dev profile's H2 store and Kafka log on
 * disk, so a restarted engine keeps what it had), and the graph on its own base port.
 */
async function startPrivateStack({ mongoPort = 27627, kafkaPort = 19692, basePort = 4600, log = (m) => console.error(`[drill] ${m}`) } = {}) {
  process.env.VINCULO_MONGO_PORT = String(mongoPort);
  process.env.VINCULO_KAFKA_PORT = String(kafkaPort);
  delete process.env.MONGODB_URI;
  delete process.env.KAFKA_BROKERS;
  const data = path.join(ROOT, '.cache', 'data', 'dev');
  rmSync(path.join(data, `kafka-${kafkaPort}`), { recursive: true, force: true });
  rmSync(path.join(data, `mongo-${mongoPort}.h2`), { force: true });
  rmSync(path.join(data, `mongo-${mongoPort}.h2.mv.db`), { force: true });
  const quiet = () => {};
  const engines = await ensureEngines({ profile: 'dev', log: quiet });
  const runId = Date.now().toString(36);
  const logDir = path.join(ROOT, '.cache', 'logs', `drill-${runId}`);
  mkdirSync(logDir, { recursive: true });
  const stack = await startStack({
    mongoUri: engines.mongoUri,
    kafkaBrokers: engines.kafkaBrokers,
    basePort,
    dbPrefix: `drill${runId}`,
    logDir,
    log: quiet,
    env: {
      NODE_ENV: 'test',
      ALLOW_DEV_JWT_SECRET: 'true',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      OUTBOX_POLL_MS: '100',
      KAFKA_GROUP_PREFIX: `drill${runId}`,
      RATE_LIMIT_PER_MINUTE: '100000',
      JOBS_INTERVAL_MS: '0',
    },
  });
  log(`private stack up: gateway ${stack.gatewayUrl}, logs ${path.relative(ROOT, logDir)}`);
  const ctx = { stack, enginePids: { ...engines.pids }, engineStops: [engines.stop], log: quiet, logDir };
  ctx.stop = async () => {
    await stack.stop();
    for (const stop of ctx.engineStops.reverse()) await stop().catch(() => {});
  };
  return ctx;
}

// ------------------------------------------------------------------------------------------------
// The client
// ------------------------------------------------------------------------------------------------

class GraphQLFailure extends Error {}

async function gql(url, token, query, variables) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(15_000),
  });
  const body = await res.json().catch(() => ({ errors: [{ message: `HTTP ${res.status}` }] }));
  if (body.errors?.length) throw new GraphQLFailure(JSON.stringify(body.errors).slice(0, 500));
  return body.data;
}

/**
 * A client act retried until it is acknowledged, as a front end retries after a failure. A write is
 * "acknowledged" only when its answer came back; `reload` re-reads the state first when an attempt
 * may have been written without its answer arriving (then the act is not repeated).
 */
async function untilDone(what, act, { deadlineMs = 240_000, stats } = {}) {
  const deadline = Date.now() + deadlineMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await act();
    } catch (err) {
      if (stats) stats.clientRetries++;
      if (Date.now() > deadline) throw new Error(`${what}: still failing after ${deadlineMs} ms: ${err.message}`);
      await pause(Math.min(2_000, 100 * attempt));
    }
  }
}

async function tokens(tenant) {
  const sign = (roles, sub) => signDevToken(devJwtSecret, { sub, tenant, roles }, '4h');
  return {
    admin: await sign(['ADMIN'], 'drill-admin'),
    coordinator: await sign(['TECHNICAL_COORDINATOR'], 'drill-coord'),
    executive: await sign(['ACCOUNT_EXECUTIVE'], 'drill-exec'),
    director: await sign(['COMMERCIAL_DIRECTOR'], 'drill-director'),
  };
}

/**
 * One order through the whole chain. Every step is idempotent from the client's side: a step whose
 * answer was lost is detected by reading the state before acting again.
 */
async function orderChain(url, t, i, acked, stats) {
  const taxId = String(6_100_000 + i);
  const name = `Drill Cliente ${String(i).padStart(3, '0')} SRL`;
  // A registration whose answer was lost is found again by tax id (no second customer).
  const customerId = await untilDone(
    `register ${name}`,
    async () => {
      const found = await gql(url, t.admin, 'query($f: CustomerFilter) { customers(first: 2, filter: $f) { edges { node { id taxId } } } }', {
        f: { nameContains: name },
      });
      const existing = found.customers.edges.find((e) => e.node.taxId === taxId);
      if (existing) return existing.node.id;
      return (
        await gql(url, t.admin, 'mutation($i: RegisterCustomerInput!) { registerCustomer(input: $i) { customer { id } } }', {
          i: { kind: 'BUSINESS', name, taxId },
        })
      ).registerCustomer.customer.id;
    },
    { stats },
  );
  acked.customers.push(customerId);
  const orderId = await untilDone(
    `order for ${customerId}`,
    async () => {
      const existing = await gql(url, t.admin, 'query($id: ID!) { customer(id: $id) { salesOrders(first: 5) { edges { node { id } } } } }', {
        id: customerId,
      }).catch(() => null);
      const first = existing?.customer?.salesOrders?.edges?.[0]?.node?.id;
      if (first) return first;
      return (
        await gql(url, t.admin, 'mutation($i: PlaceSalesOrderInput!) { placeSalesOrder(input: $i) { salesOrder { id } } }', {
          i: { customerId, planCode: PLAN, installationAddress: `Av. Simulacro ${i + 1}, Cochabamba` },
        })
      ).placeSalesOrder.salesOrder.id;
    },
    { stats },
  );
  acked.orders.push(orderId);
  // techsupport opens the work order from the event; the coordinator takes it to CLOSED.
  await untilDone(
    `install ${orderId}`,
    async () => {
      const order = (await gql(url, t.coordinator, `query($id: ID!) { salesOrder(id: $id) { status installationWorkOrder { ${WO} } } }`, { id: orderId }))
        .salesOrder;
      const wo = order.installationWorkOrder;
      if (!wo) throw new Error('no work order yet');
      if (wo.status === 'CLOSED_RESOLVED') return;
      if (wo.status === 'CREATED') {
        await gql(url, t.coordinator, `mutation($i: AssignWorkOrderInput!) { assignWorkOrder(input: $i) { workOrder { ${WO} } } }`, {
          i: { workOrderId: wo.id, expectedVersion: wo.version, crew: 'CUADRILLA-DRILL' },
        });
        throw new Error('assigned; next step');
      }
      if (wo.status === 'ASSIGNED') {
        await gql(url, t.coordinator, `mutation($i: WorkOrderVersionInput!) { startWorkOrder(input: $i) { workOrder { ${WO} } } }`, {
          i: { workOrderId: wo.id, expectedVersion: wo.version },
        });
        throw new Error('started; next step');
      }
      if (wo.status === 'IN_PROGRESS') {
        await gql(url, t.coordinator, 'mutation($i: CloseWorkOrderInput!) { closeWorkOrder(input: $i) { workOrder { status } } }', {
          i: {
            workOrderId: wo.id,
            expectedVersion: wo.version,
            outcome: 'CLOSED_RESOLVED',
            resolutionNotes: 'ONT installed (drill)',
            equipmentUsed: [{ code: 'ONT-HG8245', quantity: 1 }],
          },
        });
        return;
      }
      throw new Error(`work order ${wo.status}`);
    },
    { stats },
  );
  await untilDone(
    `quality call ${orderId}`,
    async () => {
      const order = (await gql(url, t.admin, 'query($id: ID!) { salesOrder(id: $id) { status version } }', { id: orderId })).salesOrder;
      if (order.status === 'COMPLETED') return;
      if (order.status !== 'INSTALLED') throw new Error(`order ${order.status}, waiting for INSTALLED`);
      await gql(url, t.executive, 'mutation($i: RecordSalesQualityCallInput!) { recordSalesQualityCall(input: $i) { salesOrder { status } } }', {
        i: { orderId, expectedVersion: order.version, outcome: 'OK', note: 'Working (drill)' },
      });
    },
    { stats },
  );
  acked.completed.push(orderId);
}

// ------------------------------------------------------------------------------------------------
// The proof
// ------------------------------------------------------------------------------------------------

const SECTION = '{ subgraph discrepancies { invariant entityIds since detail } faults { kind eventId type source reason } }';
const RECONCILIATION = `query { reconciliation { ${SUBGRAPHS.map((s) => `${s} ${SECTION}`).join(' ')} } }`;

/** The reconciliation report's problems (discrepancies and open faults of every subgraph), or a reason it could not be read. */
async function reconciliationProblems(url, t) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${t.director}` },
    body: JSON.stringify({ query: RECONCILIATION }),
    signal: AbortSignal.timeout(30_000),
  });
  const body = await res.json();
  if (body.errors?.length || !body.data?.reconciliation) return [`report unreadable: ${JSON.stringify(body.errors ?? body).slice(0, 300)}`];
  const problems = [];
  for (const s of SUBGRAPHS) {
    const section = body.data.reconciliation[s];
    if (!section) {
      problems.push(`${s}: section missing`);
      continue;
    }
    for (const d of section.discrepancies) problems.push(`${s}: ${d.invariant} ${d.entityIds.join(',')} — ${d.detail}`);
    for (const f of section.faults) problems.push(`${s}: ${f.kind} ${f.type} ${f.eventId} — ${f.reason}`);
  }
  return problems;
}

/** Every acknowledged write present and taken to the end, each effect once. */
async function chainProblems(url, t, acked) {
  const problems = [];
  for (const orderId of acked.orders) {
    const d = await gql(
      url,
      t.director,
      `query($id: ID!) { salesOrder(id: $id) { id status customer { id } subscriptions(first: 5) { edges { node { id status billedProduct { status billingAccount { id } } } } } } }`,
      { id: orderId },
    ).catch((err) => ({ error: err.message }));
    if (d.error) {
      problems.push(`order ${orderId}: ${d.error}`);
      continue;
    }
    const order = d.salesOrder;
    if (!order) {
      problems.push(`LOST order ${orderId}: acknowledged but missing`);
      continue;
    }
    const wos = await gql(url, t.director, 'query($id: ID!) { customer(id: $id) { workOrders(first: 20) { edges { node { id type salesOrder { id } } } } } }', {
      id: order.customer.id,
    }).catch((err) => ({ error: err.message }));
    const installs = wos.error ? null : wos.customer.workOrders.edges.filter((e) => e.node.type === 'INSTALLATION' && e.node.salesOrder?.id === orderId);
    if (!installs) problems.push(`order ${orderId}: work orders unreadable: ${wos.error}`);
    else if (installs.length !== 1)
      problems.push(`${installs.length ? 'DUPLICATED' : 'LOST'} order ${orderId}: ${installs.length} INSTALLATION work orders (want exactly 1)`);
    if (!acked.completed.includes(orderId)) continue;
    if (order.status !== 'COMPLETED') problems.push(`order ${orderId}: ${order.status}, acknowledged COMPLETED`);
    const subs = order.subscriptions?.edges ?? [];
    if (subs.length !== 1) problems.push(`${subs.length ? 'DUPLICATED' : 'LOST'} order ${orderId}: ${subs.length} subscriptions (want exactly 1)`);
    else if (subs[0].node.billedProduct?.status !== 'ACTIVE' || !subs[0].node.billedProduct.billingAccount)
      problems.push(`order ${orderId}: subscription not billed ACTIVE on an account`);
  }
  return problems;
}

/**
 * Run one drill: the flow of `orders` orders (`concurrency` at a time) starts; after `faultAfterMs`
 * the fault is injected and lifted; the flow finishes; then the proof is polled until it holds.
 */
async function runDrill(ctx, name, { orders = 8, concurrency = 4, faultAfterMs = 1_500, quietTimeoutMs = 180_000, log = console.error } = {}) {
  const drill = DRILLS[name];
  if (!drill) throw new Error(`unknown drill ${name}; one of ${Object.keys(DRILLS).join(', ')}`);
  const url = ctx.stack.gatewayUrl;
  const tenant = `drill-${name}-${Date.now().toString(36)}`;
  const t = await tokens(tenant);
  await untilDone('define the plan', () =>
    gql(url, t.admin, 'mutation($i: DefinePlanInput!) { definePlan(input: $i) { plan { code } } }', {
      i: {
        code: PLAN,
        name: 'Fibra 50 Simulacro',
        family: 'INTERNET',
        technology: 'FIBER',
        speedMbps: 50,
        monthlyFee: '180.00',
        installationCost: '80.00',
        minimumPermanenceMonths: 12,
      },
    }),
  );
  // R-SAL-QC1: the drill's customers are nobody's, so the quality-control call is a registered executive's.
  await untilDone('register the executive', () =>
    gql(url, t.admin, 'mutation($i: RegisterEmployeeInput!) { registerEmployee(input: $i) { employee { id } } }', {
      i: { id: 'drill-exec', name: 'Ejecutivo Simulacro', email: 'drill-exec@vinculo.test', roles: ['ACCOUNT_EXECUTIVE'] },
    }).catch((err) => {
      if (/CONFLICT/.test(err.message)) return null; // registered by an attempt whose answer was lost
      throw err;
    }),
  );
  const acked = { customers: [], orders: [], completed: [] };
  const stats = { clientRetries: 0 };
  const started = Date.now();
  let next = 0;
  const workers = Array.from({ length: concurrency }, async () => {
    while (next < orders) await orderChain(url, t, next++, acked, stats);
  });
  await pause(faultAfterMs);
  const faultAt = Date.now();
  await drill.fault(ctx);
  const recoveredAt = Date.now();
  await Promise.all(workers);
  const flowDoneAt = Date.now();
  // Quiet: the proof holds (polled; the chain's last effects are asynchronous).
  let problems = [];
  const deadline = Date.now() + quietTimeoutMs;
  for (;;) {
    problems = [...(await chainProblems(url, t, acked)), ...(await reconciliationProblems(url, t))];
    if (problems.length === 0 || Date.now() > deadline) break;
    await pause(1_000);
  }
  const result = {
    drill: name,
    what: drill.what,
    orders: acked.orders.length,
    completed: acked.completed.length,
    clientRetries: stats.clientRetries,
    faultSeconds: +((recoveredAt - faultAt) / 1000).toFixed(1),
    flowSeconds: +((flowDoneAt - started) / 1000).toFixed(1),
    convergeSeconds: +((Date.now() - recoveredAt) / 1000).toFixed(1),
    lost: problems.filter((p) => p.startsWith('LOST')).length,
    duplicated: problems.filter((p) => p.startsWith('DUPLICATED')).length,
    problems,
    ok: problems.length === 0 && acked.completed.length === orders,
  };
  log(
    `[drill] ${name}: ${result.ok ? 'OK' : 'FAILED'} — ${result.completed}/${orders} orders completed, converged ${result.convergeSeconds} s after recovery (fault ${result.faultSeconds} s), ${result.clientRetries} client retries${problems.length ? `\n  ${problems.slice(0, 20).join('\n  ')}` : ''}`,
  );
  return result;
}

module.exports = { DRILLS, startPrivateStack, runDrill };
