#!/usr/bin/env node
'use strict';
// Dead letters and quarantined outbox documents, for operators.
//   npm run dlq -- list    [filters]          what is on the dead-letter topics
//   npm run dlq -- show    <eventId>          one dead letter: headers, reason, payload
//   npm run dlq -- replay  [filters] [--yes]  put matching dead letters back on their original topic
//   npm run dlq -- release --subgraph <name> --id <aggregateId>   publish a quarantined outbox document again
// Filters: --subgraph <name> (its topic vinculo.<name>.dlq; default all seven), --event-id <id>,
//          --type <event type>, --since <ISO time>, --until <ISO time> (when it was dead-lettered).
// A replay goes through the consumer's normal path (the dead letter was never marked processed), so
// it takes effect once; an event that is still poison returns to the dead-letter topic with its new
// reason. Without --yes, replay only lists what it would replay.
// Env: KAFKA_BROKERS (default the dev engine 127.0.0.1:19092; KAFKA_SASL_* and KAFKA_SSL* as for the services), MONGODB_URI (default mongodb://127.0.0.1:27027)
// and DB_PREFIX (default vinculo: databases vinculo_<subgraph>) for `release`.

const { parseArgs } = require('node:util');
const { randomUUID } = require('node:crypto');
const { Kafka, logLevel } = require('kafkajs');

const SUBGRAPHS = ['customers', 'sales', 'postsale', 'collections', 'techsupport', 'proposals', 'notifications'];
const H = {
  reason: 'x-dlq-reason',
  attempts: 'x-dlq-attempts',
  topic: 'x-original-topic',
  group: 'x-consumer-group',
  at: 'x-dlq-at',
  replay: 'x-dlq-replay',
};

function usage(code) {
  const text = require('node:fs')
    .readFileSync(__filename, 'utf8')
    .split('\n')
    .slice(2, 16)
    .map((l) => l.replace(/^\/\/ ?/, ''))
    .join('\n');
  (code ? console.error : console.log)(text);
  process.exit(code);
}

const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    subgraph: { type: 'string', multiple: true },
    'event-id': { type: 'string' },
    type: { type: 'string' },
    since: { type: 'string' },
    until: { type: 'string' },
    id: { type: 'string' },
    yes: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
const [command, arg] = positionals;
if (opts.help || !command) usage(opts.help ? 0 : 2);

for (const s of opts.subgraph ?? []) if (!SUBGRAPHS.includes(s)) fail(`unknown subgraph "${s}"; one of ${SUBGRAPHS.join(', ')}`);
const since = opts.since ? time(opts.since, '--since') : null;
const until = opts.until ? time(opts.until, '--until') : null;

function fail(message) {
  console.error(`dlq: ${message}`);
  process.exit(2);
}
function time(text, flag) {
  const t = Date.parse(text);
  if (Number.isNaN(t)) fail(`${flag} must be an ISO date-time, got "${text}"`);
  return t;
}

const kafka = new Kafka({
  clientId: 'vinculo-dlq',
  brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:19092')
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean),
  logLevel: logLevel.ERROR,
  retry: { retries: 3 },
  ...brokerSecurity(),
});

/** KAFKA_SASL_* / KAFKA_SSL* as the services read them (README "How to deploy it"); needs the build only when set. */
function brokerSecurity() {
  if (!Object.keys(process.env).some((k) => k.startsWith('KAFKA_SASL_') || k.startsWith('KAFKA_SSL'))) return {};
  const { kafkaSecurityOf } = require('../services/common/dist');
  const env = process.env;
  return kafkaSecurityOf({ ...env, KAFKA_SSL: env.KAFKA_SSL === 'true' || env.KAFKA_SSL === '1' });
}

const header = (m, name) => {
  const v = m.headers?.[name];
  return v === undefined ? undefined : String(Array.isArray(v) ? v[0] : v);
};

