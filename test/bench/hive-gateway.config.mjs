// Hive Gateway (`@graphql-hive/gateway`) as the bench runs it beside ours (test/bench/compare.js):
// the same supergraph and the same running subgraphs, with what our subgraphs need from a gateway —
// the caller's `authorization` passed on (each subgraph verifies it again), the gateway credential
// on every fetch, the correlation id — and the caller's JWT verified at the edge as ours does
// (HS256, issuer, audience). Production-like: no GraphiQL, no landing page, errors masked, warn logs.
//   BENCH_SUBGRAPH_URLS   {"customers":"http://127.0.0.1:5751/graphql", …} (the bench's own ports)
//   INTERNAL_API_TOKEN    the gateway credential the subgraphs require
//   JWT_SECRET, JWT_ISSUER, JWT_AUDIENCE
import { createInlineSigningKeyProvider, defineConfig, extractFromHeader } from '@graphql-hive/gateway';

const urls = JSON.parse(process.env.BENCH_SUBGRAPH_URLS ?? '{}');
const credential = process.env.INTERNAL_API_TOKEN;
if (!credential || !process.env.JWT_SECRET) throw new Error('hive-gateway.config: INTERNAL_API_TOKEN and JWT_SECRET are required');

export const gatewayConfig = defineConfig({
  // The supergraph records the default ports; the bench's subgraphs listen on its own.
  transportEntries: Object.fromEntries(Object.entries(urls).map(([name, location]) => [name, { location }])),
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }) => ({
      authorization: request.headers.get('authorization'),
      'x-request-id': request.headers.get('x-request-id'),
      'x-gateway-token': credential,
    }),
  },
  jwt: {
    signingKeyProviders: [createInlineSigningKeyProvider(process.env.JWT_SECRET)],
    tokenLookupLocations: [extractFromHeader({ name: 'authorization', prefix: 'Bearer' })],
    tokenVerification: { algorithms: ['HS256'], issuer: process.env.JWT_ISSUER, audience: process.env.JWT_AUDIENCE },
    reject: { missingToken: true, invalidToken: true },
  },
  graphiql: false,
  landingPage: false,
  maskedErrors: process.env.BENCH_HIVE_UNMASKED !== '1', // 1: the subgraphs' errors as they are, to see why an answer differs
  logging: 'warn',
});
