#!/usr/bin/env node
'use strict';
/**
 * Benchmarks (not tests): the whole graph on the local engines (or MONGODB_URI / KAFKA_BROKERS),
 * measured from a client's side. Results go to bench-results/<time>.json and bench-results/latest.md.
 *   gateway-360      Customer 360 (a page of 50 customers with fields from six subgraphs) through our gateway,
 *                    Hive Gateway and Hive Gateway + its Rust query planner (compare.js), same supergraph and
 *                    subgraphs, interleaved rounds: req/s, p50/p99, each gateway's CPU ms per request
 *   event-latency    placeSalesOrder → INSTALLATION work order visible through the gateway (Kafka path)
 *   subgraph-fanout  _entities requests and DB operations per subgraph for one 50-customer list
 *   order-to-cash    per order: installation work order closed (techsupport) → sales order INSTALLED, and the
 *                    executive's quality call OK → subscription on SalesOrder.subscriptions (postsale) → billed
 *                    ACTIVE with its billing account (collections), all through the gateway on real Kafka
 *   reporting-scan   the indicator queries a reporting job runs over the bench tenant, `reporting`-scope token
 * Knobs: BENCH_CONNECTIONS (10), BENCH_ROUNDS (5 per gateway), BENCH_ROUND_SECONDS (10), BENCH_360_MODES
 * (shared,distinct: see LOAD_VARIABLES), BENCH_CUSTOMERS
 * (50, the page size), BENCH_HIVE=0 (ours only), BENCH_ORDERS (default 40; orders of event-latency and of
 * order-to-cash), BENCH_REPORT_CALLS (default 40; calls of each reporting query), BENCH_SCENARIOS (comma
 * list of gateway-360, event-latency, subgraph-fanout, order-to-cash, reporting-scan; default all),
 * VINCULO_BENCH_BASE_PORT (4200: gateway, subgraphs +1…+7, mail +8/+9, Hive Gateways +10/+11).
 */
const { mkdirSync, writeFileSync } = require('node:fs');
const path = require('node:path');
const os = require('node:os');
const { ensureEngines } = require('../../infra/local/engines');
const { startStack } = require('../../infra/local/stack');
const { startMailServer } = require('../../infra/local/mail');
const { randomBytes } = require('node:crypto');
const { startHiveGateway, compareGateways, sameAnswers } = require('./compare');
// Production settings need the gateway credential and the metrics token; fresh ones per run.
const BENCH_INTERNAL_TOKEN = randomBytes(24).toString('hex');
const BENCH_METRICS_TOKEN = randomBytes(24).toString('hex');
const { signDevToken } = require('../../services/common/dist');
const { print } = require('graphql');
// The operations are @vinculo/client's TypedDocumentNodes (client/operations/*.graphql, checked against
// the supergraph at build time), so an operation that no longer fits the graph fails `npm run build`.
const C = require('../../client/dist');

const BENCH_ISSUER = 'vinculo-bench';
const BENCH_AUDIENCE = 'vinculo';

const ROOT = path.resolve(__dirname, '../..');
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const ROUND_SECONDS = Number(process.env.BENCH_ROUND_SECONDS ?? 10);
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 50);
const WITH_HIVE = process.env.BENCH_HIVE !== '0';
const SCENARIOS = new Set(
  (process.env.BENCH_SCENARIOS ?? 'gateway-360,event-latency,subgraph-fanout,order-to-cash,reporting-scan').split(',').map((s) => s.trim()),
);
const ORDERS = Number(process.env.BENCH_ORDERS ?? 40);
const REPORT_CALLS = Number(process.env.BENCH_REPORT_CALLS ?? 40);
const POLL_MS = 5;
// gateway-360 load modes (BENCH_360_MODES, default both). Every gateway shares identical subgraph reads
// that are in flight at once (ours: gateway/src/subgraphs/dedupe.ts; Hive Gateway by default), so the two
// modes show the gain of sharing and the cost when nothing can be shared.
const LOAD_VARIABLES = {
  shared: { variables: { first: CUSTOMERS }, says: 'every connection asks the same page (identical in-flight subgraph reads are shared)' },
  distinct: {
    variables: (i) => ({ first: CUSTOMERS - (i % 10) }),
    says: `connection i asks the first ${CUSTOMERS}−(i mod 10) customers (no two in-flight requests alike: nothing shared)`,
  },
};
const LOAD_MODES = (process.env.BENCH_360_MODES ?? 'shared,distinct').split(',').map((m) => m.trim());
for (const m of LOAD_MODES) if (!LOAD_VARIABLES[m]) throw new Error(`BENCH_360_MODES: unknown mode ${m} (shared, distinct)`);

