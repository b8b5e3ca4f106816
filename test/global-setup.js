'use strict';
// Once per test run: the real engines (Kafka + Mongo-wire, profile `test`) and the whole graph,
// started from the compiled services. Their addresses go to .cache/run/test-stack.json for the tests.
const { mkdirSync, rmSync, writeFileSync } = require('node:fs');
const path = require('node:path');
const { randomBytes } = require('node:crypto');
const { ensureEngines } = require('../infra/local/engines');
const { startStack } = require('../infra/local/stack');
const { startMailServer } = require('../infra/local/mail');

const ROOT = path.resolve(__dirname, '..');

module.exports = async function globalSetup() {
  const started = Date.now();
  const engines = await ensureEngines({ profile: 'test' });
  const runId = started.toString(36);
  const logDir = path.join(ROOT, '.cache', 'logs', `test-${runId}`);
  const basePort = Number(process.env.VINCULO_TEST_BASE_PORT ?? 4100);
  // Every query shape of this run, for the index check after the suite (scripts/query-shapes.js).
  const queryShapes = path.join(ROOT, '.cache', 'run', 'query-shapes.jsonl');
  mkdirSync(path.dirname(queryShapes), { recursive: true });
  rmSync(queryShapes, { force: true });
  process.env.VINCULO_QUERY_SHAPES = queryShapes;
  // The development mail server: the notifications subgraph sends to it, tests read /messages.
  const mail = await startMailServer({ smtpPort: basePort + 8, httpPort: basePort + 9 });
  // Kept in test-stack.json so a test that kills a subgraph can start it again the same way.
  const options = {
    mongoUri: engines.mongoUri,
    kafkaBrokers: engines.kafkaBrokers,
    basePort,
    dbPrefix: `t${runId}`,
    logDir,
    env: {
      NODE_ENV: 'test',
      ALLOW_DEV_JWT_SECRET: 'true',
      HOST: '127.0.0.1',
      // Subgraphs answer only the gateway; /metrics needs its token (the kit sends both: execute with
      // `url`, metricValue).
      INTERNAL_API_TOKEN: `test-internal-${runId}-${randomBytes(16).toString('hex')}`,
      METRICS_TOKEN: `test-metrics-${runId}-${randomBytes(16).toString('hex')}`,
      LOG_LEVEL: 'warn',
      OUTBOX_POLL_MS: '100',
      KAFKA_GROUP_PREFIX: `t${runId}`,
      RATE_LIMIT_PER_MINUTE: '100000',
      JOBS_INTERVAL_MS: '0',
      SMTP_URL: mail.smtpUrl,
      MAIL_POLL_MS: '200',
      MAIL_RETRY_INITIAL_MS: '200',
      // Webhook retries within seconds (e2e webhooks.test.ts): 250 ms doubling to 4 s, given up after 10 s; disabled after 3 given up.
      WEBHOOK_POLL_MS: '100',
      WEBHOOK_RETRY_INITIAL_MS: '250',
      WEBHOOK_RETRY_MAX_MS: '4000',
      WEBHOOK_RETRY_WINDOW_MS: '10000',
      WEBHOOK_DISABLE_AFTER_GIVEN_UP: '3',
      VINCULO_QUERY_SHAPES: queryShapes,
    },
  };
  const stack = await startStack(options).catch(async (err) => {
    await mail.stop();
    throw err;
  });
  globalThis.__VINCULO__ = { engines, stack, mail };
  const file = path.join(ROOT, '.cache', 'run', 'test-stack.json');
  mkdirSync(path.dirname(file), { recursive: true });
  const pids = Object.fromEntries(stack.children.map((p) => [p.name, p.child.pid]));
  writeFileSync(
    file,
    JSON.stringify(
      {
        gatewayUrl: stack.gatewayUrl,
        urls: stack.urls,
        mailUrl: mail.inboxUrl,
        mongoUri: engines.mongoUri,
        kafkaBrokers: engines.kafkaBrokers,
        runId,
        logDir,
        options,
        pids,
      },
      null,
      2,
    ),
  );
  console.error(`\n[test] engines + graph up in ${((Date.now() - started) / 1000).toFixed(1)} s (logs: ${path.relative(ROOT, logDir)})`);
};
