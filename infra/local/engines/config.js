'use strict';
/** Layout, profiles and tunables of the local engines (see ../engines.js). */

const path = require('path');

const ROOT = path.resolve(__dirname, '../../..');
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
  kafka: path.join(__dirname, '..', 'kafka', 'pom.xml'),
  mongo: path.join(__dirname, '..', 'mongo', 'pom.xml'),
};
const LAUNCHER_SOURCES = ['MongoWireServer.java', 'CompactMemoryBackend.java', 'EqualityIndex.java', 'ParentWatch.java'].map((f) =>
  path.join(__dirname, '..', f),
);

const KAFKA_READY_TIMEOUT_MS = 90_000;
const MONGO_READY_TIMEOUT_MS = 60_000;
/** How long a port that accepts TCP may take to answer the protocol before we call it foreign. */
const REUSE_PROBE_TIMEOUT_MS = 15_000;
const POLL_MS = 250;
const STOP_TIMEOUT_MS = 30_000;

const KAFKA_JVM = ['-Xms64m', '-Xmx512m', '-XX:+UseSerialGC', '-XX:+ExitOnOutOfMemoryError', '-Djava.awt.headless=true'];
// VINCULO_MONGO_HEAP (e.g. 8g for npm run bench:scale) overrides -Xmx through profileJvm below.
const MONGO_JVM = ['-Xms32m', '-Xmx384m', '-XX:+UseSerialGC', '-XX:+ExitOnOutOfMemoryError'];

/**
 * What the dev profile (`npm start`) adds after KAFKA_JVM / MONGO_JVM (the JVM takes the last of a
 * repeated flag), so the whole local stack idles under 1.2 GiB (measured with `npm run bench:memory`):
 * smaller heaps that hand freed memory back (SerialGC shrinks only with a low MaxHeapFreeRatio), C1
 * only (the C2 compiler's threads and code cache cost ~40 MiB for throughput a laptop does not need),
 * a bounded metaspace, small thread stacks (Kafka runs ~70 threads). The test profile keeps the
 * defaults the suite and the scale bench need. VINCULO_KAFKA_HEAP / VINCULO_MONGO_HEAP set the heap
 * (-Xmx) in either profile; VINCULO_ENGINE_JVM_OPTS appends flags to both engines (last wins).
 */
const LEAN_JVM = [
  '-XX:TieredStopAtLevel=1',
  '-XX:ReservedCodeCacheSize=48m',
  '-XX:MaxMetaspaceSize=128m',
  '-Xss512k',
  '-XX:MinHeapFreeRatio=10',
  '-XX:MaxHeapFreeRatio=30',
  '-XX:MaxDirectMemorySize=64m',
];
const LEAN_HEAP = { kafka: '256m', mongo: '256m' };

/** The JVM flags of an engine in a profile, after KAFKA_JVM / MONGO_JVM (pure: env is passed in). */
function profileJvm(profile, engine, env = process.env) {
  const heapVar = engine === 'kafka' ? 'VINCULO_KAFKA_HEAP' : 'VINCULO_MONGO_HEAP';
  const heap = env[heapVar] || (profile === 'dev' ? LEAN_HEAP[engine] : undefined);
  const extra = (env.VINCULO_ENGINE_JVM_OPTS || '').split(' ').filter(Boolean);
  return [...(profile === 'dev' ? LEAN_JVM : []), ...(heap ? [`-Xmx${heap}`] : []), ...extra];
}

const MONGO_BACKENDS = ['memory', 'compact', 'h2'];

/**
 * The Mongo backend of a profile; VINCULO_MONGO_BACKEND overrides it (pure: env is passed in). `compact`
 * is the memory backend with shared strings and equality indexes (infra/local/CompactMemoryBackend.java):
 * about half the heap per document and no scan for a `find` that pins an index's leading fields, so
 * `npm run bench:scale` holds and serves a tenant of 100k customers.
 */
function mongoBackendFor(profile, env = process.env) {
  const wanted = env.VINCULO_MONGO_BACKEND || PROFILES[profile].mongoBackend;
  if (!MONGO_BACKENDS.includes(wanted)) throw new Error(`VINCULO_MONGO_BACKEND must be one of ${MONGO_BACKENDS.join(', ')}, not ${JSON.stringify(wanted)}`);
  return wanted;
}

const INSTALL_HINT =
  'Install a JDK 17+ and Maven (Debian/Ubuntu: `apt-get install openjdk-17-jdk-headless maven`), ' +
  'or use real clusters by setting MONGODB_URI and KAFKA_BROKERS (comma-separated host:port list).';

const defaultLog = (msg) => console.error(`[engines] ${msg}`);

module.exports = {
  ROOT,
  CACHE,
  ENGINES,
  M2,
  DATA,
  LOCKS,
  HOST,
  PROFILES,
  ENGINE_POMS,
  LAUNCHER_SOURCES,
  KAFKA_READY_TIMEOUT_MS,
  MONGO_READY_TIMEOUT_MS,
  REUSE_PROBE_TIMEOUT_MS,
  POLL_MS,
  STOP_TIMEOUT_MS,
  KAFKA_JVM,
  MONGO_JVM,
  LEAN_JVM,
  profileJvm,
  mongoBackendFor,
  INSTALL_HINT,
  defaultLog,
};
