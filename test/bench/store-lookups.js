#!/usr/bin/env node
'use strict';
/**
 * `npm run bench:lookups` (issue #18): what a read by id costs as a tenant grows, on the local
 * Mongo-wire engine, with the filter the services used to send (`{ tenantId, _id }`) and with the
 * kit's `_id`-first reads (`findOneById`, `findByIds`: `{ _id }`, tenant checked on the result).
 * Five tenants of N documents each, N = 1,000 and 10,000 (BENCH_LOOKUP_SIZES to change); median of
 * BENCH_LOOKUP_REPS calls. Writes bench-results/store-lookups.md. Own engine ports (27237/19302) unless
 * VINCULO_MONGO_PORT / VINCULO_KAFKA_PORT say otherwise.
 */
const { mkdirSync, writeFileSync } = require('node:fs');
const path = require('node:path');

process.env.VINCULO_MONGO_PORT ??= '27237';
process.env.VINCULO_KAFKA_PORT ??= '19302';
const mongoose = require('mongoose');
const { ensureEngines } = require('../../infra/local/engines');
const { findByIds, findOneById } = require('../../services/common/dist/mongo/by-id');

const SIZES = (process.env.BENCH_LOOKUP_SIZES ?? '1000,10000').split(',').map(Number);
const REPS = Number(process.env.BENCH_LOOKUP_REPS ?? 30);
const TENANTS = 5;

async function median(fn) {
  await fn();
  const times = [];
  for (let i = 0; i < REPS; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

async function main() {
  const engines = await ensureEngines({ profile: 'test' });
  const conn = await mongoose.createConnection(engines.mongoUri, { dbName: `bench_lookups_${Date.now().toString(36)}` }).asPromise();
  const schema = new mongoose.Schema({ _id: String, tenantId: String, name: String, n: Number }, { versionKey: false });
  schema.index({ tenantId: 1, name: 1, _id: 1 });
  const Model = conn.model('Thing', schema);
  await Model.init();
  const rows = [];
  try {
    let inserted = 0;
    for (const size of SIZES) {
      const target = size * TENANTS;
      for (let i = inserted; i < target; i += 5000) {
        const batch = [];
        for (let k = i; k < Math.min(i + 5000, target); k++) batch.push({ _id: `th_${k}`, tenantId: `t${k % TENANTS}`, name: `name ${k}`, n: k });
        await Model.insertMany(batch, { ordered: false });
      }
      inserted = target;
      const tenant = 't3';
      const one = `th_${target - 2}`; // t3's, the newest
      const fifty = Array.from({ length: 50 }, (_, j) => `th_${(j * 97 * TENANTS + 3) % target}`);
      rows.push({
        size,
        tenantOne: await median(() => Model.findOne({ tenantId: tenant, _id: one }).lean()),
        idOne: await median(() => findOneById(Model, tenant, one)),
        tenantFifty: await median(() => Model.find({ tenantId: tenant, _id: { $in: fifty } }).lean()),
        idFifty: await median(() => findByIds(Model, tenant, fifty)),
        sortedPage: await median(() => Model.find({ tenantId: tenant }).sort({ name: 1, _id: 1 }).limit(50).lean()),
      });
    }
  } finally {
    await conn.dropDatabase().catch(() => undefined);
    await conn.close();
    await engines.stop();
  }
  const ms = (v) => `${v.toFixed(2)} ms`;
  const first = rows[0];
  const last = rows[rows.length - 1];
  const lines = [
    `# Store lookups by id (local Mongo-wire engine) — ${new Date().toISOString()}`,
    '',
    `${TENANTS} tenants of N documents each; median of ${REPS} calls. Command: \`npm run bench:lookups\`.`,
    '',
    '| N per tenant | findOne {tenantId, _id} | findOneById ({_id}) | find {tenantId, _id $in 50} | findByIds ({_id $in 50}) | first page sorted (50) |',
    '|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.size} | ${ms(r.tenantOne)} | ${ms(r.idOne)} | ${ms(r.tenantFifty)} | ${ms(r.idFifty)} | ${ms(r.sortedPage)} |`),
    '',
    rows.length > 1
      ? `Growth ${first.size} → ${last.size}: {tenantId,_id} ×${(last.tenantOne / first.tenantOne).toFixed(1)}, _id first ×${(last.idOne / first.idOne).toFixed(1)}; $in 50 with tenant ×${(last.tenantFifty / first.tenantFifty).toFixed(1)}, _id first ×${(last.idFifty / first.idFifty).toFixed(1)}; sorted page ×${(last.sortedPage / first.sortedPage).toFixed(1)} (the local engine sorts in memory whatever the index; on MongoDB the index check of \`npm test\` proves an index serves it).`
      : '',
    '',
  ];
  const out = path.resolve(__dirname, '..', '..', 'bench-results', 'store-lookups.md');
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, lines.join('\n'));
  console.log(lines.join('\n'));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
