#!/usr/bin/env node
'use strict';
/**
 * Local engines for Vínculo: a real Apache Kafka broker (KRaft, single node) and a
 * MongoDB-wire server (mongo-java-server), both fetched from Maven Central into the
 * git-ignored cache <repo>/.cache and run as child JVMs of the caller.
 *
 *   const { ensureEngines } = require('./infra/local/engines');
 *   const { mongoUri, kafkaBrokers, stop } = await ensureEngines({ profile: 'test' });
 *
 *   node infra/local/engines.js up [--profile dev|test]   # start or reuse, stay in foreground
 *   node infra/local/engines.js fetch                     # only download / compile
 *   node infra/local/engines.js status                    # what answers on the ports
 *
 * Real clusters instead: set MONGODB_URI and/or KAFKA_BROKERS (comma-separated); each one
 * that is set is returned as is and that engine is not started. See README.md beside this file.
 *
 * Plain CommonJS on purpose: it runs before anything in the monorepo is built.
 */

const fs = require('fs');
const net = require('net');
const path = require('path');
const crypto = require('crypto');
const { spawn, spawnSync } = require('child_process');

// ---------------------------------------------------------------------------------------------
// Layout and constants
// ---------------------------------------------------------------------------------------------

const ROOT = path.resolve(__dirname, '../..');
const CACHE = path.join(ROOT, '.cache');
const ENGINES = path.join(CACHE, 'engines'); // downloaded jars + compiled launchers
const M2 = path.join(CACHE, 'm2'); // private Maven repository, never ~/.m2
const DATA = path.join(CACHE, 'data'); // per-profile engine data and logs
const LOCKS = path.join(CACHE, 'locks'); // cross-process start/fetch locks

const HOST = '127.0.0.1';

const PROFILES = {
  // dev: persistent, so demo data survives restarts
  dev: { mongoPort: 27027, kafkaPort: 19092, mongoBackend: 'h2', freshKafka: false },
  // test: throwaway, every start of the engines begins empty
  test: { mongoPort: 27127, kafkaPort: 19192, mongoBackend: 'memory', freshKafka: true },
};

/** The dependency-only poms that define each engine's classpath (kept separate on purpose). */
const ENGINE_POMS = {
  kafka: path.join(__dirname, 'kafka', 'pom.xml'),
  mongo: path.join(__dirname, 'mongo', 'pom.xml'),
};
const LAUNCHER_SOURCES = [
  path.join(__dirname, 'MongoWireServer.java'),
  path.join(__dirname, 'ParentWatch.java'),
];

const KAFKA_READY_TIMEOUT_MS = 90_000;
const MONGO_READY_TIMEOUT_MS = 60_000;
/** How long a port that accepts TCP may take to answer the protocol before we call it foreign. */
const REUSE_PROBE_TIMEOUT_MS = 15_000;
const POLL_MS = 250;
const STOP_TIMEOUT_MS = 30_000;

const KAFKA_JVM = ['-Xms64m', '-Xmx512m', '-XX:+UseSerialGC', '-XX:+ExitOnOutOfMemoryError', '-Djava.awt.headless=true'];
const MONGO_JVM = ['-Xms32m', '-Xmx384m', '-XX:+UseSerialGC', '-XX:+ExitOnOutOfMemoryError'];

const INSTALL_HINT =
  'Install a JDK 17+ and Maven (Debian/Ubuntu: `apt-get install openjdk-17-jdk-headless maven`), ' +
  'or use real clusters by setting MONGODB_URI and KAFKA_BROKERS (comma-separated host:port list).';

const defaultLog = (msg) => console.error(`[engines] ${msg}`);

// ---------------------------------------------------------------------------------------------
// Small utilities
// ---------------------------------------------------------------------------------------------

/** Poll interval only; readiness is always decided by a real probe, never by waiting. */
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const sha256 = (...parts) => {
  const h = crypto.createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex');
};

