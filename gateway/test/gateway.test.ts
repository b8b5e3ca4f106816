import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { devJwtSecret, signDevToken } from '@vinculo/common';
import { startGateway, type RunningGateway } from '../src/server';
import { composeSupergraph, gate, slowField, startCustomers, startSales, startRaw, closedPortUrl, type StubSubgraph } from './support/stub-subgraphs';

interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string; [k: string]: unknown } }[];
}

const PROD_SECRET = 'a-production-like-secret-of-at-least-32-chars';
const claims = { sub: 'user-1', tenant: 'demo', roles: ['ACCOUNT_EXECUTIVE'] };
const CUSTOMER_QUERY = '{ customer(id: "c1") { id name orders { id total } } }';

let customers: StubSubgraph;
let sales: StubSubgraph;
let dir: string;
let supergraphPath: string;
let gw: RunningGateway;
const extraGateways: RunningGateway[] = [];
const raws: { stop(): Promise<void> }[] = [];

function env(overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    NODE_ENV: 'test',
    ALLOW_DEV_JWT_SECRET: 'true',
    LOG_LEVEL: 'silent',
    PORT: '0',
    HOST: '127.0.0.1',
    SUPERGRAPH_PATH: supergraphPath,
    // The supergraph records an unusable URL for customers: data only comes back if the override works.
    SUBGRAPH_CUSTOMERS_URL: customers.url,
    MAX_DEPTH: '5',
    MAX_ALIASES: '3',
    MAX_BODY_BYTES: '2048',
    ...overrides,
  };
}

async function startExtra(overrides: Record<string, string>): Promise<RunningGateway> {
  const g = await startGateway(env(overrides));
  extraGateways.push(g);
  return g;
}

function origin(g: RunningGateway): string {
  return new URL(g.url).origin;
}

