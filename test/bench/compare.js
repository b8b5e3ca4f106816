'use strict';
/**
 * Our gateway beside Hive Gateway, on the same supergraph (schemas/supergraph.graphql; see
 * supergraphForHive for the one part Hive cannot serve) and the same
 * running subgraphs: Hive Gateway with its default (JavaScript) planner and with its Rust query planner
 * (`--hive-router-runtime`, package @graphql-hive/router-runtime), each its own process, configured by
 * hive-gateway.config.mjs (caller's token verified and forwarded, gateway credential on every fetch).
 *
 * The load: Customer 360 (one page of customers with fields from six subgraphs) at a fixed number of
 * connections, in interleaved rounds (ours, hive, hive+router, ours, …) so a busy neighbour on the
 * machine slows every gateway alike. Each gateway's CPU is read from /proc before and after its
 * rounds: CPU ms per request is what the gateway itself costs, apart from subgraphs and store.
 * Before any load, every gateway must return the same data for the query: a comparison of different
 * answers would be meaningless, so the scenario fails instead.
 */
const { spawn } = require('node:child_process');
const { createWriteStream, mkdirSync, readFileSync, writeFileSync } = require('node:fs');
const path = require('node:path');
const { isDeepStrictEqual } = require('node:util');

const ROOT = path.resolve(__dirname, '../..');
const HIVE_BIN = path.join(path.dirname(require.resolve('@graphql-hive/gateway/package.json')), 'dist', 'bin.js');
const HIVE_CONFIG = path.join(__dirname, 'hive-gateway.config.mjs');
const SUPERGRAPH = path.join(ROOT, 'schemas', 'supergraph.graphql');

/**
 * The supergraph Hive Gateway can serve. Both its runtimes build the executable schema with
 * @graphql-tools/federation 4.5 (stitching underneath), which refuses ours with "Multiple canonical
 * definitions for ReconciliationSection": a value type returned by `@requires` fields of several
 * subgraphs (Reconciliation's sections) is made canonical once per subgraph — the default runtime at
 * start, the router runtime on every request. Those four `requires:` are dropped in Hive's copy: only
 * `reconciliation(…)` changes, which Customer 360 does not touch.
 */
function supergraphForHive(logDir) {
  const sdl = readFileSync(SUPERGRAPH, 'utf8');
  const requiresOnSections = /(: ReconciliationSection @join__field\(graph: [A-Z]+), requires: "[^"]*"\)/g;
  const copy = sdl.replace(requiresOnSections, '$1)');
  const file = path.join(logDir, 'supergraph-hive.graphql');
  mkdirSync(logDir, { recursive: true });
  writeFileSync(file, copy);
  return {
    file,
    note: `supergraph as committed less ${(sdl.match(requiresOnSections) ?? []).length} @requires on Reconciliation sections (a @graphql-tools/federation bug)`,
  };
}

const pause = (ms) => new Promise((r) => setTimeout(r, ms));

/** CPU ms a process has used so far (utime + stime from /proc/<pid>/stat, 100 ticks per second). */
function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/** Resident memory of a process in MiB (VmRSS), null when it is gone. */
function rssMiB(pid) {
  try {
    return Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024);
  } catch {
    return null;
  }
}

/**
 * Start one Hive Gateway process on `port`; resolves once its /readiness answers 200.
 * @param {{ name: string, port: number, routerRuntime: boolean, subgraphUrls: Record<string,string>,
 *           env: Record<string,string>, logDir: string }} opts
 */
async function startHiveGateway(opts) {
  const out = createWriteStream(path.join(opts.logDir, `${opts.name}.log`), { flags: 'a' });
  const nodeArgs = (process.env.VINCULO_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const supergraph = supergraphForHive(opts.logDir);
  const args = [
    ...nodeArgs,
    HIVE_BIN,
    'supergraph',
    supergraph.file,
    '--config-path',
    HIVE_CONFIG,
    '--host',
    '127.0.0.1',
    '--port',
    String(opts.port),
    '--fork',
    '1',
    '--disable-websockets',
  ];
  if (opts.routerRuntime) args.push('--hive-router-runtime');
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...opts.env, BENCH_SUBGRAPH_URLS: JSON.stringify(opts.subgraphUrls) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(out);
  child.stderr.pipe(out);
  let exited = null;
  const gone = new Promise((resolve) => child.once('exit', (code, signal) => resolve((exited = { code, signal }))));
  const stop = async () => {
    if (exited) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await gone;
    clearTimeout(timer);
  };
  const base = `http://127.0.0.1:${opts.port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (exited)
      throw new Error(`${opts.name} exited (${exited.signal || `code ${exited.code}`}) before it was ready; see ${path.join(opts.logDir, `${opts.name}.log`)}`);
    try {
      if ((await fetch(`${base}/readiness`, { signal: AbortSignal.timeout(2000) })).status === 200) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${opts.name} was not ready within 120 s`);
    }
    await pause(250);
  }
  return { name: opts.name, url: `${base}/graphql`, pid: child.pid, stop, supergraph: supergraph.note };
}

/** Keys in a stable order, so two answers compare by content, not by the order fields were merged in. */
function canonical(value) {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical(value[k])]),
    );
  return value;
}

async function post(url, token, query, variables) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  if (res.status !== 200 || body.errors) throw new Error(`HTTP ${res.status} ${JSON.stringify(body.errors ?? body).slice(0, 500)}`);
  return body.data;
}