function readIfExists(file) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/** Last `lines` lines of each existing file, labelled, for error messages. */
function tailFiles(files, lines = 40) {
  return files
    .map((f) => {
      const text = readIfExists(f);
      if (text === null || text.trim() === '') return null;
      // Java stack frames push the useful lines (the exception messages) out of a short tail.
      const useful = text.trimEnd().split('\n').filter((l) => !/^\s+(at |\.\.\. \d+ more)/.test(l));
      const tail = useful.slice(-lines).join('\n');
      return `--- last lines of ${path.relative(ROOT, f)} ---\n${tail}`;
    })
    .filter(Boolean)
    .join('\n');
}

function isPidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM'; // exists, owned by someone else
  }
}

/**
 * Runs fn while holding a cross-process lock file (O_EXCL create holding our pid). Used so that
 * two processes calling ensureEngines at once do not both download, or both start an engine on
 * the same port: the second waits for the first, then finds the engine answering and reuses it.
 * A lock whose holder pid is dead is stale and taken over.
 */
async function withLock(name, timeoutMs, fn) {
  fs.mkdirSync(LOCKS, { recursive: true });
  const file = path.join(LOCKS, `${name}.lock`);
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

/** Runs a command to completion with stdout+stderr appended to logFile. Resolves to the exit code. */
function runToLog(cmd, args, logFile) {
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const fd = fs.openSync(logFile, 'a');
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', fd, fd] });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  }).finally(() => fs.closeSync(fd));
}

// ---------------------------------------------------------------------------------------------
// Prerequisites
// ---------------------------------------------------------------------------------------------

function commandOutput(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.error) return null; // ENOENT: not installed
  return `${r.stdout || ''}${r.stderr || ''}`;
}

