#!/usr/bin/env node
'use strict';
/**
 * npm run drill [-- --runs 3] [--only kill-sales,kafka-down] [--orders 8] [--concurrency 4]
 *
 * Every fault drill (test/drill/drill.js) on a private stack — own engines on ports 27627/19692,
 * gateway on 4600 — run after run. Prints each drill's figures and writes them to
 * bench-results/drill-latest.{json,md}. Exits 1 if any drill lost, duplicated or left anything.
 */
const { mkdirSync, writeFileSync } = require('node:fs');
const path = require('node:path');
const { parseArgs } = require('node:util');
const { DRILLS, startPrivateStack, runDrill } = require('./drill');

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '1' },
    only: { type: 'string' },
    orders: { type: 'string', default: '8' },
    concurrency: { type: 'string', default: '4' },
  },
});
const names = values.only ? values.only.split(',') : Object.keys(DRILLS);
for (const n of names) if (!DRILLS[n]) throw new Error(`unknown drill ${n}; one of ${Object.keys(DRILLS).join(', ')}`);

async function main() {
  const ctx = await startPrivateStack();
  const results = [];
  try {
    for (let run = 1; run <= Number(values.runs); run++) {
      for (const name of names) {
        const r = await runDrill(ctx, name, { orders: Number(values.orders), concurrency: Number(values.concurrency) });
        results.push({ run, ...r });
      }
    }
  } finally {
    await ctx.stop();
  }
  const out = path.resolve(__dirname, '../../bench-results');
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, 'drill-latest.json'), JSON.stringify({ at: new Date().toISOString(), results }, null, 2));
  const rows = results.map(
    (r) =>
      `| ${r.run} | ${r.drill} | ${r.what} | ${r.completed}/${r.orders} | ${r.lost} | ${r.duplicated} | ${r.problems.length} | ${r.faultSeconds} | ${r.convergeSeconds} | ${r.clientRetries} |`,
  );
  const md = [
    `# Fault drills — ${new Date().toISOString()}`,
    '',
    '| run | drill | fault | orders completed | lost | duplicated | other problems | fault s | converged s after recovery | client retries |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
  writeFileSync(path.join(out, 'drill-latest.md'), md);
  console.log(md);
  process.exit(results.every((r) => r.ok) ? 0 : 1);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