async function post(g: RunningGateway, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; body: GraphQLBody }> {
  const res = await fetch(g.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as GraphQLBody };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const validToken = (sub = 'user-1') => signDevToken(devJwtSecret, { ...claims, sub }, '5m');
const codeOf = (body: GraphQLBody) => body.errors?.[0]?.extensions?.code;

/** The error a client gets for a subgraph that could not answer. */
const unavailable = (subgraph: string) => ({
  message: `${subgraph} is unavailable; its fields are null in this answer`,
  extensions: { code: 'INTERNAL_SERVER_ERROR', subgraph },
});

/** The gateway's count of failed fetches of `subgraph` for `reason`. */
async function failures(g: RunningGateway, subgraph: string, reason: string): Promise<number> {
  const text = await (await fetch(`${origin(g)}/metrics`)).text();
  const line = text
    .split('\n')
    .find((l) => l.startsWith('vinculo_gateway_subgraph_failures_total{') && l.includes(`subgraph="${subgraph}"`) && l.includes(`reason="${reason}"`));
  return line ? Number(line.split(' ').pop()) : 0;
}

function resetSeen(): void {
  customers.seen.length = 0;
  sales.seen.length = 0;
}

beforeAll(async () => {
  customers = await startCustomers();
  sales = await startSales();
  dir = mkdtempSync(path.join(os.tmpdir(), 'vinculo-gw-'));
  supergraphPath = path.join(dir, 'supergraph.graphql');
  writeFileSync(supergraphPath, composeSupergraph({ customers: 'http://127.0.0.1:9/graphql', sales: sales.url }));
  gw = await startGateway(env());
});

afterAll(async () => {
  await Promise.all([gw, ...extraGateways].map((g) => g?.stop()));
  await Promise.all([customers?.stop(), sales?.stop(), ...raws.map((r) => r.stop())]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

beforeEach(resetSeen);

describe('authentication', () => {
  it('refuses a request without a token with 401 UNAUTHENTICATED and calls no subgraph', async () => {
    const res = await post(gw, { query: CUSTOMER_QUERY });
    expect(res.status).toBe(401);
    expect(codeOf(res.body)).toBe('UNAUTHENTICATED');
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    expect(customers.seen).toHaveLength(0);
    expect(sales.seen).toHaveLength(0);
  });

  it('refuses an expired token', async () => {
    const expired = await signDevToken(devJwtSecret, claims, Math.floor(Date.now() / 1000) - 60);
    const res = await post(gw, { query: CUSTOMER_QUERY }, bearer(expired));
    expect(res.status).toBe(401);
    expect(codeOf(res.body)).toBe('UNAUTHENTICATED');
    expect(res.body.errors?.[0]?.message).toBe('Token expired');
    expect(customers.seen).toHaveLength(0);
  });

  it('refuses a token signed with another secret', async () => {
    const forged = await signDevToken('not-the-secret-but-long-enough-to-sign-with', claims, '5m');
    const res = await post(gw, { query: CUSTOMER_QUERY }, bearer(forged));
    expect(res.status).toBe(401);
    expect(codeOf(res.body)).toBe('UNAUTHENTICATED');
    expect(customers.seen).toHaveLength(0);
  });

  it('refuses a query without the read scope with 403 FORBIDDEN before calling any subgraph (deny by default)', async () => {
    for (const scopes of [[], ['write']]) {
      const token = await signDevToken(devJwtSecret, { ...claims, scopes }, '5m');
      const res = await post(gw, { query: CUSTOMER_QUERY }, bearer(token));
      expect(res.status).toBe(403);
      expect(codeOf(res.body)).toBe('FORBIDDEN');
    }
    expect(customers.seen).toHaveLength(0);
    expect(sales.seen).toHaveLength(0);
  });

  it('answers an API key customers cannot check with 503 (retry), not 401, and calls no subgraph', async () => {
    const res = await post(gw, { query: CUSTOMER_QUERY }, { 'x-api-key': `vk_${'0'.repeat(24)}_${'A'.repeat(43)}` });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(customers.seen).toHaveLength(0);
    const malformed = await post(gw, { query: CUSTOMER_QUERY }, { authorization: 'ApiKey nope' });
    expect(malformed.status).toBe(401);
    expect(malformed.headers.get('www-authenticate')).toMatch(/^ApiKey error="invalid_token"/);
  });

  it('answers a valid token with data and forwards authorization and x-request-id to every subgraph', async () => {
    const token = await validToken();
    const res = await post(gw, { query: CUSTOMER_QUERY }, { ...bearer(token), 'x-request-id': 'req-test-0001' });
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data).toEqual({
      customer: { id: 'c1', name: 'Customer c1', orders: [{ id: 'c1-o1', total: '10.00' }] },
    });
    expect(res.headers.get('x-request-id')).toBe('req-test-0001');
    for (const stub of [customers, sales]) {
      expect(stub.seen).toHaveLength(1);
      expect(stub.seen[0]?.authorization).toBe(`Bearer ${token}`);
      expect(stub.seen[0]?.['x-request-id']).toBe('req-test-0001');
    }
  });

  it('forwards the id it generated when the client sent none', async () => {
    const res = await post(gw, { query: CUSTOMER_QUERY }, bearer(await validToken()));
    const generated = res.headers.get('x-request-id');
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);
    expect(customers.seen[0]?.['x-request-id']).toBe(generated);
    expect(sales.seen[0]?.['x-request-id']).toBe(generated);
  });
});

describe('request limits', () => {
  it('rejects a query deeper than MAX_DEPTH with BAD_USER_INPUT before any subgraph call', async () => {
    const deep = '{ customer(id: "c1") { referredBy { referredBy { referredBy { referredBy { referredBy { id } } } } } } }';
    const res = await post(gw, { query: deep }, bearer(await validToken()));
    expect(res.status).toBe(400);
    expect(codeOf(res.body)).toBe('BAD_USER_INPUT');
    expect(res.body.errors?.[0]?.message).toMatch(/deeper than the limit of 5/);
    expect(customers.seen).toHaveLength(0);
  });

  it('follows fragments when measuring depth', async () => {
    const query = `
      query Deep { customer(id: "c1") { ...Chain } }
      fragment Chain on Customer { referredBy { referredBy { referredBy { referredBy { referredBy { id } } } } } }`;
    const res = await post(gw, { query }, bearer(await validToken()));
    expect(codeOf(res.body)).toBe('BAD_USER_INPUT');
  });

  it('accepts a query exactly at the depth limit', async () => {
    const query = '{ customer(id: "c1") { referredBy { referredBy { referredBy { name } } } } }';
    const res = await post(gw, { query }, bearer(await validToken()));
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
  });

  it('rejects more aliases than MAX_ALIASES with BAD_USER_INPUT', async () => {
    const query = '{ a: customer(id: "1") { id } b: customer(id: "2") { id } c: customer(id: "3") { id } d: customer(id: "4") { id } }';
    const res = await post(gw, { query }, bearer(await validToken()));
    expect(res.status).toBe(400);
    expect(codeOf(res.body)).toBe('BAD_USER_INPUT');
    expect(customers.seen).toHaveLength(0);
  });

  it('answers an oversized body with 413', async () => {
    const res = await post(gw, { query: `{ __typename } # ${'x'.repeat(4096)}` }, bearer(await validToken()));
    expect(res.status).toBe(413);
    expect(codeOf(res.body)).toBe('BAD_USER_INPUT');
  });

  it('answers malformed JSON with 400 BAD_USER_INPUT', async () => {
    const res = await post(gw, '{"query": ', bearer(await validToken()));
    expect(res.status).toBe(400);
    expect(codeOf(res.body)).toBe('BAD_USER_INPUT');
  });

  it('blocks requests a browser could send cross-site without a preflight (CSRF prevention)', async () => {
    const res = await post(gw, JSON.stringify({ query: '{ __typename }' }), {
      ...bearer(await validToken()),
      'content-type': 'text/plain',
    });
    expect(res.status).toBe(400);
    expect(codeOf(res.body)).toBe('BAD_USER_INPUT');
    expect(res.body.errors?.[0]?.message).toMatch(/Cross-Site Request Forgery/);
  });

  it('limits each identity to RATE_LIMIT_PER_MINUTE with 429 and Retry-After', async () => {
    const limited = await startExtra({ RATE_LIMIT_PER_MINUTE: '2' });
    const token = await validToken('busy-user');
    const query = { query: '{ __typename }' };
    expect((await post(limited, query, bearer(token))).status).toBe(200);
    expect((await post(limited, query, bearer(token))).status).toBe(200);
    const refused = await post(limited, query, bearer(token));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'FAILED_PRECONDITION', reason: 'RATE_LIMITED' });
    // Another identity has its own bucket.
    expect((await post(limited, query, bearer(await validToken('other-user')))).status).toBe(200);
  });

  it('gives up on a subgraph after SUBGRAPH_TIMEOUT_MS and names it, with nothing internal', async () => {
    const impatient = await startExtra({ SUBGRAPH_TIMEOUT_MS: '200' });
    slowField.gate = gate();
    try {
      const res = await post(impatient, { query: '{ slow }' }, bearer(await validToken()));
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual({ slow: null });
      expect(res.body.errors).toEqual([unavailable('customers')]);
      expect(await failures(impatient, 'customers', 'timeout')).toBe(1);
    } finally {
      slowField.gate.open();
    }
  });
});

