#!/usr/bin/env node
'use strict';
/**
 * `npm start`: the local engines (or MONGODB_URI / KAFKA_BROKERS), the seven subgraphs and the
 * gateway, demo data, then a URL, a token and a sample query. Ctrl-C stops everything it started.
 */
const path = require('node:path');
const { ensureEngines } = require('./engines');
const { startStack } = require('./stack');
const { startMailServer } = require('./mail');
const { seed } = require('./seed');
const { signDevToken, devJwtSecret } = require('../../services/common/dist');

const ROOT = path.resolve(__dirname, '../..');

const SAMPLE = `query Customer360 {
  customers(first: 5) {
    edges { node {
      name taxId status executiveId
      salesOrders(first: 3) { edges { node { planCode status workOrders { edges { node { type status } } } } } }
      subscriptions(first: 3) { edges { node { planCode status } } }
      billingAccounts(first: 3) { edges { node { accountNumber currency standing } } }
      workOrders(first: 3) { edges { node { type status address } } }
      leads(first: 3) { edges { node { companyName status } } }
    } }
  }
}`;

/**
 * Idle memory (`npm run bench:memory`): V8's size-over-speed heuristics and 1 MiB semi-spaces save
 * ~30 MiB in each of the eight Node processes, at some throughput a laptop does not miss.
 * VINCULO_NODE_ARGS replaces them ('' for none); the test stack and the benches do not use them.
 */
const LEAN_NODE_ARGS = '--optimize-for-size --max-semi-space-size=1';

async function main() {
  const t0 = Date.now();
  process.env.VINCULO_NODE_ARGS ??= LEAN_NODE_ARGS;
  const engines = await ensureEngines({ profile: 'dev' });
  let stack;
  let mail;
  let stopping = false;
  const stopAll = async (code) => {
    if (stopping) return;
    stopping = true;
    console.error('\n[start] stopping…');
    await stack?.stop();
    await mail?.stop();
    await engines.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));
  try {
    const basePort = Number(process.env.PORT ?? 4000);
    // SMTP_URL set: e-mail goes to that relay; otherwise to the development mail server and its web inbox.
    if (!process.env.SMTP_URL) mail = await startMailServer({ smtpPort: basePort + 8, httpPort: basePort + 9 });
    stack = await startStack({
      mongoUri: engines.mongoUri,
      kafkaBrokers: engines.kafkaBrokers,
      basePort,
      logDir: path.join(ROOT, '.cache', 'logs', 'dev'),
      // Local only: the well-known development secret, accepted on a loopback HOST with this opt-in
      // (a JWT_SECRET or JWT_JWKS_URL in the environment is used instead when set).
      env: { ALLOW_DEV_JWT_SECRET: process.env.ALLOW_DEV_JWT_SECRET ?? 'true', ...(mail ? { SMTP_URL: mail.smtpUrl } : {}) },
    });
    const secret = process.env.JWT_SECRET ?? devJwtSecret;
    await seed(stack.gatewayUrl, secret);
    const token = await signDevToken(secret, { sub: 'demo-admin', tenant: 'coop-telecom', roles: ['ADMIN'] });
    const base = stack.gatewayUrl.replace(/\/graphql$/, '');
    console.log(`
Vínculo is up in ${((Date.now() - t0) / 1000).toFixed(1)} s.

  GraphQL:  ${stack.gatewayUrl}
  IDE:      ${base}/   (paste the token below when it asks)
  Health:   ${base}/health/ready   Metrics: ${base}/metrics
  Mail:     ${mail ? `${mail.inboxUrl}   (development mail server: every e-mail the graph sent; JSON at ${mail.inboxUrl}messages)` : `sent through SMTP_URL`}
  Tenants:  coop-telecom (BOB), aseo-urbano (COP), ciber-mx (MXN)
  Token (tenant coop-telecom, ADMIN; make others with npm run token -- --tenant aseo-urbano --role ACCOUNT_EXECUTIVE):
    ${token}

Sample query (data from all six subgraphs):
  curl -s ${stack.gatewayUrl} -H 'content-type: application/json' -H "authorization: Bearer ${token}" \\
    -d '${JSON.stringify({ query: SAMPLE.replace(/\s+/g, ' ') })}'

Ctrl-C stops everything.`);
    for (const p of stack.children) {
      p.exited.then((e) => {
        if (!stopping) {
          console.error(`[start] ${p.name} exited (${e.signal || `code ${e.code}`}); see .cache/logs/dev/${p.name}.log`);
          void stopAll(1);
        }
      });
    }
  } catch (err) {
    console.error(`[start] ${err.message}`);
    await stopAll(1);
  }
}

// A failure before the stack is up (the engines did not start) ends the process with its reason.
main().catch((err) => {
  console.error(`[start] ${err.message}`);
  process.exit(1);
});