/** Throws one clear error unless java 17+ and, when there is something to build or fetch, javac and mvn are on PATH. */
function checkTools({ needMaven, needJavac }) {
  const missing = [];
  const javaVersion = commandOutput('java', ['-version']);
  if (javaVersion === null) missing.push('java');
  if (needJavac && commandOutput('javac', ['-version']) === null) missing.push('javac');
  if (needMaven && commandOutput('mvn', ['-v']) === null) missing.push('mvn');
  if (missing.length) {
    throw new Error(`Local engines need ${missing.join(', ')}, which ${missing.length > 1 ? 'are' : 'is'} not on PATH. ${INSTALL_HINT}`);
  }
  const m = /version "(\d+)/.exec(javaVersion);
  if (m && Number(m[1]) < 17) {
    throw new Error(`Local engines need Java 17 or newer; found: ${javaVersion.split('\n')[0]}. ${INSTALL_HINT}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Provisioning: Maven Central -> .cache/engines/<engine>/lib, launchers -> .cache/engines/launchers
// ---------------------------------------------------------------------------------------------

const libDir = (engine) => path.join(ENGINES, engine, 'lib');
const LAUNCHER_CLASSES = path.join(ENGINES, 'launchers', 'classes');

/** The marker records the pom's hash: a changed pom (new version) triggers a clean re-download. */
function libMarker(engine) {
  return { file: path.join(ENGINES, engine, 'lib.complete'), stamp: sha256(fs.readFileSync(ENGINE_POMS[engine])) };
}

function libIsComplete(engine) {
  const { file, stamp } = libMarker(engine);
  return readIfExists(file) === stamp;
}

async function fetchEngine(engine, log) {
  if (libIsComplete(engine)) return;
  const started = Date.now();
  const lib = libDir(engine);
  const logFile = path.join(ENGINES, engine, 'fetch.log');
  log(`downloading ${engine} from Maven Central into ${path.relative(ROOT, lib)} ...`);
  fs.rmSync(lib, { recursive: true, force: true }); // no stale jars from an older version
  fs.rmSync(logFile, { force: true });
  const code = await runToLog(
    'mvn',
    [
      '-q', '-B',
      '-f', ENGINE_POMS[engine],
      'dependency:copy-dependencies',
      // absolute: Maven resolves a relative outputDirectory against the pom's folder
      `-DoutputDirectory=${lib}`,
      `-Dmaven.repo.local=${M2}`,
    ],
    logFile,
  );
  if (code !== 0 || !fs.existsSync(lib) || fs.readdirSync(lib).length === 0) {
    throw new Error(`downloading ${engine} failed (mvn exit ${code}).\n${tailFiles([logFile])}`);
  }
  const { file, stamp } = libMarker(engine);
  fs.writeFileSync(file, stamp);
  log(`${engine} downloaded in ${Date.now() - started} ms`);
}

const launcherMarker = () => ({
  file: path.join(ENGINES, 'launchers', 'classes.complete'),
  stamp: sha256(...LAUNCHER_SOURCES.map((f) => fs.readFileSync(f))),
});
const launchersAreCompiled = () => readIfExists(launcherMarker().file) === launcherMarker().stamp;

/**
 * Compiles MongoWireServer.java and ParentWatch.java once into the cache (measured: a compiled
 * Mongo launcher is ready in ~0.25 s, the single-file source launcher in ~0.7 s).
 */
async function compileLaunchers(log) {
  const { file: marker, stamp } = launcherMarker();
  if (readIfExists(marker) === stamp) return;
  log('compiling the engine launchers ...');
  fs.rmSync(LAUNCHER_CLASSES, { recursive: true, force: true });
  fs.mkdirSync(LAUNCHER_CLASSES, { recursive: true });
  const logFile = path.join(ENGINES, 'launchers', 'javac.log');
  fs.rmSync(logFile, { force: true });
  const code = await runToLog(
    'javac',
    ['-nowarn', '-d', LAUNCHER_CLASSES, '-cp', path.join(libDir('mongo'), '*'), ...LAUNCHER_SOURCES],
    logFile,
  );
  if (code !== 0) throw new Error(`compiling the engine launchers failed.\n${tailFiles([logFile])}`);
  fs.writeFileSync(marker, stamp);
}

/**
 * Makes sure the given engines' jars and the launchers are in the cache. The Mongo jars are
 * always fetched because the launchers compile against them. Safe to call from several
 * processes at once.
 */
async function fetchEngines({ engines = ['kafka', 'mongo'], log = defaultLog } = {}) {
  const wanted = [...new Set(['mongo', ...engines])];
  const needMaven = wanted.some((e) => !libIsComplete(e));
  checkTools({ needMaven, needJavac: !launchersAreCompiled() });
  await withLock('fetch', 10 * 60_000, async () => {
    for (const engine of wanted) await fetchEngine(engine, log);
    await compileLaunchers(log);
  });
}

// ---------------------------------------------------------------------------------------------
// Probes
// ---------------------------------------------------------------------------------------------

/** True when something accepts a TCP connection: cheap pre-check before protocol probes. */
function tcpOpen(host, port, timeoutMs = 500) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

function loadMongodb() {
  try {
    return require('mongodb');
  } catch {
    // In this monorepo the driver is installed as mongoose's own dependency.
    return require(require.resolve('mongodb', { paths: [path.dirname(require.resolve('mongoose'))] }));
  }
}

/** Resolves true when `ping` answers. No serverApi: mongo-java-server answers `ismaster`, not `hello`. */
async function probeMongo(uri, timeoutMs = 1500) {
  const { MongoClient } = loadMongodb();
  const client = new MongoClient(uri, {
    directConnection: true,
    serverSelectionTimeoutMS: timeoutMs,
    connectTimeoutMS: timeoutMs,
    socketTimeoutMS: timeoutMs,
  });
  try {
    await client.connect();
    await client.db('admin').admin().command({ ping: 1 });
    return true;
  } catch {
    return false;
  } finally {
    await client.close().catch(() => {});
  }
}

/** Resolves to describeCluster()'s answer when a Kafka broker answers on `broker`, else null. */
async function probeKafka(broker, timeoutMs = 2000) {
  const { Kafka, logLevel } = require('kafkajs');
  const kafka = new Kafka({
    clientId: 'vinculo-engines-probe',
    brokers: [broker],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1000,
    requestTimeout: timeoutMs,
    retry: { retries: 0 },
  });
  const admin = kafka.admin({ retry: { retries: 0 } });
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    return cluster.brokers.length > 0 ? cluster : null;
  } catch {
    return null;
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

const kafkaAnswers = async (port) => (await tcpOpen(HOST, port)) && (await probeKafka(`${HOST}:${port}`)) !== null;
const mongoAnswers = async (port) => (await tcpOpen(HOST, port)) && probeMongo(`mongodb://${HOST}:${port}`);

/**
 * Polls `answers()` every POLL_MS until it resolves true. Fails at the deadline, or at once if
 * `handle` (an engine we started) has exited, with the tail of that engine's logs.
 */
async function waitUntilAnswering({ what, answers, timeoutMs, handle }) {
  const deadline = Date.now() + timeoutMs;
  const logs = () => (handle ? `\n${tailFiles(handle.logFiles)}` : '');
  for (;;) {
    if (handle && handle.exit) {
      throw new Error(`${what} exited (${handle.exit.signal || `code ${handle.exit.code}`}) before it was ready.${logs()}`);
    }
    if (await answers()) return;
    if (Date.now() > deadline) throw new Error(`${what} did not answer within ${timeoutMs / 1000} s.${logs()}`);
    await Promise.race([pause(POLL_MS), handle ? handle.exited : new Promise(() => {})]);
  }
}

// ---------------------------------------------------------------------------------------------
// Child processes
// ---------------------------------------------------------------------------------------------

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
  const child = spawn(
    'java',
    [...jvmArgs, '-Dparentwatch.stdin=true', '-cp', classpath, 'ParentWatch', mainClass, ...args],
    { cwd: ROOT, stdio: ['pipe', fd, fd] },
  );
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
    new Promise((resolve) => { timer = setTimeout(resolve, STOP_TIMEOUT_MS, true); }),
  ]);
  clearTimeout(timer); // a pending 30 s timer would keep the caller's process alive
  if (timedOut) {
    log(`${handle.name} did not stop within ${STOP_TIMEOUT_MS / 1000} s; killing it`);
    handle.child.kill('SIGKILL');
    await handle.exited;
  }
  log(`${handle.name} stopped in ${Date.now() - t0} ms`);
}