/** Every gateway's answer to the query must equal ours; throws naming the first that differs. */
async function sameAnswers(gateways, token, query, variables) {
  const [reference, ...others] = gateways;
  const expected = canonical(await post(reference.url, token, query, variables));
  for (const g of others) {
    const got = canonical(await post(g.url, token, query, variables));
    if (!isDeepStrictEqual(got, expected)) {
      throw new Error(
        `${g.name} answers the Customer 360 query differently from ${reference.name}: ${JSON.stringify(got).slice(0, 300)} … vs ${JSON.stringify(expected).slice(0, 300)} …`,
      );
    }
  }
  return expected;
}

/**
 * `connections` clients sending the query back to back for `seconds`: latencies (ms) and errors.
 * `variables` is one object for all clients, or a function of the client's index (each its own request).
 */
async function load(url, token, query, variables, connections, seconds) {
  const bodies = Array.from({ length: connections }, (_, i) =>
    JSON.stringify({ query, variables: typeof variables === 'function' ? variables(i) : variables }),
  );
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  const latencies = [];
  let errors = 0;
  let firstError;
  const end = Date.now() + seconds * 1000;
  await Promise.all(
    bodies.map(async (body) => {
      while (Date.now() < end) {
        const t = performance.now();
        try {
          const res = await fetch(url, { method: 'POST', headers, body });
          const text = await res.text();
          if (res.status !== 200 || text.includes('"errors"')) throw new Error(`HTTP ${res.status} ${text.slice(0, 300)}`);
          latencies.push(performance.now() - t);
        } catch (err) {
          errors++;
          firstError ??= String(err.message ?? err);
        }
      }
    }),
  );
  return { latencies, errors, firstError };
}

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const ms1 = (v) => (v === undefined ? null : +v.toFixed(1));

/**
 * Interleaved rounds over `gateways` ({ name, url, pid }), the order rotating each round; `variables` as in
 * `load`; `others` are [name, pid] of the rest of the
 * stack (subgraphs, engines) whose CPU per request is reported beside the gateway's.
 * @returns per gateway: req/s, p50/p95/p99, errors, gateway CPU ms per request, rest-of-stack CPU ms per
 *          request, and the req/s and p99 of each round.
 */
async function compareGateways({ gateways, others, token, query, variables, connections, seconds, rounds, warmupSeconds = 3, log = () => {} }) {
  const acc = Object.fromEntries(
    gateways.map((g) => [g.name, { latencies: [], errors: 0, firstError: undefined, seconds: 0, cpuMs: 0, restCpuMs: {}, rounds: [], roundsP99: [] }]),
  );
  const restCpu = () => Object.fromEntries(others.map(([name, pid]) => [name, cpuMs(pid) ?? 0]));
  // Warm-up: plans cached, connections open, code optimised — in every gateway before any round counts.
  for (const g of gateways) await load(g.url, token, query, variables, connections, warmupSeconds);
  for (let r = 0; r < rounds; r++) {
    // Each round starts with the next gateway, so none always runs first (right after another's round).
    const order = gateways.map((_, i) => gateways[(i + r) % gateways.length]);
    for (const g of order) {
      const a = acc[g.name];
      const cpu0 = cpuMs(g.pid);
      const rest0 = restCpu();
      const t0 = performance.now();
      const res = await load(g.url, token, query, variables, connections, seconds);
      const elapsed = (performance.now() - t0) / 1000;
      a.cpuMs += cpuMs(g.pid) - cpu0;
      const rest1 = restCpu();
      for (const [name] of others) a.restCpuMs[name] = (a.restCpuMs[name] ?? 0) + rest1[name] - rest0[name];
      a.seconds += elapsed;
      a.latencies.push(...res.latencies);
      a.errors += res.errors;
      a.firstError ??= res.firstError;
      a.rounds.push(+(res.latencies.length / elapsed).toFixed(1));
      a.roundsP99.push(
        ms1(
          pct(
            [...res.latencies].sort((x, y) => x - y),
            99,
          ),
        ),
      );
      log(`round ${r + 1}/${rounds} ${g.name}: ${(res.latencies.length / elapsed).toFixed(1)} req/s${res.errors ? `, ${res.errors} errors` : ''}`);
    }
  }
  const out = {};
  for (const g of gateways) {
    const a = acc[g.name];
    const sorted = a.latencies.sort((x, y) => x - y);
    const n = sorted.length;
    out[g.name] = {
      requests: n,
      requestsPerSecond: +(n / a.seconds).toFixed(1),
      latencyMs: { p50: ms1(pct(sorted, 50)), p95: ms1(pct(sorted, 95)), p99: ms1(pct(sorted, 99)), max: ms1(sorted.at(-1)) },
      errors: a.errors,
      ...(a.firstError ? { firstError: a.firstError } : {}),
      gatewayCpuMsPerRequest: n ? +(a.cpuMs / n).toFixed(2) : null,
      restOfStackCpuMsPerRequest: n ? +(Object.values(a.restCpuMs).reduce((x, y) => x + y, 0) / n).toFixed(2) : null,
      cpuMsPerRequestByProcess: Object.fromEntries(Object.entries(a.restCpuMs).map(([name, v]) => [name, n ? +(v / n).toFixed(2) : null])),
      roundsRequestsPerSecond: a.rounds,
      roundsP99Ms: a.roundsP99,
      rssMiB: rssMiB(g.pid),
    };
  }
  return out;
}

module.exports = { startHiveGateway, compareGateways, sameAnswers, cpuMs, rssMiB };