// Printed once per document, not per request: the client's own CPU stays out of the measured latency.
const printed = new WeakMap();
const textOf = (document) => {
  if (!printed.has(document)) printed.set(document, print(document));
  return printed.get(document);
};

/** Sends a typed document; the data, or an error carrying the answer's errors (their codes included). */
async function gql(url, token, document, variables) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: textOf(document), variables }),
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
    const d = await gql(url, token, C.RegisterCustomerDocument, {
      input: { kind: 'BUSINESS', name: `Bench Cliente ${String(i).padStart(3, '0')} SRL`, taxId: String(7000000 + i) },
    });
    ids.push(d.registerCustomer.customer.id);
  }
  for (const customerId of ids.slice(0, 20)) {
    await retryNotFound(() =>
      gql(url, token, C.PlaceSalesOrderDocument, { input: { customerId, planCode: 'FIBRA-100', installationAddress: 'Av. Bench 100, Cochabamba' } }),
    );
  }
  return ids;
}

async function eventLatency(url, token, customerIds) {
  const ms = [];
  for (let i = 0; i < ORDERS; i++) {
    const customerId = customerIds[20 + (i % (customerIds.length - 20))];
    const placed = await gql(url, token, C.PlaceSalesOrderDocument, {
      input: { customerId, planCode: 'LAT-TEST', installationAddress: 'Calle Latencia 1, Cochabamba' },
    });
    const t = performance.now();
    const id = placed.placeSalesOrder.salesOrder.id;
    for (;;) {
      const d = await gql(url, token, C.BenchOrderFirstWorkOrderDocument, { id });
      if (d.salesOrder.workOrders.edges.length) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    ms.push(performance.now() - t);
  }
  return {
    orders: ORDERS,
    note: 'mutation response → work order readable via the gateway (outbox relay → Kafka → techsupport consumer → store); polled every 5 ms',
    latencyMs: summary(ms),
  };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Poll `document` until `pick` returns something; that value and the ms since `t0` (performance.now()) when seen. */
async function pollUntil(url, token, document, variables, pick, t0, what, timeoutMs = 60_000) {
  for (;;) {
    const found = pick(await gql(url, token, document, variables));
    const at = performance.now();
    if (found !== undefined) return { value: found, ms: at - t0 };
    if (at - t0 > timeoutMs) throw new Error(`order-to-cash: ${what} not seen after ${timeoutMs} ms (${JSON.stringify(variables)})`);
    await sleep(POLL_MS);
  }
}

const O2C_PLAN = 'BENCH-FIB-100';

/**
 * Order to cash, one order at a time (so each latency is the pipeline's, not a queue's): placeSalesOrder
 * (PLACED, priced from the catalog) → techsupport's INSTALLATION work order → assign / start / close
 * through the gateway ⏱ → sales INSTALLED (WorkOrderClosed via Kafka) → the executive's QC call OK ⏱ →
 * postsale's subscription on SalesOrder.subscriptions → collections' billing account + mirrored product ACTIVE.
 */
async function orderToCash(url, tokens, customerIds) {
  const { admin, coordinator, executive } = tokens;
  // R-SAL-QC1: the customers are nobody's, so the quality-control call is a registered executive's.
  await gql(url, admin, C.RegisterEmployeeDocument, {
    input: { id: 'bench-executive', name: 'Bench Executive', email: 'bench-executive@vinculo.test', roles: ['ACCOUNT_EXECUTIVE'] },
  });
  await gql(url, admin, C.DefinePlanDocument, {
    input: {
      code: O2C_PLAN,
      name: 'Fibra 100 Bench',
      family: 'INTERNET',
      technology: 'FIBER',
      speedMbps: 100,
      monthlyFee: '250.00',
      installationCost: '100.00',
      minimumPermanenceMonths: 12,
    },
  });
  const installed = [];
  const subscribed = [];
  const billed = [];
  for (let i = 0; i < ORDERS; i++) {
    const customerId = customerIds[20 + (i % (customerIds.length - 20))];
    const placed = await gql(url, admin, C.PlaceSalesOrderDocument, {
      input: { customerId, planCode: O2C_PLAN, installationAddress: `Av. Cobranza ${i + 1}, Cochabamba` },
    });
    const id = placed.placeSalesOrder.salesOrder.id;
    const wo0 = (
      await pollUntil(
        url,
        coordinator,
        C.SalesOrderInstallationWorkOrderDocument,
        { id },
        (d) => d.salesOrder.installationWorkOrder ?? undefined,
        performance.now(),
        'the installation work order',
      )
    ).value;
    let wo = (await gql(url, coordinator, C.AssignWorkOrderDocument, { input: { workOrderId: wo0.id, expectedVersion: wo0.version, crew: 'CUADRILLA-BENCH' } }))
      .assignWorkOrder.workOrder;
    wo = (await gql(url, coordinator, C.StartWorkOrderDocument, { input: { workOrderId: wo.id, expectedVersion: wo.version } })).startWorkOrder.workOrder;
    await gql(url, coordinator, C.CloseWorkOrderDocument, {
      input: {
        workOrderId: wo.id,
        expectedVersion: wo.version,
        outcome: 'CLOSED_RESOLVED',
        resolutionNotes: 'ONT installed (bench)',
        equipmentUsed: [{ code: 'ONT-HG8245', quantity: 1 }],
      },
    });
    const tClosed = performance.now();
    const inst = await pollUntil(
      url,
      admin,
      C.SalesOrderStatusDocument,
      { id },
      (d) => (d.salesOrder.status === 'INSTALLED' ? d.salesOrder : undefined),
      tClosed,
      'INSTALLED',
    );
    installed.push(inst.ms);
    for (let attempt = 0; ; attempt++) {
      try {
        await gql(url, executive, C.RecordSalesQualityCallDocument, {
          input: { orderId: id, expectedVersion: inst.value.version, outcome: 'OK', note: 'Working (bench)' },
        });
        break;
      } catch (err) {
        // The executive's registration may still be on its way to sales (R-SAL-QC1) on the first order.
        if (attempt > 100 || !/FORBIDDEN/.test(err.message)) throw err;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    const tCalled = performance.now();
    let sawSubscription = null;
    const bill = await pollUntil(
      url,
      admin,
      C.SalesOrderBilledSubscriptionsDocument,
      { id },
      (d) => {
        const s = d.salesOrder.subscriptions.edges[0]?.node;
        if (s && sawSubscription === null) sawSubscription = performance.now() - tCalled;
        return s?.billedProduct?.billingAccount && s.billedProduct.status === 'ACTIVE' ? s : undefined;
      },
      tCalled,
      'the billed subscription',
    );
    subscribed.push(sawSubscription);
    billed.push(bill.ms);
  }
  return {
    orders: ORDERS,
    note: `one order at a time; clocks start at the mutation's response and stop at the first gateway read that shows the state (polled every ${POLL_MS} ms); placeSalesOrder of a catalog plan, executive = a registered ACCOUNT_EXECUTIVE of no portfolio (the customers are nobody's, R-SAL-QC1)`,
    closeToInstalledMs: summary(installed),
    qualityCallToSubscriptionMs: summary(subscribed),
    qualityCallToBilledMs: summary(billed),
  };
}

/**
 * Billing data for the reporting scan: a partner (billing:write) imports last month's and this month's
 * invoice for every billing account the earlier scenarios opened, so R-SAL-KPI and the collections
 * indicators scan real invoices. Waits until sales' InvoiceIssued read model has them all.
 */
async function seedBilling(url, tokens, customerIds) {
  const now = new Date();
  const month = now.toISOString().slice(0, 7);
  const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 15)).toISOString().slice(0, 7);
  const due = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
  let accounts = 0;
  for (const id of customerIds) {
    const d = await gql(url, tokens.admin, C.CustomerBillingAccountIdsDocument, { id });
    for (const { node } of d.customer.billingAccounts.edges) {
      accounts++;
      for (const [period, amount] of [
        [last, '250.00'],
        [month, '280.00'],
      ]) {
        await gql(url, tokens.partner, C.ImportInvoiceDocument, {
          input: {
            billingAccountId: node.id,
            externalId: `BENCH-${node.id}-${period}`,
            period,
            dueDate: due,
            total: amount,
            lines: [{ kind: 'PLAN_FEE', description: 'Plan BENCH-FIB-100', amount }],
          },
        });
      }
    }
  }
  await pollUntil(
    url,
    tokens.reporting,
    C.BenchBillingGrowthDocument,
    { month },
    (x) => (x.billingGrowthIndicator.denominator >= accounts * 250 * 100 && x.billingGrowthIndicator.numerator >= accounts * 30 * 100 ? true : undefined),
    performance.now(),
    'the imported invoices in sales',
  );
  return { accounts, invoices: accounts * 2, months: [last, month] };
}

/** The indicator queries of a reporting job, each called REPORT_CALLS times one after another (the board after them). */
async function reportingScan(url, token) {
  const month = new Date().toISOString().slice(0, 7);
  const queries = {
    billingGrowthIndicator: [C.BenchBillingGrowthDocument, { month }],
    postSaleIndicators: [C.BenchPostSaleIndicatorsDocument, { month }],
    collectionsIndicators: [C.BenchCollectionsIndicatorsDocument, { period: month }],
    breachedWorkOrders: [C.BenchBreachedWorkOrdersDocument, {}],
    allWorkOrders: [C.BenchAllWorkOrdersDocument, {}],
  };
  const out = {};
  for (const [name, [document, variables]] of Object.entries(queries)) {
    const first = await gql(url, token, document, variables); // warm-up (plan cache), and the size of what it reads
    const ms = [];
    for (let i = 0; i < REPORT_CALLS; i++) {
      const t = performance.now();
      await gql(url, token, document, variables);
      ms.push(performance.now() - t);
    }
    const rows = first.workOrders ? first.workOrders.edges.length : undefined;
    out[name] = { calls: REPORT_CALLS, ...(rows !== undefined ? { rows } : { read: Object.values(first)[0] }), latencyMs: summary(ms) };
  }
  return {
    month,
    scope: 'read + reporting, COMMERCIAL_DIRECTOR',
    note: 'sequential calls, one client, after the other scenarios (so over their data); allWorkOrders (no filter, newest first) is the unfiltered board for comparison; `read` = what the first call returned (the size of the data scanned)',
    queries: out,
  };
}

async function metric(base, name, origin) {
  const text = await (await fetch(new URL('/metrics', base), { headers: { authorization: `Bearer ${BENCH_METRICS_TOKEN}` } })).text();
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
  const read = async () =>
    Object.fromEntries(
      await Promise.all(
        Object.entries(urls).map(async ([n, u]) => [
          n,
          { entities: await metric(u, 'vinculo_graphql_root_fields_total'), dbOps: await metric(u, 'vinculo_db_operations_total', 'request') },
        ]),
      ),
    );
  const before = await read();
  await gql(url, token, C.BenchCustomer360Document, { first: 50 });
  const after = await read();
  return Object.fromEntries(
    Object.keys(urls).map((n) => [n, { entitiesRequests: after[n].entities - before[n].entities, dbOperations: after[n].dbOps - before[n].dbOps }]),
  );
}

async function rss(pid) {
  try {
    const status = require('node:fs').readFileSync(`/proc/${pid}/status`, 'utf8');
    return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024);
  } catch {
    return null;
  }
}

const HIVE_GATEWAY_VERSION = require('@graphql-hive/gateway/package.json').version;
const HIVE_ROUTER_RUNTIME_VERSION = require('@graphql-hive/router-runtime/package.json').version;

/**
 * gateway-360: our gateway, Hive Gateway and Hive Gateway + router runtime on the same subgraphs
 * (compare.js). The Hive Gateways run with production settings of their own kind (hive-gateway.config.mjs)
 * and the same JWT secret, issuer, audience and gateway credential as ours.
 */
async function customer360(stack, engines, secret, basePort, token) {
  const query = textOf(C.BenchCustomer360Document);
  const variables = { first: CUSTOMERS };
  const ours = stack.children.find((p) => p.name === 'gateway');
  const gateways = [{ name: 'ours', url: stack.gatewayUrl, pid: ours.child.pid }];
  const hive = [];
  try {
    if (WITH_HIVE) {
      const env = {
        NODE_ENV: 'production',
        JWT_SECRET: secret,
        JWT_ISSUER: BENCH_ISSUER,
        JWT_AUDIENCE: BENCH_AUDIENCE,
        INTERNAL_API_TOKEN: BENCH_INTERNAL_TOKEN,
      };
      const logDir = path.join(ROOT, '.cache', 'logs', 'bench');
      hive.push(await startHiveGateway({ name: 'hive', port: basePort + 10, routerRuntime: false, subgraphUrls: stack.urls, env, logDir }));
      hive.push(await startHiveGateway({ name: 'hive+router', port: basePort + 11, routerRuntime: true, subgraphUrls: stack.urls, env, logDir }));
      gateways.push(...hive);
    }
    const answer = await sameAnswers(gateways, token, query, variables);
    const customers = answer.customers.edges.length;
    const others = [...stack.children.filter((p) => p !== ours).map((p) => [p.name, p.child.pid]), ...Object.entries(engines.pids)];
    const modes = {};
    for (const mode of LOAD_MODES) {
      const byGateway = await compareGateways({
        gateways,
        others,
        token,
        query,
        variables: LOAD_VARIABLES[mode].variables,
        connections: CONNECTIONS,
        seconds: ROUND_SECONDS,
        rounds: ROUNDS,
        log: (m) => console.error(`[bench] gateway-360 ${mode} ${m}`),
      });
      const hiveRouter = byGateway['hive+router'];
      modes[mode] = {
        requests: LOAD_VARIABLES[mode].says,
        byGateway,
        ...(hiveRouter
          ? {
              oursOverHiveRouter: {
                requestsPerSecond: +(byGateway.ours.requestsPerSecond / hiveRouter.requestsPerSecond).toFixed(2),
                p99: +(byGateway.ours.latencyMs.p99 / hiveRouter.latencyMs.p99).toFixed(2),
                gatewayCpuMsPerRequest: +(byGateway.ours.gatewayCpuMsPerRequest / hiveRouter.gatewayCpuMsPerRequest).toFixed(2),
              },
            }
          : {}),
      };
    }
    return {
      query: 'BenchCustomer360 (client/operations/bench.graphql)',
      customers,
      connections: CONNECTIONS,
      rounds: ROUNDS,
      roundSeconds: ROUND_SECONDS,
      order: gateways.map((g) => g.name).join(', ') + ' interleaved, each round starting with the next',
      sameAnswer: true,
      versions: WITH_HIVE ? { '@graphql-hive/gateway': HIVE_GATEWAY_VERSION, '@graphql-hive/router-runtime': HIVE_ROUTER_RUNTIME_VERSION } : undefined,
      supergraphs: Object.fromEntries(gateways.map((x) => [x.name, x.supergraph ?? 'supergraph as committed'])),
      modes,
    };
  } finally {
    await Promise.all(hive.map((g) => g.stop()));
  }
}

/** The markdown lines of latest.md, one per scenario that ran. */
function summaryLines(results) {
  const lines = [];
  const g = results.gateway360;
  if (g) {
    for (const [mode, m] of Object.entries(g.modes)) {
      lines.push(
        `- gateway-360 ${mode}: Customer 360 (${g.customers} customers × 6 subgraphs), ${g.connections} connections, ${m.requests}, ${g.rounds} interleaved rounds of ${g.roundSeconds} s per gateway, same answer from all:`,
        '',
        '  | gateway | req/s | p50 ms | p99 ms | gateway CPU ms/req | rest of stack CPU ms/req | errors | req/s per round | p99 ms per round |',
        '  |---|---:|---:|---:|---:|---:|---:|---|---|',
      );
      for (const [name, r] of Object.entries(m.byGateway)) {
        lines.push(
          `  | ${name} | ${r.requestsPerSecond} | ${r.latencyMs.p50} | ${r.latencyMs.p99} | ${r.gatewayCpuMsPerRequest} | ${r.restOfStackCpuMsPerRequest} | ${r.errors} | ${r.roundsRequestsPerSecond.join(' / ')} | ${r.roundsP99Ms.join(' / ')} |`,
        );
      }
      lines.push('');
      if (m.oursOverHiveRouter)
        lines.push(
          `  ours / hive+router: req/s ×${m.oursOverHiveRouter.requestsPerSecond}, p99 ×${m.oursOverHiveRouter.p99}, gateway CPU per request ×${m.oursOverHiveRouter.gatewayCpuMsPerRequest}`,
        );
      lines.push(
        `  CPU ms per request by process (our rounds): ${Object.entries(m.byGateway.ours.cpuMsPerRequestByProcess)
          .map(([n, v]) => `${n} ${v}`)
          .join(', ')}`,
      );
    }
  }
  if (results.eventLatency) {
    const e = results.eventLatency.latencyMs;
    lines.push(`- event latency placeSalesOrder → work order visible (${ORDERS} orders): p50 ${e.p50} ms, p95 ${e.p95} ms, max ${e.max} ms`);
  }
  if (results.subgraphFanout)
    lines.push(
      `- fan-out of one 50-customer list: ${Object.entries(results.subgraphFanout)
        .map(([n, v]) => `${n} ${v.entitiesRequests} _entities / ${v.dbOperations} db ops`)
        .join('; ')}`,
    );
  const o2c = results.orderToCash;
  if (o2c) {
    lines.push(
      `- order to cash (${ORDERS} orders, one at a time): work order closed → order INSTALLED p50 ${o2c.closeToInstalledMs.p50} ms, p95 ${o2c.closeToInstalledMs.p95} ms, max ${o2c.closeToInstalledMs.max} ms; quality call OK → subscription on the order p50 ${o2c.qualityCallToSubscriptionMs.p50} ms, p95 ${o2c.qualityCallToSubscriptionMs.p95} ms, max ${o2c.qualityCallToSubscriptionMs.max} ms; → billed with its account p50 ${o2c.qualityCallToBilledMs.p50} ms, p95 ${o2c.qualityCallToBilledMs.p95} ms, max ${o2c.qualityCallToBilledMs.max} ms`,
    );
  }
  if (results.reportingScan) {
    lines.push(
      `- reporting scan (${REPORT_CALLS} calls each, reporting scope, month ${results.reportingScan.month}, over ${results.reportingData.invoices} imported invoices of ${results.reportingData.accounts} accounts): ${Object.entries(
        results.reportingScan.queries,
      )
        .map(([n, v]) => `${n}${v.rows !== undefined ? ` (${v.rows} rows)` : ''} p50 ${v.latencyMs.p50} ms / p95 ${v.latencyMs.p95} ms`)
        .join('; ')}`,
    );
  }
  lines.push(
    `- RSS (MiB): ${Object.entries(results.rssMiB)
      .map(([n, v]) => `${n} ${v}`)
      .join(', ')}`,
  );
  return lines;
}

async function main() {
  const t0 = Date.now();
  // Own ports, so a benchmark never shares (or stops) the engines of a test run.
  process.env.VINCULO_MONGO_PORT ??= '27227';
  process.env.VINCULO_KAFKA_PORT ??= '19292';
  const engines = await ensureEngines({ profile: 'test' });
  // Production requires an SMTP relay for notifications; the development mail server stands in for it.
  const benchBasePort = Number(process.env.VINCULO_BENCH_BASE_PORT ?? 4200);
  const mail = await startMailServer({ smtpPort: benchBasePort + 8, httpPort: benchBasePort + 9 });
  const benchSecret = randomBytes(32).toString('hex');
  const sign = (claims, ttl) => signDevToken(benchSecret, claims, ttl, { issuer: BENCH_ISSUER, audience: BENCH_AUDIENCE });
  const stack = await startStack({
    mongoUri: engines.mongoUri,
    kafkaBrokers: engines.kafkaBrokers,
    basePort: benchBasePort,
    dbPrefix: `bench${Date.now().toString(36)}`,
    logDir: path.join(ROOT, '.cache', 'logs', 'bench'),
    // Production settings: a secret of this run (the development secret is refused in production),
    // the issuer and audience production requires, the gateway credential and the metrics token.
    env: {
      NODE_ENV: 'production',
      JWT_SECRET: benchSecret,
      JWT_ISSUER: BENCH_ISSUER,
      JWT_AUDIENCE: BENCH_AUDIENCE,
      INTERNAL_API_TOKEN: BENCH_INTERNAL_TOKEN,
      METRICS_TOKEN: BENCH_METRICS_TOKEN,
      SMTP_URL: mail.smtpUrl,
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '1000000',
      KAFKA_GROUP_PREFIX: `bench${Date.now().toString(36)}`,
    },
  }).catch(async (err) => {
    await mail.stop();
    throw err;
  });
  try {
    const tenant = `bench-${Date.now().toString(36)}`;
    const token = await sign({ sub: 'bench', tenant, roles: ['ADMIN'], scopes: ['read', 'write', 'reporting'] }, '2h');
    const tokens = {
      admin: token,
      coordinator: await sign({ sub: 'bench-coordinator', tenant, roles: ['TECHNICAL_COORDINATOR'], scopes: ['read', 'write'] }, '2h'),
      executive: await sign({ sub: 'bench-executive', tenant, roles: ['ACCOUNT_EXECUTIVE'], scopes: ['read', 'write'] }, '2h'),
      reporting: await sign({ sub: 'bench-reporting', tenant, roles: ['COMMERCIAL_DIRECTOR'], scopes: ['read', 'reporting'] }, '2h'),
      partner: await sign({ sub: 'bench-erp', tenant, roles: ['PARTNER'], scopes: ['read', 'write', 'billing:write'] }, '2h'),
    };
    const url = stack.gatewayUrl;
    const customerIds = await seedTenant(url, token, 60);
    const on = (name) => SCENARIOS.has(name);
    const results = {
      date: new Date().toISOString(),
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model,
        memoryGiB: Math.round(os.totalmem() / 2 ** 30),
        node: process.version,
        loadAverageAtStart: os.loadavg().map((v) => +v.toFixed(2)),
      },
    };
    if (on('gateway-360')) results.gateway360 = await customer360(stack, engines, benchSecret, benchBasePort, token);
    if (on('event-latency')) results.eventLatency = await eventLatency(url, token, customerIds);
    if (on('subgraph-fanout')) results.subgraphFanout = await fanout(url, token, stack.urls);
    if (on('order-to-cash')) results.orderToCash = await orderToCash(url, tokens, customerIds);
    if (on('reporting-scan')) {
      results.reportingData = await seedBilling(url, tokens, customerIds);
      results.reportingScan = await reportingScan(url, tokens.reporting);
    }
    results.rssMiB = Object.fromEntries(
      await Promise.all([
        ...stack.children.map(async (p) => [p.name, await rss(p.child.pid)]),
        ...Object.entries(engines.pids).map(async ([n, pid]) => [n, await rss(pid)]),
      ]),
    );
    results.machine.loadAverageAtEnd = os.loadavg().map((v) => +v.toFixed(2));
    results.totalSeconds = Math.round((Date.now() - t0) / 1000);
    const dir = path.join(ROOT, 'bench-results');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${results.date.replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, JSON.stringify(results, null, 2));
    const md = [
      `# Benchmarks ${results.date}`,
      `machine: ${results.machine.cpus} cores, ${results.machine.memoryGiB} GiB, node ${results.machine.node}, load average ${results.machine.loadAverageAtStart.join(' ')} at start, ${results.machine.loadAverageAtEnd.join(' ')} at end`,
      ...summaryLines(results),
    ].join('\n');
    writeFileSync(path.join(dir, 'latest.md'), `${md}\n`);
    console.log(md);
    console.log(`\nwritten: ${path.relative(ROOT, file)}`);
  } finally {
    await stack.stop();
    await engines.stop();
    await mail.stop();
  }
}

main().catch((err) => {
  console.error(`[bench] ${err.stack ?? err}`);
  process.exit(1);
});