// ---------------------------------------------------------------------------------------------
// Kafka
// ---------------------------------------------------------------------------------------------

/**
 * A persistent instance on a non-default port (VINCULO_*_PORT) is a separate instance with its
 * own files: two engines must never share a Kafka log dir or an H2 file (both are locked).
 */
const instanceSuffix = (profile, key, port) => (port === PROFILES[profile][key] ? '' : `-${port}`);

/**
 * Where a Kafka instance lives. `dir` holds the generated config and logs; `dir/data` is
 * log.dirs (kept separate because Kafka takes every folder in log.dirs for a topic-partition).
 */
function kafkaHome(profile, port) {
  const base = path.join(DATA, profile);
  const dir = PROFILES[profile].freshKafka
    ? path.join(base, `kafka-${port}-${Date.now()}`)
    : path.join(base, `kafka${instanceSuffix(profile, 'kafkaPort', port)}`);
  return { base, dir, dataDir: path.join(dir, 'data'), serverLog: path.join(dir, 'server.log'), outLog: path.join(dir, 'stdout.log') };
}

/** Test profile: remove earlier fresh dirs for this port (only called when no broker is on it). */
function removeOldKafkaDirs(home, port) {
  if (!fs.existsSync(home.base)) return;
  for (const name of fs.readdirSync(home.base)) {
    const full = path.join(home.base, name);
    if (name.startsWith(`kafka-${port}-`) && full !== home.dir) fs.rmSync(full, { recursive: true, force: true });
  }
}

