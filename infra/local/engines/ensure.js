'use strict';
/** ensureEngines: reuse what answers, start the rest (both JVMs in parallel), stop only what we started. */

const { HOST, KAFKA_READY_TIMEOUT_MS, REUSE_PROBE_TIMEOUT_MS, defaultLog } = require('./config');
const { withLock } = require('./lock');
const { fetchEngines } = require('./provision');
const { tcpOpen, kafkaAnswers, mongoAnswers, waitUntilAnswering } = require('./probes');
const { stopEngine } = require('./processes');
const { startKafka } = require('./kafka');
const { startMongo } = require('./mongo');
const { resolvePlan } = require('./plan');

/**
 * Reuses the engine if its port answers, else starts it; under a lock so that concurrent
 * callers end up sharing one engine. Resolves to the handle we started, or null if reused.
 */
async function reuseOrStart({ engine, port, answers, start, log }) {
  return withLock(`${engine}-${port}`, KAFKA_READY_TIMEOUT_MS + 60_000, async () => {
    if (await tcpOpen(HOST, port)) {
      // Something listens: it may be an engine still starting in another process. Give it time
      // to answer the protocol; if it never does, the port belongs to something else.
      try {
        await waitUntilAnswering({ what: `${engine} on ${HOST}:${port}`, answers, timeoutMs: REUSE_PROBE_TIMEOUT_MS });
      } catch {
        throw new Error(`port ${port} is in use but does not answer as ${engine}; free it or choose another port with VINCULO_${engine.toUpperCase()}_PORT`);
      }
      log(`${engine} already answering on ${HOST}:${port}; reusing it`);
      return null;
    }
    return start();
  });
}

/**
 * Internal form of ensureEngines that also hands back the child handles (used by the CLI to
 * notice an engine dying while it supervises).
 */
async function startEngines({ profile = 'dev', log = defaultLog } = {}) {
  const plan = resolvePlan(profile);
  const wantKafka = !plan.kafkaBrokers;
  const wantMongo = !plan.mongoUri;
  const handles = {};

  if (wantKafka || wantMongo) {
    await fetchEngines({ engines: [wantKafka && 'kafka', wantMongo && 'mongo'].filter(Boolean), log });
    const tasks = [];
    if (wantMongo) {
      tasks.push(
        reuseOrStart({
          engine: 'mongo',
          port: plan.mongoPort,
          answers: () => mongoAnswers(plan.mongoPort),
          start: () => startMongo(profile, plan.mongoPort, log),
          log,
        }).then((h) => {
          if (h) handles.mongo = h;
        }),
      );
    }
    if (wantKafka) {
      tasks.push(
        reuseOrStart({
          engine: 'kafka',
          port: plan.kafkaPort,
          answers: () => kafkaAnswers(plan.kafkaPort),
          start: () => startKafka(profile, plan.kafkaPort, log),
          log,
        }).then((h) => {
          if (h) handles.kafka = h;
        }),
      );
    }
    // Both JVMs start in parallel; if either fails, stop whatever did start before rethrowing.
    const results = await Promise.allSettled(tasks);
    const failure = results.find((r) => r.status === 'rejected');
    if (failure) {
      await Promise.all(Object.values(handles).map((h) => stopEngine(h, log)));
      throw failure.reason;
    }
  } else {
    log('MONGODB_URI and KAFKA_BROKERS are set: using those clusters, starting nothing');
  }

  let stopping = null;
  const engines = {
    mongoUri: plan.mongoUri || `mongodb://${HOST}:${plan.mongoPort}`,
    kafkaBrokers: plan.kafkaBrokers || [`${HOST}:${plan.kafkaPort}`],
    // Stops only what this call started; idempotent.
    stop: () => (stopping ??= Promise.all(Object.values(handles).map((h) => stopEngine(h, log))).then(() => {})),
    started: { kafka: Boolean(handles.kafka), mongo: Boolean(handles.mongo) },
    pids: Object.fromEntries(Object.entries(handles).map(([k, h]) => [k, h.pid])),
  };
  return { engines, handles };
}

/**
 * Starts (or reuses) the local engines for a profile.
 * @param {{ profile?: 'dev'|'test', log?: (msg: string) => void }} [options]
 * @returns {Promise<{ mongoUri: string, kafkaBrokers: string[], stop: () => Promise<void>,
 *   started: { kafka: boolean, mongo: boolean }, pids: { kafka?: number, mongo?: number } }>}
 */
async function ensureEngines(options = {}) {
  return (await startEngines(options)).engines;
}

module.exports = { startEngines, ensureEngines };
