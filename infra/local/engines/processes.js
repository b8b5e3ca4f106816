'use strict';
/** The engines as child JVMs of this process: start under ParentWatch, stop gracefully. */

const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');
const { ROOT, STOP_TIMEOUT_MS } = require('./config');
const { waitUntilAnswering } = require('./probes');

/** Engines this process started and that have not exited: killed best-effort when we exit. */
const running = new Set();
process.on('exit', () => {
  for (const h of running) {
    try {
      h.child.kill('SIGTERM');
    } catch {
      /* already gone */
    }
  }
});

/**
 * Starts a JVM engine as a (non-detached) child. Its stdout/stderr go to `outFile`; its stdin is a
 * pipe that ParentWatch watches, so the engine also goes away if this process dies by SIGKILL.
 * The child and pipe are unref'd: a caller that forgets stop() can still exit, and the 'exit'
 * hook above plus ParentWatch then take the engine down.
 */
function spawnEngine({ name, jvmArgs, mainClass, args, classpath, outFile, logFiles }) {
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  const fd = fs.openSync(outFile, 'a');
  fs.writeSync(fd, `\n=== ${new Date().toISOString()} starting ${name} (parent pid ${process.pid}) ===\n`);
  const child = spawn('java', [...jvmArgs, '-Dparentwatch.stdin=true', '-cp', classpath, 'ParentWatch', mainClass, ...args], {
    cwd: ROOT,
    stdio: ['pipe', fd, fd],
  });
  fs.closeSync(fd); // the child holds its own copy
  const handle = { name, child, pid: child.pid, logFiles, exit: null, startedAt: Date.now() };
  handle.exited = new Promise((resolve) => {
    const finish = (exit) => {
      if (handle.exit) return;
      handle.exit = exit;
      running.delete(handle);
      resolve(exit);
    };
    child.on('exit', (code, signal) => finish({ code, signal }));
    child.on('error', (err) => finish({ code: null, signal: null, error: err }));
  });
  child.stdin.on('error', () => {}); // EPIPE once the engine is gone
  child.unref();
  child.stdin.unref();
  running.add(handle);
  return handle;
}

/** SIGTERM, wait for exit, SIGKILL after STOP_TIMEOUT_MS. */
async function stopEngine(handle, log) {
  if (handle.exit) return;
  log(`stopping ${handle.name} (pid ${handle.pid}) ...`);
  const t0 = Date.now();
  handle.child.kill('SIGTERM');
  let timer;
  const timedOut = await Promise.race([
    handle.exited.then(() => false),
    new Promise((resolve) => {
      timer = setTimeout(resolve, STOP_TIMEOUT_MS, true);
    }),
  ]);
  clearTimeout(timer); // a pending 30 s timer would keep the caller's process alive
  if (timedOut) {
    log(`${handle.name} did not stop within ${STOP_TIMEOUT_MS / 1000} s; killing it`);
    handle.child.kill('SIGKILL');
    await handle.exited;
  }
  log(`${handle.name} stopped in ${Date.now() - t0} ms`);
}

/**
 * Waits until an engine we started answers its protocol, and stops it when it never does (nothing
 * half-started is left behind); logs how long the start took.
 */
async function untilReady(handle, { answers, timeoutMs, where, startedAt, log }) {
  try {
    await waitUntilAnswering({ what: handle.name, answers, timeoutMs, handle });
  } catch (e) {
    await stopEngine(handle, () => {});
    throw e;
  }
  log(`${handle.name} ready on ${where} in ${Date.now() - startedAt} ms`);
  return handle;
}

module.exports = { spawnEngine, stopEngine, untilReady };
