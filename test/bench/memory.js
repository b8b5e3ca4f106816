#!/usr/bin/env node
'use strict';
/**
 * Idle memory of the local stack (`npm run bench:memory`): runs `infra/local/start.js` — what
 * `npm start` runs after its build: engines (dev profile), the seven subgraphs, the gateway, the demo
 * seed — waits until every process is idle, then reads each process's resident memory (VmRSS) and
 * writes the table and the total to bench-results/memory-<time>.json and bench-results/memory-latest.md.
 *
 * Idle = over BENCH_IDLE_WINDOW_S (10) seconds, the stack's processes together used less than
 * BENCH_IDLE_CPU (5 %) of one core, measured at most BENCH_IDLE_MAX_S (300) seconds after the start.
 * Ports: PORT (default 4300, the gateway; subgraphs +1…+7, mail +8/+9), VINCULO_MONGO_PORT and
 * VINCULO_KAFKA_PORT (defaults 27327 / 19392, so it never reuses the engines of `npm start`). A dev
 * engine on its own port keeps its data in .cache/data/dev/*-<port>: the seed runs once, later runs
 * find the demo tenants there.
 */
const { spawn } = require('node:child_process');
const { mkdirSync, readFileSync, readdirSync, writeFileSync } = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '../..');
const IDLE_WINDOW_S = Number(process.env.BENCH_IDLE_WINDOW_S ?? 10);
const IDLE_CPU = Number(process.env.BENCH_IDLE_CPU ?? 0.05);
const IDLE_MAX_S = Number(process.env.BENCH_IDLE_MAX_S ?? 300);
const GiB = 2 ** 30;

const pause = (ms) => new Promise((r) => setTimeout(r, ms));

/** pid → { ppid, ticks (utime+stime), rssBytes, args } for every process, from /proc. */
function processTable() {
  const table = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      const rss = /VmRSS:\s+(\d+)/.exec(status);
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter(Boolean);
      table.set(Number(entry), { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]), rssBytes: rss ? Number(rss[1]) * 1024 : 0, args });
    } catch {
      /* gone meanwhile */
    }
  }
  return table;
}

/** The process tree under `root` (its descendants and itself). */
function treeOf(root, table) {
  const pids = [root];
  for (let i = 0; i < pids.length; i++) for (const [pid, p] of table) if (p.ppid === pids[i]) pids.push(pid);
  return pids.filter((pid) => table.has(pid));
}

/** A readable name for a process of the stack. */
function nameOf(pid, root, table) {
  if (pid === root) return 'launcher (start.js, mail server)';
  const args = table.get(pid).args;
  const entry = args.find((a) => /dist[\\/]index\.js$/.test(a));
  if (entry) return path.basename(path.dirname(path.dirname(entry)));
  if (args.includes('kafka.Kafka')) return 'kafka';
  if (args.includes('MongoWireServer')) return 'mongo';
  return args.slice(0, 2).join(' ').slice(0, 60);
}

