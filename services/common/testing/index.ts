/**
 * Test kit: typed access to the graph the test run started (test/global-setup.js), dev tokens,
 * GraphQL execution with error assertions, and `waitFor` (poll a condition with a deadline).
 * Not part of the kit's build (services/common/src): only tests import it, as '@vinculo/common/testing'.
 * Answers are typed by the caller (`ok<{ customer: { id: string } }>(…)`, or a @vinculo/client
 * operation's result type); without a type they are `unknown`, to be narrowed before use.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { signDevToken } from '../src/auth/jwt';
import { devJwtSecret } from '../src/config/env';
import type { Role } from '../src/auth/roles';

export interface TestStack {
  gatewayUrl: string;
  urls: Record<string, string>;
  mongoUri: string;
  kafkaBrokers: string[];
  runId: string;
  /** The options the stack was started with (infra/local/stack.js), to start a subgraph again. */
  options: Record<string, unknown>;
  /** Process id of each subgraph and the gateway, kept current by restartSubgraph. */
  pids: Record<string, number>;
}

const STACK_FILE = path.resolve(__dirname, '../../../.cache/run/test-stack.json');

/** The running test stack's addresses. */
export function testStack(): TestStack {
  return JSON.parse(readFileSync(STACK_FILE, 'utf8')) as TestStack;
}

async function refuses(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(2_000) });
    return false;
  } catch {
    return true;
  }
}

/**
 * kill -9 one subgraph process of the test stack, as a crash would; resolves once its port refuses
 * connections. Start it again with restartSubgraph before the test ends (in a finally): later test
 * files expect the whole graph.
 */
export async function killSubgraph(name: string): Promise<void> {
  const stack = testStack();
  const pid = stack.pids[name];
  const url = stack.urls[name];
  if (!pid || !url) throw new Error(`the test stack has no subgraph "${name}"`);
  process.kill(pid, 'SIGKILL');
  await waitFor(`${name} to stop answering`, () => refuses(new URL('/health/live', url).toString()), { timeoutMs: 30_000 });
}

/**
 * Start a subgraph killSubgraph stopped, as the stack started it (same port, database, consumer
 * group, log); resolves once /health/ready answers. The global teardown stops it by its pid.
 */
export async function restartSubgraph(name: string): Promise<void> {
  const stack = testStack();
  // Plain JS outside this package, loaded at run time (the stack launcher is not part of the kit).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const launcher = require(path.resolve(__dirname, '../../../infra/local/stack.js')) as {
    restartSubgraph(opts: Record<string, unknown>, name: string): Promise<number>;
  };
  const pid = await launcher.restartSubgraph(stack.options, name);
  const current = testStack();
  current.pids = { ...current.pids, [name]: pid };
  // Written whole, then renamed: a test reading the file never sees half of it.
  writeFileSync(`${STACK_FILE}.tmp`, JSON.stringify(current, null, 2));
  renameSync(`${STACK_FILE}.tmp`, STACK_FILE);
}

/**
 * kill -9 the test stack's gateway, as a crash would; resolves once its port refuses connections.
 * Start it again with restartGateway before the test ends (in a finally).
 */
export async function killGateway(): Promise<void> {
  const stack = testStack();
  const pid = stack.pids.gateway;
  if (!pid) throw new Error('the test stack has no gateway pid');
  process.kill(pid, 'SIGKILL');
  await waitFor('the gateway to stop answering', () => refuses(new URL('/health/live', stack.gatewayUrl).toString()), { timeoutMs: 30_000 });
}

/** Start the gateway killGateway stopped, as the stack started it (same port, database, log); resolves once /health/ready answers. */
export async function restartGateway(): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const launcher = require(path.resolve(__dirname, '../../../infra/local/stack.js')) as { restartGateway(opts: Record<string, unknown>): Promise<number> };
  const pid = await launcher.restartGateway(testStack().options);
  const current = testStack();
  current.pids = { ...current.pids, gateway: pid };
  writeFileSync(`${STACK_FILE}.tmp`, JSON.stringify(current, null, 2));
  renameSync(`${STACK_FILE}.tmp`, STACK_FILE);
}

/** A fresh tenant id, so each test's data is its own. */
export const uniqueTenant = (label = 't'): string => `${label}-${randomUUID().slice(0, 8)}`;

/**
 * A signed dev token for a tenant and roles; scopes `read` and `write` unless given (as `npm run
 * token`): the verifiers deny by default, so `scopes: []` makes a token that may do nothing.
 */
export function tokenFor(
  tenant: string,
  roles: Role[],
  opts: { sub?: string; scopes?: string[]; ttl?: string | number; secret?: string } = {},
): Promise<string> {
  return signDevToken(
    opts.secret ?? devJwtSecret,
    { sub: opts.sub ?? `user-${roles[0]?.toLowerCase() ?? 'x'}`, tenant, roles, scopes: opts.scopes ?? ['read', 'write'] },
    opts.ttl ?? '1h',
  );
}

