'use strict';
/** The cross-process lock of the engines launcher (one download, one engine per port). */

const fs = require('fs');
const path = require('path');
const { LOCKS, ROOT, POLL_MS } = require('./config');
const { pause, readIfExists, isPidAlive } = require('./util');

/**
 * Runs fn while holding a cross-process lock file (O_EXCL create holding our pid). Used so that
 * two processes calling ensureEngines at once do not both download, or both start an engine on
 * the same port: the second waits for the first, then finds the engine answering and reuses it.
 * A lock whose holder pid is dead is stale and taken over.
 *
 * `dir` is where lock files live (the cache's locks folder; a temporary one in tests).
 */
async function withLock(name, timeoutMs, fn, { dir = LOCKS } = {}) {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.lock`);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      const holder = Number(readIfExists(file));
      if (!holder || !isPidAlive(holder)) {
        fs.rmSync(file, { force: true }); // stale: its process died without releasing it
        continue;
      }
      if (Date.now() > deadline) {
        throw new Error(`timed out waiting for lock ${path.relative(ROOT, file)} held by pid ${holder}`);
      }
      await pause(POLL_MS);
    }
  }
  try {
    return await fn();
  } finally {
    if (readIfExists(file) === String(process.pid)) fs.rmSync(file, { force: true });
  }
}

module.exports = { withLock };
