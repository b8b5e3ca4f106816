'use strict';
/**
 * Starts the whole graph on this machine: the seven subgraphs and the gateway, each its own Node
 * process (compiled dist/), pointed at the given MongoDB and Kafka. Used by `npm start`
 * (infra/local/start.js) and by the test suite's global setup. Started = every subgraph answers 200
 * on /health/deps (store, broker, relay and consumers up) and the gateway on /health/ready; never a sleep.
 */
const { spawn } = require('node:child_process');
const { closeSync, createWriteStream, mkdirSync, openSync } = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '../..');

/** Subgraph name → port offset from the base port (ARCHITECTURE.md: gateway 4000, customers 4001…). */
const SUBGRAPHS = { customers: 1, sales: 2, postsale: 3, collections: 4, techsupport: 5, proposals: 6, notifications: 7 };

/** How long a process may take to be up; VINCULO_READY_TIMEOUT_MS raises it on a machine busy with other work. */
const READY_MS = Number(process.env.VINCULO_READY_TIMEOUT_MS ?? 120_000);

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function answers(url) {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
    return res.status === 200;
  } catch {
    return false;
  }
}

function spawnService({ name, entry, env, logDir, children }) {
  const out = createWriteStream(path.join(logDir, `${name}.log`), { flags: 'a' });
  // VINCULO_NODE_ARGS passes flags to every service process (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`).
  const nodeArgs = (process.env.VINCULO_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, entry], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(out);
  child.stderr.pipe(out);
  const proc = { name, child, exited: new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal }))) };
  children.push(proc);
  return proc;
}

async function waitReady(proc, url, deadlineMs, logFile) {
  const deadline = Date.now() + deadlineMs;
  let exited = null;
  proc.exited.then((e) => (exited = e));
  while (Date.now() < deadline) {
    if (exited) throw new Error(`${proc.name} exited (${exited.signal || `code ${exited.code}`}) before it was ready; see ${logFile}`);
    if (await answers(url)) return;
    await pause(200);
  }
  throw new Error(`${proc.name} was not ready within ${deadlineMs} ms; see ${logFile}`);
}

/** What every process of a stack shares: the caller's environment, then `opts.env`, then the engines. */
function commonEnv(opts) {
  return {
    ...process.env,
    NODE_ENV: process.env.NODE_ENV === 'production' ? 'production' : 'development',
    LOG_LEVEL: 'info',
    // Subgraphs answer only the gateway, also locally (a well-known value, like the dev JWT secret;
    // production sets its own and must).
    INTERNAL_API_TOKEN: process.env.INTERNAL_API_TOKEN ?? 'vinculo-local-internal-token-not-for-production',
    // The local engine's memory backend scans a collection for every query but by `_id`: one grouped read
    // of a page of parents' children beats one bounded query per parent there (kit bounded-children.ts). A
    // real MongoDB (MONGODB_URI) and the compact backend (equality indexes) get the per-parent reads their
    // indexes serve.
    VINCULO_CHILD_PAGES:
      process.env.VINCULO_CHILD_PAGES ?? (process.env.MONGODB_URI || process.env.VINCULO_MONGO_BACKEND === 'compact' ? 'per-parent' : 'grouped'),
    ...opts.env,
    MONGODB_URI: opts.mongoUri,
    KAFKA_BROKERS: opts.kafkaBrokers.join(','),
  };
}

const subgraphPort = (opts, name) => (opts.basePort ?? 4000) + SUBGRAPHS[name];
/** /health/deps, not only /health/ready: a local subgraph is up to play once its consumers have joined. */
const upUrl = (opts, name) => `http://127.0.0.1:${subgraphPort(opts, name)}/health/deps`;

/** A subgraph's environment in a stack: the common one, its port and its own database. */
function subgraphEnv(opts, name) {
  return { ...commonEnv(opts), PORT: String(subgraphPort(opts, name)), MONGODB_DB: `${opts.dbPrefix ?? 'vinculo'}_${name}` };
}

/** The gateway's environment in a stack: the common one, its port, the subgraphs' URLs and its own database. */
function gatewayEnv(opts) {
  const env = { ...commonEnv(opts), PORT: String(opts.basePort ?? 4000), MONGODB_DB: `${opts.dbPrefix ?? 'vinculo'}_gateway` };
  for (const name of Object.keys(SUBGRAPHS)) env[`SUBGRAPH_${name.toUpperCase()}_URL`] = `http://127.0.0.1:${subgraphPort(opts, name)}/graphql`;
  return env;
}

/** Spawn a service detached from the caller (output straight to its log, unref'd); resolves with its pid once ready. */
async function relaunch(opts, name, entry, env, readyUrl) {
  const logFile = path.join(opts.logDir, `${name}.log`);
  const fd = openSync(logFile, 'a');
  let child;
  try {
    const nodeArgs = (process.env.VINCULO_NODE_ARGS ?? '').split(' ').filter(Boolean);
    child = spawn(process.execPath, [...nodeArgs, entry], { cwd: ROOT, env, stdio: ['ignore', fd, fd] });
  } finally {
    closeSync(fd); // the child has its own copy
  }
  child.unref();
  const proc = { name, child, exited: new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal }))) };
  await waitReady(proc, readyUrl, READY_MS, logFile);
  return child.pid;
}