function kafkaServerProperties({ port, controllerPort, dataDir }) {
  const props = {
    // KRaft, one process as both broker and controller
    'process.roles': 'broker,controller',
    'node.id': 1,
    'controller.quorum.voters': `1@${HOST}:${controllerPort}`,
    listeners: `PLAINTEXT://${HOST}:${port},CONTROLLER://${HOST}:${controllerPort}`,
    'advertised.listeners': `PLAINTEXT://${HOST}:${port}`,
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'listener.security.protocol.map': 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    'log.dirs': dataDir,
    // single node: every replication factor / ISR is 1
    'num.partitions': 3,
    'default.replication.factor': 1,
    'min.insync.replicas': 1,
    'offsets.topic.replication.factor': 1,
    'offsets.topic.num.partitions': 3, // default 50: far slower first group join on 2 cores
    'transaction.state.log.replication.factor': 1,
    'transaction.state.log.min.isr': 1,
    'transaction.state.log.num.partitions': 3,
    'group.initial.rebalance.delay.ms': 0, // default 3 s wait before the first rebalance
    'auto.create.topics.enable': true,
    'delete.topic.enable': true,
    // small footprint for a 2-core box (defaults: 3 network, 8 io, 10 background threads)
    'num.network.threads': 2,
    'num.io.threads': 4,
    'background.threads': 4,
    'num.recovery.threads.per.data.dir': 1,
    'log.cleaner.threads': 1,
    'log.cleaner.dedupe.buffer.size': 16 * 1024 * 1024, // default 128 MiB taken from a 512 MiB heap
    // the broker is unfenced after its first heartbeats are answered: heartbeat sooner (default 2 s)
    'broker.heartbeat.interval.ms': 500,
    // after an unclean stop (kill -9) the restarted broker cannot register until the old
    // session expires: 4.5 s instead of 9 s, still 9 missed heartbeats
    'broker.session.timeout.ms': 4500,
    // smaller segments keep the on-disk dev data small
    'log.segment.bytes': 64 * 1024 * 1024,
  };
  return Object.entries(props).map(([k, v]) => `${k}=${v}`).join('\n') + '\n';
}

function kafkaLog4jProperties(serverLog) {
  // Kafka 3.9 logs through slf4j -> reload4j (log4j 1.x configuration). To a file, never our stdout.
  return `${[
    'log4j.rootLogger=INFO, file',
    'log4j.appender.file=org.apache.log4j.RollingFileAppender',
    `log4j.appender.file.File=${serverLog}`,
    'log4j.appender.file.MaxFileSize=10MB',
    'log4j.appender.file.MaxBackupIndex=2',
    'log4j.appender.file.layout=org.apache.log4j.PatternLayout',
    'log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n',
    // chatty at INFO and of no use for local work
    'log4j.logger.kafka.request.logger=WARN',
    'log4j.logger.state.change.logger=WARN',
    'log4j.logger.kafka.log.LogCleaner=WARN',
    'log4j.logger.org.apache.kafka.storage.internals.log=WARN',
    'log4j.logger.kafka.log=WARN',
  ].join('\n')}\n`;
}

const kafkaClasspath = () => [path.join(libDir('kafka'), '*'), LAUNCHER_CLASSES].join(path.delimiter);