async function main() {
  const env = {
    ...process.env,
    PORT: process.env.PORT ?? '4300',
    VINCULO_MONGO_PORT: process.env.VINCULO_MONGO_PORT ?? '27327',
    VINCULO_KAFKA_PORT: process.env.VINCULO_KAFKA_PORT ?? '19392',
  };
  const t0 = Date.now();
  const child = spawn(process.execPath, [path.join(ROOT, 'infra', 'local', 'start.js')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => process.stderr.write(d));
  let exited = null;
  const gone = new Promise((resolve) => child.once('exit', (code, signal) => resolve((exited = { code, signal }))));
  try {
    while (!/Vínculo is up in ([\d.]+) s/.test(output)) {
      if (exited) throw new Error(`start.js exited (${exited.signal || `code ${exited.code}`}) before the stack was up`);
      await pause(500);
    }
    const upSeconds = Number(/Vínculo is up in ([\d.]+) s/.exec(output)[1]);
    console.error(`[memory] stack up in ${upSeconds} s; waiting until idle (< ${IDLE_CPU * 100} % of a core over ${IDLE_WINDOW_S} s)`);

    let idleAfterS = null;
    let cpuShare = null;
    const deadline = Date.now() + IDLE_MAX_S * 1000;
    while (Date.now() < deadline) {
      const before = processTable();
      const pids = treeOf(child.pid, before);
      await pause(IDLE_WINDOW_S * 1000);
      const after = processTable();
      const ticks = pids.reduce((sum, pid) => sum + ((after.get(pid)?.ticks ?? 0) - before.get(pid).ticks), 0);
      cpuShare = ticks / 100 / IDLE_WINDOW_S;
      if (cpuShare < IDLE_CPU) {
        idleAfterS = Math.round((Date.now() - t0) / 1000);
        break;
      }
    }
    const table = processTable();
    const processes = treeOf(child.pid, table)
      .map((pid) => ({ name: nameOf(pid, child.pid, table), pid, rssMiB: Math.round(table.get(pid).rssBytes / 2 ** 20) }))
      .filter((p) => !/^(npm|sh)\b/.test(p.name));
    const stackProcesses = processes.filter((p) => !p.name.startsWith('launcher'));
    const totalMiB = stackProcesses.reduce((s, p) => s + p.rssMiB, 0);
    const launcherMiB = processes.find((p) => p.name.startsWith('launcher'))?.rssMiB ?? 0;
    const results = {
      date: new Date().toISOString(),
      machine: {
        cpus: os.cpus().length,
        memoryGiB: Math.round(os.totalmem() / GiB),
        node: process.version,
        loadAverage: os.loadavg().map((v) => +v.toFixed(2)),
      },
      upSeconds,
      idle:
        idleAfterS !== null
          ? { afterSeconds: idleAfterS, cpuShareOfOneCore: +cpuShare.toFixed(3) }
          : { reached: false, lastCpuShareOfOneCore: +cpuShare.toFixed(3) },
      settings: {
        nodeArgs: process.env.VINCULO_NODE_ARGS ?? null,
        kafkaHeap: process.env.VINCULO_KAFKA_HEAP ?? null,
        mongoHeap: process.env.VINCULO_MONGO_HEAP ?? null,
      },
      processes,
      stackTotalMiB: totalMiB,
      stackTotalGiB: +(totalMiB / 1024).toFixed(3),
      withLauncherMiB: totalMiB + launcherMiB,
      targetGiB: 1.2,
      underTarget: totalMiB / 1024 < 1.2,
    };
    const dir = path.join(ROOT, 'bench-results');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `memory-${results.date.replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, JSON.stringify(results, null, 2));
    const md = [
      `# Idle memory of the local stack ${results.date}`,
      `machine: ${results.machine.cpus} cores, ${results.machine.memoryGiB} GiB, node ${results.machine.node}, load average ${results.machine.loadAverage.join(' ')}`,
      `stack up in ${upSeconds} s; ${idleAfterS !== null ? `idle after ${idleAfterS} s (${(cpuShare * 100).toFixed(1)} % of a core over ${IDLE_WINDOW_S} s)` : `NOT idle within ${IDLE_MAX_S} s (${(cpuShare * 100).toFixed(1)} % of a core): measured anyway`}`,
      '',
      '| process | RSS MiB |',
      '|---|---:|',
      ...stackProcesses.map((p) => `| ${p.name} | ${p.rssMiB} |`),
      `| **total (engines + subgraphs + gateway)** | **${totalMiB}** (${results.stackTotalGiB} GiB; target < 1.2 GiB: ${results.underTarget ? 'met' : 'NOT met'}) |`,
      `| launcher (start.js with the dev mail server), not counted | ${launcherMiB} |`,
    ].join('\n');
    writeFileSync(path.join(dir, 'memory-latest.md'), `${md}\n`);
    console.log(md);
    console.log(`\nwritten: ${path.relative(ROOT, file)}`);
  } finally {
    if (!exited) {
      child.kill('SIGTERM'); // start.js stops the gateway, the subgraphs, the mail server and the engines
      const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
      await gone;
      clearTimeout(timer);
    }
  }
}

main().catch((err) => {
  console.error(`[memory] ${err.stack ?? err}`);
  process.exit(1);
});
