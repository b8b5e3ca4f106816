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
const LAUNCHER_SOURCES = [
  path.join(__dirname, '..', 'MongoWireServer.java'),
  path.join(__dirname, '..', 'ParentWatch.java'),
];

const KAFKA_READY_TIMEOUT_MS = 90_000;
const MONGO_READY_TIMEOUT_MS = 60_000;
/** How long a port that accepts TCP may take to answer the protocol before we call it foreign. */
const REUSE_PROBE_TIMEOUT_MS = 15_000;
const POLL_MS = 250;
const STOP_TIMEOUT_MS = 30_000;

const KAFKA_JVM = ['-Xms64m', '-Xmx512m', '-XX:+UseSerialGC', '-XX:+ExitOnOutOfMemoryError', '-Djava.awt.headless=true'];
// VINCULO_MONGO_HEAP (e.g. 8g) raises the in-memory engine's heap for a large tenant (npm run bench:scale).
const MONGO_JVM = ['-Xms32m', `-Xmx${process.env.VINCULO_MONGO_HEAP ?? '384m'}`, '-XX:+UseSerialGC', '-XX:+ExitOnOutOfMemoryError'];

const INSTALL_HINT =
  'Install a JDK 17+ and Maven (Debian/Ubuntu: `apt-get install openjdk-17-jdk-headless maven`), ' +
  'or use real clusters by setting MONGODB_URI and KAFKA_BROKERS (comma-separated host:port list).';

const defaultLog = (msg) => console.error(`[engines] ${msg}`);

module.exports = {
  ROOT, CACHE, ENGINES, M2, DATA, LOCKS, HOST, PROFILES, ENGINE_POMS, LAUNCHER_SOURCES,
  KAFKA_READY_TIMEOUT_MS, MONGO_READY_TIMEOUT_MS, REUSE_PROBE_TIMEOUT_MS, POLL_MS, STOP_TIMEOUT_MS,
  KAFKA_JVM, MONGO_JVM, INSTALL_HINT, defaultLog,
};
