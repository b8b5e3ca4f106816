'use strict';
const { readFileSync } = require('node:fs');
const path = require('node:path');
const { stopPids } = require('../infra/local/stack');

module.exports = async function globalTeardown() {
  const { engines, stack, mail } = globalThis.__VINCULO__ ?? {};
  await stack?.stop();
  await mail?.stop();
  // Subgraphs a test killed and started again (restartSubgraph) are not the stack's children: their
  // pids replaced the originals in test-stack.json.
  const ours = new Set((stack?.children ?? []).map((p) => p.child.pid));
  try {
    const { pids = {} } = JSON.parse(readFileSync(path.resolve(__dirname, '..', '.cache', 'run', 'test-stack.json'), 'utf8'));
    await stopPids(Object.values(pids).filter((pid) => !ours.has(pid)));
  } catch (err) {
    if (err.code !== 'ENOENT') throw err;
  }
  await engines?.stop();
};
