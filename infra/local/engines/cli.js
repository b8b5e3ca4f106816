'use strict';
/** The command line: `node infra/local/engines.js up|fetch|status|help [--profile dev|test]`. */

const path = require('path');
const { ROOT, ENGINES, HOST, PROFILES, defaultLog } = require('./config');
const { tailFiles } = require('./util');
const { fetchEngines } = require('./provision');
const { tcpOpen, probeKafka, probeMongo, mongoAnswers } = require('./probes');
const { startEngines } = require('./ensure');
const { resolvePlan } = require('./plan');

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
    rows.push(
      `${profile.padEnd(4)} kafka ${HOST}:${plan.kafkaPort}  ${cluster ? `answering (cluster ${cluster.clusterId}, ${cluster.brokers.length} broker)` : 'not answering'}`,
    );
    const mongo = await mongoAnswers(plan.mongoPort);
    rows.push(`${profile.padEnd(4)} mongo ${HOST}:${plan.mongoPort}  ${mongo ? 'answering' : 'not answering'}`);
  }
  if (process.env.MONGODB_URI)
    rows.push(`env  MONGODB_URI=${process.env.MONGODB_URI}  ${(await probeMongo(process.env.MONGODB_URI, 3000)) ? 'answering' : 'not answering'}`);
  if (process.env.KAFKA_BROKERS) {
    const brokers = process.env.KAFKA_BROKERS.split(',')
      .map((s) => s.trim())
      .filter(Boolean);
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

module.exports = { USAGE, parseArgs, main };
