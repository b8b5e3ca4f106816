#!/usr/bin/env node
'use strict';
// The index check (issue #18): every query shape the services issued during the test suite
// (recorded by the kit when VINCULO_QUERY_SHAPES is set, see services/common/src/mongo/query-shapes.ts)
// must be served by an index its collection declares — on MongoDB, at any tenant size. `npm test`
// runs it after jest. Exit 0 when every shape is served (or allowed with a reason in
// test/query-shapes-allowed.json), 1 otherwise, 2 when nothing was recorded.
//   node scripts/query-shapes.js [file]        (default .cache/run/query-shapes.jsonl)

const { existsSync, readFileSync } = require('node:fs');
const path = require('node:path');
const { supportingIndex } = require('../services/common/dist/mongo/query-shapes');

const ROOT = path.resolve(__dirname, '..');
const file = process.argv[2] ?? path.join(ROOT, '.cache', 'run', 'query-shapes.jsonl');
const allowedFile = path.join(ROOT, 'test', 'query-shapes-allowed.json');

if (!existsSync(file)) {
  console.error(`[query-shapes] no shapes recorded at ${path.relative(ROOT, file)} (run the integration tests first)`);
  process.exit(2);
}

const indexes = new Map(); // service/collection → declared indexes (union over processes)
const shapes = new Map(); // service/collection + shape → { service, collection, filter, sort, methods }
for (const line of readFileSync(file, 'utf8').split('\n')) {
  if (!line.trim()) continue;
  const r = JSON.parse(line);
  const where = `${r.service}/${r.collection}`;
  if (r.kind === 'indexes') {
    const known = indexes.get(where) ?? [];
    for (const ix of r.indexes) if (!known.some((k) => JSON.stringify(k.key) === JSON.stringify(ix.key))) known.push(ix);
    indexes.set(where, known);
  } else {
    const key = `${where} ${JSON.stringify(r.filter)} ${JSON.stringify(r.sort)}`;
    const s = shapes.get(key) ?? { service: r.service, collection: r.collection, filter: r.filter, sort: r.sort, methods: new Set() };
    s.methods.add(r.method);
    shapes.set(key, s);
  }
}

const allowed = existsSync(allowedFile) ? JSON.parse(readFileSync(allowedFile, 'utf8')).allowed : [];
const isAllowed = (s) =>
  allowed.find(
    (a) =>
      (a.service === undefined || a.service === s.service) &&
      a.collection === s.collection &&
      JSON.stringify(Object.keys(a.filter).sort()) === JSON.stringify(Object.keys(s.filter).sort()) &&
      Object.entries(a.filter).every(([f, u]) => s.filter[f] === u),
  );

const unserved = [];
let served = 0;
let allowedCount = 0;
for (const s of shapes.values()) {
  if (supportingIndex(s, indexes.get(`${s.service}/${s.collection}`) ?? [])) served++;
  else if (isAllowed(s)) allowedCount++;
  else unserved.push(s);
}

console.log(`[query-shapes] ${shapes.size} distinct shapes: ${served} served by an index, ${allowedCount} allowed without one, ${unserved.length} unserved`);
for (const s of unserved) {
  const known = (indexes.get(`${s.service}/${s.collection}`) ?? []).map((i) => JSON.stringify(Object.fromEntries(i.key))).join(' ');
  console.log(
    `  ${s.service}/${s.collection} ${[...s.methods].join(',')} filter ${JSON.stringify(s.filter)} sort ${JSON.stringify(s.sort)}\n    declared: ${known || '(none)'}`,
  );
}
process.exit(unserved.length ? 1 : 0);