/** `StorageTool format` only when the log dir has no meta.properties yet (dev restarts keep theirs). */
async function formatKafkaIfNeeded(home, propsFile, log4jFile, log) {
  if (fs.existsSync(path.join(home.dataDir, 'meta.properties'))) return;
  // A cluster id is 16 random bytes in unpadded base64url, as `StorageTool random-uuid` prints;
  // making it here saves one JVM start. Like Kafka's Uuid, never one starting with '-': the tool's
  // argument parser would take it for an option (1 start in 64 failed that way).
  let clusterId;
  do clusterId = crypto.randomBytes(16).toString('base64url');
  while (clusterId.startsWith('-'));
  const t0 = Date.now();
  const code = await runToLog(
    'java',
    [
      // C1 only: a one-shot tool never runs long enough to profit from C2 (~0.1 s faster here;
      // not used for the broker, where it would cost throughput)
      ...KAFKA_JVM, '-XX:TieredStopAtLevel=1', `-Dlog4j.configuration=file:${log4jFile}`,
      '-cp', kafkaClasspath(),
      'kafka.tools.StorageTool', 'format', '--ignore-formatted', '-t', clusterId, '-c', propsFile,
    ],
    home.outLog,
  );
  if (code !== 0) throw new Error(`formatting the Kafka log dir failed (exit ${code}).\n${tailFiles([home.outLog, home.serverLog])}`);
  log(`kafka log dir ${path.relative(ROOT, home.dataDir)} formatted (cluster id ${clusterId}) in ${Date.now() - t0} ms`);
}

async function startKafka(profile, port, log) {
  const controllerPort = port + 1;
  const home = kafkaHome(profile, port);
  if (PROFILES[profile].freshKafka) removeOldKafkaDirs(home, port);
  fs.mkdirSync(home.dataDir, { recursive: true });
  const propsFile = path.join(home.dir, 'server.properties');
  const log4jFile = path.join(home.dir, 'log4j.properties');
  fs.writeFileSync(propsFile, kafkaServerProperties({ port, controllerPort, dataDir: home.dataDir }));
  fs.writeFileSync(log4jFile, kafkaLog4jProperties(home.serverLog));

  const t0 = Date.now();
  await formatKafkaIfNeeded(home, propsFile, log4jFile, log);
  const handle = spawnEngine({
    name: 'kafka',
    jvmArgs: [...KAFKA_JVM, `-Dlog4j.configuration=file:${log4jFile}`, `-Dkafka.logs.dir=${home.dir}`],
    mainClass: 'kafka.Kafka',
    args: [propsFile],
    classpath: kafkaClasspath(),
    outFile: home.outLog,
    logFiles: [home.outLog, home.serverLog],
  });
  log(`kafka starting (pid ${handle.pid}) on ${HOST}:${port}, controller ${controllerPort}, dir ${path.relative(ROOT, home.dir)}`);
  try {
    await waitUntilAnswering({ what: 'kafka', answers: () => kafkaAnswers(port), timeoutMs: KAFKA_READY_TIMEOUT_MS, handle });
  } catch (e) {
    await stopEngine(handle, () => {});
    throw e;
  }
  log(`kafka ready on ${HOST}:${port} in ${Date.now() - t0} ms`);
  return handle;
}

// ---------------------------------------------------------------------------------------------
// Mongo (mongo-java-server through infra/local/MongoWireServer.java)
// ---------------------------------------------------------------------------------------------