describe('a subgraph that fails', () => {
  const token = () => validToken();
  /** The customer with the failed sales' field null, one error naming sales, no other error. */
  async function expectSalesFailed(g: RunningGateway, reason: string): Promise<void> {
    const res = await post(g, { query: CUSTOMER_QUERY }, bearer(await token()));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ data: { customer: { id: 'c1', name: 'Customer c1', orders: null } }, errors: [unavailable('sales')] });
    expect(JSON.stringify(res.body)).not.toMatch(/127\.0\.0\.1|https?:|ECONN|refused|stack|Unexpected token/i);
    expect(await failures(g, 'sales', reason)).toBe(1);
  }

  it("keeps the other subgraphs' data when one refuses connections (a dead process)", async () => {
    await expectSalesFailed(await startExtra({ SUBGRAPH_SALES_URL: await closedPortUrl() }), 'unreachable');
  });

  it("keeps the other subgraphs' data when one answers 503 (a proxy in front of a dead process)", async () => {
    const proxy = await startRaw((_req, res) => res.writeHead(503, { 'content-type': 'text/html' }).end('<h1>503 upstream 10.1.2.3:4002 down</h1>'));
    raws.push(proxy);
    await expectSalesFailed(await startExtra({ SUBGRAPH_SALES_URL: proxy.url }), 'bad_status');
  });

  it("keeps the other subgraphs' data when one answers a body that is not a GraphQL response", async () => {
    const broken = await startRaw((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"data": {"_entities": [tru'));
    const html = await startRaw((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>maintenance</html>'));
    raws.push(broken, html);
    await expectSalesFailed(await startExtra({ SUBGRAPH_SALES_URL: broken.url }), 'bad_response');
    await expectSalesFailed(await startExtra({ SUBGRAPH_SALES_URL: html.url }), 'bad_response');
  });

  it("passes on a subgraph's own 401 refusal with its code and message, not as an outage", async () => {
    const refusing = await startRaw((_req, res) =>
      res
        .writeHead(401, { 'content-type': 'application/json' })
        .end(JSON.stringify({ errors: [{ message: 'Token expired', extensions: { code: 'UNAUTHENTICATED' } }] })),
    );
    raws.push(refusing);
    const g = await startExtra({ SUBGRAPH_SALES_URL: refusing.url });
    const res = await post(g, { query: CUSTOMER_QUERY }, bearer(await token()));
    expect(res.body).toEqual({
      data: { customer: { id: 'c1', name: 'Customer c1', orders: null } },
      errors: [{ message: 'Token expired', extensions: { code: 'UNAUTHENTICATED', serviceName: 'sales' } }],
    });
    expect(await failures(g, 'sales', 'unreachable')).toBe(0);
  });

  it('answers one error per failed subgraph, however many times the plan called it', async () => {
    const g = await startExtra({ SUBGRAPH_SALES_URL: await closedPortUrl() });
    const query = '{ a: customer(id: "c1") { orders { id } referredBy { orders { id } } } }';
    const res = await post(g, { query }, bearer(await token()));
    expect(res.body).toEqual({ data: { a: { orders: null, referredBy: { orders: null } } }, errors: [unavailable('sales')] });
    expect(await failures(g, 'sales', 'unreachable')).toBe(2);
  });
});

describe('operations endpoints', () => {
  it('serves liveness, readiness and metrics without a token', async () => {
    const live = await fetch(`${origin(gw)}/health/live`);
    expect(live.status).toBe(200);
    const ready = await fetch(`${origin(gw)}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { supergraph: true } });

    await post(gw, { query: 'query CountMe { __typename }' }, bearer(await validToken()));
    const metrics = await (await fetch(`${origin(gw)}/metrics`)).text();
    expect(metrics).toMatch(/vinculo_gateway_requests_total\{operation="CountMe",outcome="ok",service="gateway"\} 1/);
    expect(metrics).toMatch(/vinculo_gateway_requests_total\{operation="-",outcome="unauthenticated",service="gateway"\} \d+/);
    expect(metrics).toMatch(/vinculo_gateway_request_duration_seconds_count\{service="gateway",operation="CountMe",outcome="ok"\} 1/);
  });

  it('probes the subgraphs for readiness when READY_REQUIRES_SUBGRAPHS is on', async () => {
    const strict = await startExtra({ READY_REQUIRES_SUBGRAPHS: 'true' });
    const ready = await fetch(`${origin(strict)}/health/ready`);
    expect(await ready.json()).toEqual({
      status: 'ready',
      checks: { supergraph: true, 'subgraph:customers': true, 'subgraph:sales': true },
    });
  });

  it('drains a request in flight when stopped', async () => {
    const draining = await startGateway(env());
    slowField.gate = gate();
    const pending = post(draining, { query: '{ slow }' }, bearer(await validToken()));
    await slowField.gate.arrived;
    const stopped = draining.stop();
    slowField.gate.open();
    const res = await pending;
    expect(res.body.data).toEqual({ slow: 'done' });
    await stopped;
    await expect(fetch(`${origin(draining)}/health/live`)).rejects.toThrow();
  });
});

describe('GraphQL IDE', () => {
  const html = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };

  it('serves an offline GraphiQL page outside production', async () => {
    for (const url of [`${origin(gw)}/`, gw.url]) {
      const res = await fetch(url, { headers: html });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
      const page = await res.text();
      expect(page).toContain('/ide/assets/graphiql.js');
      expect(page).toContain('id="token"');
      // Nothing loads from elsewhere: no absolute URL in any src or href.
      expect(page).not.toMatch(/(src|href)="(https?:)?\/\//);
    }
  });

  it('serves the IDE assets from node_modules with the right content types', async () => {
    const expected: Record<string, RegExp> = {
      '/ide/assets/react.js': /javascript/,
      '/ide/assets/react-dom.js': /javascript/,
      '/ide/assets/graphiql.js': /javascript/,
      '/ide/assets/graphiql.css': /text\/css/,
      '/ide/app.js': /javascript/,
    };
    for (const [asset, type] of Object.entries(expected)) {
      const res = await fetch(`${origin(gw)}${asset}`);
      expect({ asset, status: res.status }).toEqual({ asset, status: 200 });
      expect(res.headers.get('content-type')).toMatch(type);
      const text = await res.text();
      expect(text.length).toBeGreaterThan(100);
      if (asset.endsWith('.js')) expect(() => new vm.Script(text, { filename: asset })).not.toThrow();
    }
    expect((await fetch(`${origin(gw)}/ide/assets/package.json`)).status).toBe(404);
  });

  it('keeps GraphQL clients on the API: GET /graphql without an HTML preference is not the IDE', async () => {
    const res = await fetch(`${gw.url}?query=%7B__typename%7D`, { headers: { accept: '*/*' } });
    expect(res.status).toBe(401);
  });

  it('serves no IDE and no introspection in production', async () => {
    const prod = await startExtra({
      NODE_ENV: 'production',
      JWT_SECRET: PROD_SECRET,
      JWT_ISSUER: 'https://idp.test/',
      JWT_AUDIENCE: 'vinculo',
      INTERNAL_API_TOKEN: 'i'.repeat(40),
      METRICS_TOKEN: 'm'.repeat(40),
    });
    // /metrics needs the metrics token in production.
    expect((await fetch(`${origin(prod)}/metrics`)).status).toBe(401);
    expect((await fetch(`${origin(prod)}/metrics`, { headers: { authorization: `Bearer ${'m'.repeat(40)}` } })).status).toBe(200);
    expect((await fetch(`${origin(prod)}/`, { headers: html })).status).toBe(404);
    expect((await fetch(`${origin(prod)}/ide/assets/graphiql.js`)).status).toBe(404);
    expect((await fetch(prod.url, { headers: html })).status).toBe(401);

    const token = await signDevToken(PROD_SECRET, claims, '5m', { issuer: 'https://idp.test/', audience: 'vinculo' });
    const res = await post(prod, { query: '{ __schema { queryType { name } } }' }, bearer(token));
    expect(codeOf(res.body)).toBe('BAD_USER_INPUT');
    expect((await post(prod, { query: CUSTOMER_QUERY }, bearer(token))).body.data).toBeTruthy();
  });
});
