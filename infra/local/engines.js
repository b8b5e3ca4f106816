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
 * Plain CommonJS on purpose: it runs before anything in the monorepo is built. The parts live in
 * engines/: config (layout, profiles), plan (ports from the environment), util, lock, tools
 * (prerequisites), provision (Maven Central, launchers), probes, processes (child JVMs), kafka,
 * mongo, ensure (reuse or start) and cli; their pure parts are unit-tested in test/unit/engines.test.ts.
 */

const { CACHE, ENGINES, M2, DATA, ROOT, PROFILES } = require('./engines/config');
const { fetchEngines } = require('./engines/provision');
const { probeKafka, probeMongo } = require('./engines/probes');
const { ensureEngines } = require('./engines/ensure');
const { main } = require('./engines/cli');

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