async function startMongo(profile, port, log) {
  const base = path.join(DATA, profile);
  const backend = PROFILES[profile].mongoBackend;
  const h2File = path.join(base, `mongo${instanceSuffix(profile, 'mongoPort', port)}.h2`);
  const outLog = path.join(base, `mongo-${port}.log`);
  fs.mkdirSync(base, { recursive: true });

  const t0 = Date.now();
  const handle = spawnEngine({
    name: 'mongo',
    jvmArgs: [
      ...MONGO_JVM,
      // slf4j-simple: warnings and errors only, with time stamps, into the log file
      '-Dorg.slf4j.simpleLogger.defaultLogLevel=warn',
      '-Dorg.slf4j.simpleLogger.showDateTime=true',
      // logs every client disconnect by RST at ERROR with a stack trace, and the Node driver's
      // close() disconnects that way: pure noise
      '-Dorg.slf4j.simpleLogger.log.de.bwaldvogel.mongo.wire.MongoExceptionHandler=off',
    ],
    mainClass: 'MongoWireServer',
    args: [
      '--host', HOST, '--port', String(port), '--backend', backend,
      ...(backend === 'h2' ? ['--file', h2File] : []),
      // change streams (collection.watch()) need mongo-java-server's oplog; opt-in
      ...(process.env.VINCULO_MONGO_OPLOG === '1' ? ['--oplog'] : []),
    ],
    classpath: [path.join(libDir('mongo'), '*'), LAUNCHER_CLASSES].join(path.delimiter),
    outFile: outLog,
    logFiles: [outLog],
  });
  log(`mongo starting (pid ${handle.pid}) on ${HOST}:${port}, ${backend} backend${backend === 'h2' ? ` at ${path.relative(ROOT, h2File)}` : ''}`);
  try {
    await waitUntilAnswering({ what: 'mongo', answers: () => mongoAnswers(port), timeoutMs: MONGO_READY_TIMEOUT_MS, handle });
  } catch (e) {
    await stopEngine(handle, () => {});
    throw e;
  }
  log(`mongo ready on ${HOST}:${port} in ${Date.now() - t0} ms`);
  return handle;
}

// ---------------------------------------------------------------------------------------------
// ensureEngines
// ---------------------------------------------------------------------------------------------

function portFromEnv(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65534) throw new Error(`${name}=${raw} is not a valid port`);
  return port;
}