export interface GraphQLResponse<T> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string; rule?: string; [k: string]: unknown } }[];
  headers: Headers;
}

/** A setting of the test stack's environment (test/global-setup.js), e.g. INTERNAL_API_TOKEN. */
export function stackSetting(name: string): string | undefined {
  return (testStack().options.env as Record<string, string> | undefined)?.[name];
}

/**
 * POST a GraphQL operation (to the gateway unless `url` is given). A call to a subgraph's `url`
 * goes as the gateway would, with the gateway's credential, unless `asGateway: false`.
 */
export async function execute<T = unknown>(
  query: string,
  variables: Record<string, unknown> = {},
  opts: { token?: string; url?: string; headers?: Record<string, string>; asGateway?: boolean; operationName?: string } = {},
): Promise<GraphQLResponse<T>> {
  const stack = testStack();
  const direct = opts.url !== undefined && opts.url !== stack.gatewayUrl;
  const credential = direct && opts.asGateway !== false ? stackSetting('INTERNAL_API_TOKEN') : undefined;
  const res = await fetch(opts.url ?? stack.gatewayUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      ...(credential ? { 'x-gateway-token': credential } : {}),
      ...opts.headers,
    },
    body: JSON.stringify({ query, variables, ...(opts.operationName !== undefined ? { operationName: opts.operationName } : {}) }),
  });
  const body = (await res.json()) as Omit<GraphQLResponse<T>, 'status' | 'headers'>;
  return { status: res.status, headers: res.headers, ...body };
}

/** The data of a response that must have no errors. */
export function expectNoGraphQLErrors<T>(res: GraphQLResponse<T>): T {
  if (res.errors?.length || res.data == null) {
    throw new Error(`Expected no GraphQL errors, got ${res.status}: ${JSON.stringify(res.errors ?? res)}`);
  }
  return res.data;
}

/** Assert the response failed with `code` (from the closed list); returns the first error. */
export function expectGraphQLErrors<T>(res: GraphQLResponse<T>, code: string) {
  const codes = (res.errors ?? []).map((e) => e.extensions?.code);
  if (!codes.includes(code)) {
    throw new Error(`Expected a ${code} error, got ${res.status}: ${JSON.stringify(res.errors ?? res.data)}`);
  }
  return res.errors!.find((e) => e.extensions?.code === code)!;
}

/** Run an operation as `token` through the gateway; its data (typed `T` by the caller), failing on any GraphQL error. */
export async function ok<T = unknown>(token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  return expectNoGraphQLErrors(await execute<T>(query, variables, { token }));
}

/** Run an operation as `token` and assert it is refused with `code`; returns that error. */
export async function refused(token: string, query: string, variables: Record<string, unknown>, code: string) {
  return expectGraphQLErrors(await execute(query, variables, { token }), code);
}

/**
 * Run `query` until the subgraph it reaches knows what it names: NOT_FOUND (read-model lag right after a
 * registration elsewhere) is retried until `timeoutMs`; any other error fails at once.
 */
export async function okOnceKnown<T = unknown>(
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
  opts: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  return waitFor(
    'the subgraph to know it (read model)',
    async () => {
      const r = await execute<T>(query, variables, { token });
      if (r.errors?.some((e) => e.extensions?.code !== 'NOT_FOUND')) throw new Error(JSON.stringify(r.errors));
      return r.errors ? undefined : r.data;
    },
    opts,
  );
}

/** Poll `probe` until it returns a value that is not undefined/false, or fail after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  { timeoutMs = 30_000, intervalMs = 100 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== null && value !== false) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Sum of a Prometheus counter on a process's /metrics, over the series matching `labels`. */
export async function metricValue(baseUrl: string, name: string, labels: Record<string, string> = {}): Promise<number> {
  const token = stackSetting('METRICS_TOKEN');
  const res = await fetch(new URL('/metrics', baseUrl), token ? { headers: { authorization: `Bearer ${token}` } } : {});
  if (!res.ok) throw new Error(`/metrics of ${baseUrl} answered ${res.status}`);
  const text = await res.text();
  let sum = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const m = /^([a-zA-Z_:][\w:]*)(\{([^}]*)\})?\s+([-\d.eE+]+)/.exec(line);
    if (!m || m[1] !== name) continue;
    const series = Object.fromEntries([...(m[3] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => series[k] === v)) sum += Number(m[4]);
  }
  return sum;
}
export * from './policy';
export * from './events';
import { testBus } from './events';

/** The suite's event bus on the running test stack's broker (see `testBus`). */
export const stackBus = () => testBus(() => testStack().kafkaBrokers);
