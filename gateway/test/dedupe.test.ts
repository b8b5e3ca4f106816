import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSubgraphFetcher, type SubgraphFetcher } from '../src/subgraphs/fetcher';
import { deduplicatingPost, sharingKey } from '../src/subgraphs/dedupe';

/**
 * A subgraph stand-in on loopback that holds every request until the test releases it, so "in flight"
 * is a state the test controls, not a race: a second fetch issued while the first is held must join it.
 */
function heldServer() {
  const arrivals: { body: string; authorization: string | undefined }[] = [];
  const held: (() => void)[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const n = arrivals.push({ body, authorization: req.headers.authorization });
      held.push(() => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ data: { n } }));
      });
    });
  });
  return {
    arrivals,
    async listen(): Promise<string> {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    },
    async untilArrivals(n: number): Promise<void> {
      while (arrivals.length < n) await new Promise((r) => setTimeout(r, 5));
    },
    releaseAll(): void {
      for (const release of held.splice(0)) release();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const READ = JSON.stringify({
  query: 'query($representations:[_Any!]!){_entities(representations:$representations){__typename}}',
  variables: { representations: [] },
});
const WRITE = JSON.stringify({ query: 'mutation{recordPayment(input:{}){id}}', variables: {} });
const init = (body: string, authorization = 'Bearer a', requestId = 'r1') => ({
  headers: { 'content-type': 'application/json', authorization, 'x-request-id': requestId },
  body,
});

describe('in-flight deduplication of subgraph reads', () => {
  let server: ReturnType<typeof heldServer>;
  let url: string;
  let base: SubgraphFetcher;
  let shared: string[];
  let fetcher: ReturnType<typeof deduplicatingPost>;

  beforeEach(async () => {
    server = heldServer();
    url = await server.listen();
    base = createSubgraphFetcher(10_000);
    shared = [];
    fetcher = deduplicatingPost(base.post, (u) => shared.push(u));
  });
  afterEach(async () => {
    server.releaseAll();
    base.close();
    await server.close();
  });

  it('sends an identical read once while it is in flight; every caller gets its answer', async () => {
    const first = fetcher(url, init(READ, 'Bearer a', 'r1'));
    await server.untilArrivals(1);
    const others = [fetcher(url, init(READ, 'Bearer a', 'r2')), fetcher(url, init(READ, 'Bearer a', 'r3'))];
    server.releaseAll();
    const answers = await Promise.all([first, ...others]);
    expect(server.arrivals).toHaveLength(1);
    expect(shared).toEqual([url, url]);
    expect(answers.map((a) => JSON.parse(a.text) as unknown)).toEqual([{ data: { n: 1 } }, { data: { n: 1 } }, { data: { n: 1 } }]);
    expect(answers.every((a) => a.status === 200 && a.contentType === 'application/json')).toBe(true);
  });

  it('is not a cache: a read asked after the answer came goes to the subgraph again', async () => {
    const first = fetcher(url, init(READ));
    await server.untilArrivals(1);
    server.releaseAll();
    await first;
    const second = fetcher(url, init(READ));
    await server.untilArrivals(2);
    server.releaseAll();
    expect(JSON.parse((await second).text)).toEqual({ data: { n: 2 } });
  });

  it('never shares between callers with different tokens', async () => {
    const a = fetcher(url, init(READ, 'Bearer a'));
    await server.untilArrivals(1);
    const b = fetcher(url, init(READ, 'Bearer b'));
    await server.untilArrivals(2);
    server.releaseAll();
    await Promise.all([a, b]);
    expect(server.arrivals.map((x) => x.authorization).sort()).toEqual(['Bearer a', 'Bearer b']);
    expect(shared).toEqual([]);
  });

  it('never shares a mutation: each one runs', async () => {
    const a = fetcher(url, init(WRITE));
    await server.untilArrivals(1);
    const b = fetcher(url, init(WRITE));
    await server.untilArrivals(2);
    server.releaseAll();
    await Promise.all([a, b]);
    expect(server.arrivals).toHaveLength(2);
  });
});

describe('sharingKey', () => {
  it('keys reads on URL, headers but the correlation id, and body; mutations get none', () => {
    const u = 'http://s/graphql';
    expect(sharingKey(u, init(READ, 'Bearer a', 'r1'))).toBe(sharingKey(u, init(READ, 'Bearer a', 'r2')));
    expect(sharingKey(u, init(READ, 'Bearer a'))).not.toBe(sharingKey(u, init(READ, 'Bearer b')));
    expect(sharingKey(u, init(READ))).not.toBe(sharingKey('http://t/graphql', init(READ)));
    expect(sharingKey(u, init(JSON.stringify({ query: '{customers{id}}' })))).toBeDefined();
    expect(sharingKey(u, init(WRITE))).toBeUndefined();
  });
});