/**
 * Start one subgraph of a running stack again — after a test or a drill killed it — with the
 * environment startStack gave it, its output appended to the same log. The process does not depend
 * on the caller (output straight to the file, not through a pipe; unref'd): whoever stops the stack
 * must stop it by the pid this returns (stopPids). Resolves once its /health/deps answers 200.
 * @param {{ mongoUri: string, kafkaBrokers: string[], basePort?: number, dbPrefix?: string,
 *           logDir: string, env?: Record<string,string> }} opts the options the stack was started with
 * @param {string} name
 * @returns {Promise<number>}
 */
async function restartSubgraph(opts, name) {
  if (!(name in SUBGRAPHS)) throw new Error(`no subgraph "${name}" in the stack`);
  const env = subgraphEnv(opts, name);
  if (name === 'notifications') env.GATEWAY_URL = `http://127.0.0.1:${opts.basePort ?? 4000}/graphql`;
  return relaunch(opts, name, path.join(ROOT, 'services', name, 'dist', 'index.js'), env, upUrl(opts, name));
}

/** The same for the gateway (its database, port and subgraph URLs as startStack gave them); resolves once /health/ready answers. */
function restartGateway(opts) {
  return relaunch(opts, 'gateway', path.join(ROOT, 'gateway', 'dist', 'index.js'), gatewayEnv(opts), `http://127.0.0.1:${opts.basePort ?? 4000}/health/ready`);
}

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** SIGTERM processes that are not this process's children (see restartSubgraph), SIGKILL after 15 s. */
async function stopPids(pids) {
  await Promise.all(
    pids.filter(alive).map(async (pid) => {
      process.kill(pid, 'SIGTERM');
      const deadline = Date.now() + 15_000;
      while (alive(pid) && Date.now() < deadline) await pause(100);
      if (alive(pid)) process.kill(pid, 'SIGKILL');
    }),
  );
}

/**
 * @param {{ mongoUri: string, kafkaBrokers: string[], basePort?: number, dbPrefix?: string,
 *           logDir: string, env?: Record<string,string>, log?: (m: string) => void }} opts
 * @returns {Promise<{ gatewayUrl: string, urls: Record<string,string>, stop: () => Promise<void>,
 *           children: {name:string, child: import('node:child_process').ChildProcess}[],
 *           kill: (name: string, signal?: string) => Promise<void>, restart: (name: string) => Promise<void> }>}
 */
async function startStack(opts) {
  const basePort = opts.basePort ?? 4000;
  const log = opts.log ?? ((m) => console.error(`[stack] ${m}`));
  mkdirSync(opts.logDir, { recursive: true });
  const children = [];
  const urls = {};
  const stop = async () => {
    await Promise.all(
      children.map(async (p) => {
        if (p.child.exitCode !== null || p.child.signalCode !== null) return;
        p.child.kill('SIGTERM');
        const timer = setTimeout(() => p.child.kill('SIGKILL'), 15_000);
        await p.exited;
        clearTimeout(timer);
      }),
    );
  };
  /** How to (re)start each process: entry, env and the URL that says it is up. */
  const specs = {};
  const launch = (name) => {
    const spec = specs[name];
    const proc = spawnService({ name, entry: spec.entry, env: spec.env, logDir: opts.logDir, children });
    return waitReady(proc, spec.readyUrl, spec.deadlineMs, path.join(opts.logDir, `${name}.log`));
  };
  try {
    for (const name of Object.keys(SUBGRAPHS)) {
      const port = subgraphPort(opts, name);
      urls[name] = `http://127.0.0.1:${port}/graphql`;
      specs[name] = {
        entry: path.join(ROOT, 'services', name, 'dist', 'index.js'),
        env: subgraphEnv(opts, name),
        readyUrl: upUrl(opts, name),
        deadlineMs: READY_MS,
      };
      // Notifications reads what its e-mails show (report figures, generated documents) through the gateway.
      if (name === 'notifications') specs[name].env.GATEWAY_URL = `http://127.0.0.1:${basePort}/graphql`;
    }
    await Promise.all(Object.keys(SUBGRAPHS).map(launch));
    specs.gateway = {
      entry: path.join(ROOT, 'gateway', 'dist', 'index.js'),
      env: gatewayEnv(opts),
      readyUrl: `http://127.0.0.1:${basePort}/health/ready`,
      deadlineMs: READY_MS,
    };
    await launch('gateway');
  } catch (err) {
    await stop();
    throw err;
  }
  /** The live process of a service (the last one started under that name). */
  const live = (name) => [...children].reverse().find((p) => p.name === name && p.child.exitCode === null && p.child.signalCode === null);
  /** Kill one process (fault drills): SIGKILL by default; resolves when it has exited. */
  const kill = async (name, signal = 'SIGKILL') => {
    const proc = live(name);
    if (!proc) throw new Error(`${name} is not running`);
    proc.child.kill(signal);
    await proc.exited;
  };
  /** Start a service again (after kill) with the same port, env and database; resolves when it is up. */
  const restart = (name) => {
    if (!specs[name]) throw new Error(`unknown service ${name}`);
    if (live(name)) throw new Error(`${name} is still running`);
    return launch(name);
  };
  log(`graph ready: gateway http://127.0.0.1:${basePort}/graphql, logs in ${path.relative(ROOT, opts.logDir)}`);
  return { gatewayUrl: `http://127.0.0.1:${basePort}/graphql`, urls, stop, children, kill, restart };
}

module.exports = { startStack, restartSubgraph, restartGateway, stopPids, SUBGRAPHS };
