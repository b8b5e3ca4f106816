'use strict';
/** Kafka (KRaft, one node): its files, configuration, formatting and start. */

const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const { ROOT, DATA, HOST, PROFILES, KAFKA_JVM, KAFKA_READY_TIMEOUT_MS, profileJvm } = require('./config');
const { tailFiles, runToLog } = require('./util');
const { libDir, LAUNCHER_CLASSES } = require('./provision');
const { kafkaAnswers } = require('./probes');
const { spawnEngine, untilReady } = require('./processes');

/**
 * A cluster id is 16 random bytes in unpadded base64url, as `StorageTool random-uuid` prints; making
 * it here saves one JVM start. Like Kafka's Uuid, never one starting with '-': the tool's argument
 * parser would take it for an option (1 start in 64 failed that way).
 */
function newClusterId(random = () => crypto.randomBytes(16)) {
  let clusterId;
  do clusterId = random().toString('base64url');
  while (clusterId.startsWith('-'));
  return clusterId;
}

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
  return (
    Object.entries(props)
      .map(([k, v]) => `${k}=${v}`)
      .join('\n') + '\n'
  );
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
  const clusterId = newClusterId();
  const t0 = Date.now();
  const code = await runToLog(
    'java',
    [
      // C1 only: a one-shot tool never runs long enough to profit from C2 (~0.1 s faster here;
      // not used for the broker, where it would cost throughput)
      ...KAFKA_JVM,
      '-XX:TieredStopAtLevel=1',
      `-Dlog4j.configuration=file:${log4jFile}`,
      '-cp',
      kafkaClasspath(),
      'kafka.tools.StorageTool',
      'format',
      '--ignore-formatted',
      '-t',
      clusterId,
      '-c',
      propsFile,
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
    jvmArgs: [...KAFKA_JVM, ...profileJvm(profile, 'kafka'), `-Dlog4j.configuration=file:${log4jFile}`, `-Dkafka.logs.dir=${home.dir}`],
    mainClass: 'kafka.Kafka',
    args: [propsFile],
    classpath: kafkaClasspath(),
    outFile: home.outLog,
    logFiles: [home.outLog, home.serverLog],
  });
  log(`kafka starting (pid ${handle.pid}) on ${HOST}:${port}, controller ${controllerPort}, dir ${path.relative(ROOT, home.dir)}`);
  return untilReady(handle, { answers: () => kafkaAnswers(port), timeoutMs: KAFKA_READY_TIMEOUT_MS, where: `${HOST}:${port}`, startedAt: t0, log });
}

module.exports = { instanceSuffix, kafkaHome, kafkaServerProperties, kafkaLog4jProperties, newClusterId, startKafka };
