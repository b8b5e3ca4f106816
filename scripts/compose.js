#!/usr/bin/env node
// Compose schemas/<subgraph>.graphql into schemas/supergraph.graphql with @apollo/composition.
// `--check` exits 1 when the committed file is stale, composition fails, or it reports a hint
// that is not in ACCEPTED_HINTS (the test suite runs the same check).
'use strict';
const { readFileSync, writeFileSync, existsSync } = require('node:fs');
const path = require('node:path');
const { parse } = require('graphql');
const { composeServices } = require('@apollo/composition');

const ROOT = path.resolve(__dirname, '..');
const SCHEMAS = path.join(ROOT, 'schemas');
const SUPERGRAPH = path.join(SCHEMAS, 'supergraph.graphql');

/** Subgraph name → local URL (port from ARCHITECTURE.md); the gateway can override each by env. */
const SUBGRAPHS = {
  customers: 4001,
  sales: 4002,
  postsale: 4003,
  collections: 4004,
  techsupport: 4005,
  proposals: 4006,
  notifications: 4007,
};

/** Hints we have read and accept, by code (each with the reason). */
const ACCEPTED_HINTS = {};

function compose() {
  const services = Object.entries(SUBGRAPHS)
    .filter(([name]) => existsSync(path.join(SCHEMAS, `${name}.graphql`)))
    .map(([name, port]) => ({
      name,
      url: `http://127.0.0.1:${port}/graphql`,
      typeDefs: parse(readFileSync(path.join(SCHEMAS, `${name}.graphql`), 'utf8')),
    }));
  const result = composeServices(services);
  const errors = result.errors ?? [];
  const hints = (result.hints ?? []).filter((h) => !(h.definition.code in ACCEPTED_HINTS));
  return { supergraph: errors.length ? undefined : result.supergraphSdl, errors, hints };
}

function main() {
  const check = process.argv.includes('--check');
  const { supergraph, errors, hints } = compose();
  for (const e of errors) console.error(`composition error: ${e.message}`);
  for (const h of hints) console.error(`composition hint ${h.definition.code}: ${h.message}`);
  if (!supergraph || hints.length) process.exit(1);
  const text = `${supergraph.trimEnd()}\n`;
  if (check) {
    const committed = existsSync(SUPERGRAPH) ? readFileSync(SUPERGRAPH, 'utf8') : '';
    if (committed !== text) {
      console.error('schemas/supergraph.graphql is stale: run `npm run compose` and commit it');
      process.exit(1);
    }
    console.log('supergraph is up to date');
    return;
  }
  writeFileSync(SUPERGRAPH, text);
  console.log(`wrote ${path.relative(ROOT, SUPERGRAPH)}`);
}

module.exports = { compose, SUBGRAPHS, ACCEPTED_HINTS };
if (require.main === module) main();