function resolvePlan(profile) {
  if (!PROFILES[profile]) throw new Error(`unknown profile ${JSON.stringify(profile)}: use 'dev' or 'test'`);
  const brokersEnv = (process.env.KAFKA_BROKERS || '').split(',').map((s) => s.trim()).filter(Boolean);
  return {
    profile,
    mongoUri: process.env.MONGODB_URI || null,
    kafkaBrokers: brokersEnv.length ? brokersEnv : null,
    mongoPort: portFromEnv('VINCULO_MONGO_PORT', PROFILES[profile].mongoPort),
    kafkaPort: portFromEnv('VINCULO_KAFKA_PORT', PROFILES[profile].kafkaPort),
  };
}

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
        reuseOrStart({ engine: 'mongo', port: plan.mongoPort, answers: () => mongoAnswers(plan.mongoPort), start: () => startMongo(profile, plan.mongoPort, log), log })
          .then((h) => { if (h) handles.mongo = h; }),
      );
    }
    if (wantKafka) {
      tasks.push(
        reuseOrStart({ engine: 'kafka', port: plan.kafkaPort, answers: () => kafkaAnswers(plan.kafkaPort), start: () => startKafka(profile, plan.kafkaPort, log), log })
          .then((h) => { if (h) handles.kafka = h; }),
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

// ---------------------------------------------------------------------------------------------
// CLI
// ---------------------------------------------------------------------------------------------

const USAGE = `usage: node infra/local/engines.js <command> [--profile dev|test]

commands:
  up       start the local Kafka and Mongo engines (or reuse ones already answering) and stay
           in the foreground; Ctrl-C / SIGTERM stops what this command started
  fetch    only download the engines (Maven Central -> .cache/engines) and compile the launchers
  status   say what answers on each profile's ports
  help     this text

profiles: dev  (default) Mongo H2 on disk :27027, Kafka :19092, data kept in .cache/data/dev
          test Mongo in memory :27127, Kafka :19192 with a fresh log dir per start
env: VINCULO_MONGO_PORT, VINCULO_KAFKA_PORT override the ports; MONGODB_URI and/or
     KAFKA_BROKERS (comma-separated) use existing clusters instead of starting engines.`;

function parseArgs(argv) {
  const opts = { command: null, profile: 'dev' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h' || a === 'help') opts.command = 'help';
    else if (a === '--profile') opts.profile = argv[++i];
    else if (a.startsWith('--profile=')) opts.profile = a.slice('--profile='.length);
    else if (!a.startsWith('-') && !opts.command) opts.command = a;
    else throw new Error(`unknown argument ${a}\n\n${USAGE}`);
  }
  if (!PROFILES[opts.profile]) throw new Error(`unknown profile ${opts.profile}: use dev or test`);
  return opts;
}

async function cmdUp(profile) {
  const { engines, handles } = await startEngines({ profile });
  console.log(`MONGODB_URI=${engines.mongoUri}`);
  console.log(`KAFKA_BROKERS=${engines.kafkaBrokers.join(',')}`);
  const supervised = Object.values(handles);
  if (supervised.length === 0) {
    defaultLog('nothing was started by this command (all reused or external); exiting');
    return 0;
  }
  defaultLog(`supervising ${supervised.map((h) => `${h.name} (pid ${h.pid})`).join(', ')}; Ctrl-C to stop`);
  const keepAlive = setInterval(() => {}, 1 << 30); // the children are unref'd; stay up for them
  const reason = await new Promise((resolve) => {
    process.once('SIGINT', () => resolve({ signal: 'SIGINT' }));
    process.once('SIGTERM', () => resolve({ signal: 'SIGTERM' }));
    for (const h of supervised) h.exited.then((exit) => resolve({ died: h, exit }));
  });
  if (reason.died) {
    defaultLog(`${reason.died.name} exited unexpectedly (${reason.exit.signal || `code ${reason.exit.code}`})\n${tailFiles(reason.died.logFiles, 20)}`);
  }
  await engines.stop();
  clearInterval(keepAlive);
  return reason.died ? 1 : 0;
}

async function cmdStatus() {
  const rows = [];
  for (const profile of Object.keys(PROFILES)) {
    const plan = resolvePlan(profile);
    const cluster = (await tcpOpen(HOST, plan.kafkaPort)) ? await probeKafka(`${HOST}:${plan.kafkaPort}`) : null;
    rows.push(`${profile.padEnd(4)} kafka ${HOST}:${plan.kafkaPort}  ${cluster ? `answering (cluster ${cluster.clusterId}, ${cluster.brokers.length} broker)` : 'not answering'}`);
    const mongo = await mongoAnswers(plan.mongoPort);
    rows.push(`${profile.padEnd(4)} mongo ${HOST}:${plan.mongoPort}  ${mongo ? 'answering' : 'not answering'}`);
  }
  if (process.env.MONGODB_URI) rows.push(`env  MONGODB_URI=${process.env.MONGODB_URI}  ${(await probeMongo(process.env.MONGODB_URI, 3000)) ? 'answering' : 'not answering'}`);
  if (process.env.KAFKA_BROKERS) {
    const brokers = process.env.KAFKA_BROKERS.split(',').map((s) => s.trim()).filter(Boolean);
    rows.push(`env  KAFKA_BROKERS=${brokers.join(',')}  ${(await probeKafka(brokers[0], 3000)) ? 'answering' : 'not answering'}`);
  }
  console.log(rows.join('\n'));
  return 0;
}

async function main(argv) {
  const opts = parseArgs(argv);
  switch (opts.command) {
    case 'up':
      return cmdUp(opts.profile);
    case 'fetch':
      await fetchEngines({});
      defaultLog(`engines ready in ${path.relative(ROOT, ENGINES)}`);
      return 0;
    case 'status':
      return cmdStatus();
    case 'help':
      console.log(USAGE);
      return 0;
    default:
      console.error(USAGE);
      return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      console.error(`[engines] ${err.message}`);
      process.exit(1);
    },
  );
}

module.exports = {
  ensureEngines,
  fetchEngines,
  probeKafka,
  probeMongo,
  PROFILES,
  paths: { root: ROOT, cache: CACHE, engines: ENGINES, m2: M2, data: DATA },
};