/** Every message on the chosen dead-letter topics, from the start to the end as of now. */
async function readDeadLetters() {
  const admin = kafka.admin();
  await admin.connect();
  const existing = new Set(await admin.listTopics());
  const topics = (opts.subgraph?.length ? opts.subgraph : SUBGRAPHS).map((s) => `vinculo.${s}.dlq`).filter((t) => existing.has(t));
  const ends = new Map();
  for (const topic of topics) {
    for (const p of await admin.fetchTopicOffsets(topic)) if (Number(p.high) > Number(p.low)) ends.set(`${topic}:${p.partition}`, Number(p.high) - 1);
  }
  await admin.disconnect();
  const letters = [];
  if (ends.size === 0) return letters;
  const consumer = kafka.consumer({ groupId: `vinculo-dlq-reader-${randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: true });
  await new Promise((resolve, reject) => {
    const left = new Set(ends.keys());
    consumer
      .run({
        eachMessage: async ({ topic, partition, message }) => {
          const key = `${topic}:${partition}`;
          if (Number(message.offset) <= (ends.get(key) ?? -1)) letters.push(describe(topic, partition, message));
          if (Number(message.offset) >= (ends.get(key) ?? -1)) left.delete(key);
          if (left.size === 0) resolve();
        },
      })
      .catch(reject);
  });
  await consumer.disconnect();
  return letters.filter(matches).sort((a, b) => a.at - b.at);
}

function describe(dlqTopic, partition, message) {
  let event = {};
  try {
    event = JSON.parse(message.value?.toString('utf8') ?? '') ?? {};
  } catch {
    /* unparsable: shown raw */
  }
  const atHeader = header(message, H.at);
  return {
    where: `${dlqTopic}:${partition}:${message.offset}`,
    at: atHeader ? Date.parse(atHeader) : Number(message.timestamp),
    group: header(message, H.group) ?? '',
    originalTopic: header(message, H.topic) ?? '',
    reason: header(message, H.reason) ?? '',
    attempts: Number(header(message, H.attempts) ?? 1),
    eventId: typeof event.id === 'string' ? event.id : null,
    type: typeof event.type === 'string' ? event.type : null,
    tenantId: typeof event.tenantId === 'string' ? event.tenantId : (header(message, 'tenant-id') ?? null),
    message,
  };
}

function matches(l) {
  if (opts['event-id'] && l.eventId !== opts['event-id']) return false;
  if (opts.type && l.type !== opts.type) return false;
  if (since !== null && l.at < since) return false;
  if (until !== null && l.at > until) return false;
  return true;
}

function print(letters) {
  if (opts.json) {
    console.log(
      JSON.stringify(
        letters.map(({ message, ...l }) => ({ ...l, at: new Date(l.at).toISOString() })),
        null,
        2,
      ),
    );
    return;
  }
  if (letters.length === 0) return console.log('no dead letters match');
  for (const l of letters) {
    console.log(
      `${new Date(l.at).toISOString()}  ${l.type ?? '(no type)'}  ${l.eventId ?? '(no id)'}  tenant=${l.tenantId ?? '?'}  group=${l.group}  attempts=${l.attempts}`,
    );
    console.log(`    ${l.where} <- ${l.originalTopic}   ${l.reason}`);
  }
  console.log(`${letters.length} dead letter(s)`);
}

async function replay(letters) {
  // The last dead letter of an event is the one to replay (earlier ones are the same event).
  const latest = new Map();
  for (const l of letters) latest.set(l.eventId ?? l.where, l);
  const chosen = [...latest.values()].filter((l) => l.originalTopic);
  if (!opts.yes) {
    print(chosen);
    console.log('dry run: add --yes to put these back on their topics');
    return;
  }
  const producer = kafka.producer({ maxInFlightRequests: 1 });
  await producer.connect();
  for (const l of chosen) {
    const { [H.replay]: _old, ...headers } = l.message.headers ?? {};
    await producer.send({
      topic: l.originalTopic,
      messages: [{ key: l.message.key, value: l.message.value, headers: { ...headers, [H.replay]: l.where } }],
    });
    console.log(`replayed ${l.type ?? '?'} ${l.eventId ?? l.where} -> ${l.originalTopic}`);
  }
  await producer.disconnect();
  console.log(`${chosen.length} event(s) replayed`);
}

async function release() {
  const subgraph = opts.subgraph?.[0];
  if (!subgraph || !opts.id) fail('release needs --subgraph <name> and --id <aggregateId>');
  const mongoose = require('mongoose');
  const conn = await mongoose
    .createConnection(process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27027', {
      dbName: `${process.env.DB_PREFIX ?? 'vinculo'}_${subgraph}`,
      serverSelectionTimeoutMS: 5000,
    })
    .asPromise();
  let released = 0;
  for (const { name } of await conn.db.listCollections().toArray()) {
    const r = await conn.db.collection(name).updateOne({ _id: opts.id, outboxQuarantinedAt: { $ne: null } }, { $unset: { outboxQuarantinedAt: '' } });
    released += r.modifiedCount;
  }
  // Closed now; if the broker refuses the document again the relay quarantines it and reopens the fault.
  const escaped = opts.id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (released)
    await conn.db
      .collection('event_faults')
      .updateMany({ kind: 'QUARANTINED', resolvedAt: null, _id: { $regex: `:${escaped}$` } }, { $set: { resolvedAt: new Date() } });
  await conn.close();
  if (!released) fail(`no quarantined document ${opts.id} in ${subgraph}`);
  console.log(`released ${opts.id}: the ${subgraph} relay publishes it at its next pass`);
}

async function main() {
  switch (command) {
    case 'list':
      return print(await readDeadLetters());
    case 'show': {
      if (!arg) fail('show needs an event id');
      opts['event-id'] = arg;
      const letters = await readDeadLetters();
      if (!letters.length) fail(`no dead letter with event id ${arg}`);
      for (const l of letters) {
        console.log(`${l.where}  dead-lettered ${new Date(l.at).toISOString()} by ${l.group} (attempt ${l.attempts})`);
        console.log(`reason: ${l.reason}`);
        console.log(`original topic: ${l.originalTopic}`);
        console.log(JSON.stringify(JSON.parse(l.message.value?.toString('utf8') || 'null'), null, 2));
      }
      return;
    }
    case 'replay':
      if (!opts['event-id'] && !opts.type && since === null && until === null && !opts.subgraph)
        fail('replay needs a filter (--event-id, --type, --since/--until or --subgraph)');
      return replay(await readDeadLetters());
    case 'release':
      return release();
    default:
      usage(2);
  }
}

main().catch((err) => {
  console.error(`dlq: ${err.message}`);
  process.exit(1);
});
