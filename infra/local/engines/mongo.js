'use strict';
/** mongo-java-server through infra/local/MongoWireServer.java. */

const fs = require('fs');
const path = require('path');
const { ROOT, DATA, HOST, MONGO_JVM, MONGO_READY_TIMEOUT_MS, profileJvm, mongoBackendFor } = require('./config');
const { libDir, LAUNCHER_CLASSES } = require('./provision');
const { mongoAnswers } = require('./probes');
const { spawnEngine, untilReady } = require('./processes');
const { instanceSuffix } = require('./kafka');

/** MongoWireServer's arguments. */
function mongoArgs({ port, backend, h2File, oplog }) {
  return [
    '--host',
    HOST,
    '--port',
    String(port),
    '--backend',
    backend,
    ...(backend === 'h2' ? ['--file', h2File] : []),
    // change streams (collection.watch()) need mongo-java-server's oplog; opt-in
    ...(oplog ? ['--oplog'] : []),
  ];
}

async function startMongo(profile, port, log) {
  const base = path.join(DATA, profile);
  const backend = mongoBackendFor(profile);
  const h2File = path.join(base, `mongo${instanceSuffix(profile, 'mongoPort', port)}.h2`);
  const outLog = path.join(base, `mongo-${port}.log`);
  fs.mkdirSync(base, { recursive: true });

  const t0 = Date.now();
  const handle = spawnEngine({
    name: 'mongo',
    jvmArgs: [
      ...MONGO_JVM,
      ...profileJvm(profile, 'mongo'),
      // slf4j-simple: warnings and errors only, with time stamps, into the log file
      '-Dorg.slf4j.simpleLogger.defaultLogLevel=warn',
      '-Dorg.slf4j.simpleLogger.showDateTime=true',
      // logs every client disconnect by RST at ERROR with a stack trace, and the Node driver's
      // close() disconnects that way: pure noise
      '-Dorg.slf4j.simpleLogger.log.de.bwaldvogel.mongo.wire.MongoExceptionHandler=off',
    ],
    mainClass: 'MongoWireServer',
    args: mongoArgs({ port, backend, h2File, oplog: process.env.VINCULO_MONGO_OPLOG === '1' }),
    classpath: [path.join(libDir('mongo'), '*'), LAUNCHER_CLASSES].join(path.delimiter),
    outFile: outLog,
    logFiles: [outLog],
  });
  log(`mongo starting (pid ${handle.pid}) on ${HOST}:${port}, ${backend} backend${backend === 'h2' ? ` at ${path.relative(ROOT, h2File)}` : ''}`);
  return untilReady(handle, { answers: () => mongoAnswers(port), timeoutMs: MONGO_READY_TIMEOUT_MS, where: `${HOST}:${port}`, startedAt: t0, log });
}

module.exports = { mongoArgs, startMongo };
