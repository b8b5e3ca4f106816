'use strict';
/** Protocol probes: does a Kafka broker / a MongoDB wire server answer on a port? */

const net = require('net');
const path = require('path');
const { HOST, POLL_MS } = require('./config');
const { pause, tailFiles } = require('./util');

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

module.exports = { tcpOpen, probeMongo, probeKafka, kafkaAnswers, mongoAnswers, waitUntilAnswering };
