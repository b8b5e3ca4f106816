'use strict';
/**
 * The demo seed's way of talking to the graph: through the gateway, as a client would, with a token
 * per person. `must` fails loudly with the step's name; `untilKnown` waits out read-model lag (a
 * subgraph that has not yet learned of a customer answers NOT_FOUND); `untilFilesKnown` waits until an
 * uploaded file is known where a requirement is checked; `until` polls a query until the story has
 * moved on.
 */
const { print } = require('graphql');
const { signDevToken } = require('../../../services/common/dist');

// Operations are @vinculo/client's typed documents (client/operations/*.graphql, checked against the
// supergraph at build time, so a seed step that no longer fits the graph fails the build); each is
// printed once.
const printed = new WeakMap();
const textOf = (document) => {
  if (!printed.has(document)) printed.set(document, print(document));
  return printed.get(document);
};

function graphClient(url, secret, tenant, label = tenant) {
  async function call(token, document, variables) {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: textOf(document), variables }),
    });
    return res.json();
  }
  return {
    tenant,
    url,
    call,
    token: (sub, roles, scopes) => signDevToken(secret, { sub, tenant, roles, ...(scopes ? { scopes } : {}) }),
    async must(token, document, variables, what) {
      const body = await call(token, document, variables);
      if (body.errors) throw new Error(`seed ${label} ${what}: ${JSON.stringify(body.errors)}`);
      return body.data;
    },
    async untilKnown(token, document, variables, what, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const body = await call(token, document, variables);
        if (!body.errors) return body.data;
        const code = body.errors[0]?.extensions?.code;
        if (code !== 'NOT_FOUND' || Date.now() > deadline) throw new Error(`seed ${label} ${what}: ${JSON.stringify(body.errors)}`);
        await sleep(250);
      }
    },
    /** Like `must`, retried while the refusal is `retryable` (an uploaded file not yet known where it is checked). */
    async untilFilesKnown(token, document, variables, what, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const body = await call(token, document, variables);
        if (!body.errors) return body.data;
        const waiting = body.errors.every((e) => e.extensions?.retryable === true);
        if (!waiting || Date.now() > deadline) throw new Error(`seed ${label} ${what}: ${JSON.stringify(body.errors)}`);
        await sleep(250);
      }
    },
    async until(token, document, variables, pick, what, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      let last;
      for (;;) {
        last = await call(token, document, variables);
        const got = last.data ? pick(last.data) : undefined;
        if (got !== undefined && got !== null && got !== false) return got;
        if (Date.now() > deadline)
          throw new Error(`seed ${label}: ${what} did not happen in ${timeoutMs / 1000} s (last answer ${JSON.stringify(last).slice(0, 400)})`);
        await sleep(300);
      }
    },
  };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

module.exports = { graphClient };
