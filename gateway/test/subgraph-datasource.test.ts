import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { GATEWAY_CREDENTIAL_HEADER } from '@vinculo/common';
import type { GatewayContext } from '../src/context';
import { SubgraphDataSource } from '../src/subgraphs/datasource';
import { createSubgraphFetcher, type SubgraphFetcher } from '../src/subgraphs/fetcher';
import { SubgraphUnavailableError, type SubgraphFailureReason } from '../src/subgraphs/failure';

type Reply = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;

/** A subgraph stand-in on loopback answering each request with `reply`; records what arrived. */
async function subgraph(reply: Reply) {
  const arrivals: { headers: http.IncomingHttpHeaders; body: string }[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      arrivals.push({ headers: req.headers, body });
      reply(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  return {
    url,
    arrivals,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const json =
  (status: number, value: unknown): Reply =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(value));
  };

/** What @apollo/gateway passes for one fetch of a client operation. */
function operation(query = 'query Q__sales__0{salesOrders{edges{node{id}}}}'): GraphQLDataSourceProcessOptions<GatewayContext> {
  return {
    kind: 'incoming operation',
    request: { query, variables: { first: 2 } },
    incomingRequestContext: {},
    context: { authorization: 'Bearer caller', requestId: 'req-42' },
  } as unknown as GraphQLDataSourceProcessOptions<GatewayContext>;
}

describe('SubgraphDataSource', () => {
  let base: SubgraphFetcher;
  let failures: { subgraph: string; reason: SubgraphFailureReason }[];
  let stand: Awaited<ReturnType<typeof subgraph>> | undefined;
  const source = (url: string) =>
    new SubgraphDataSource({
      name: 'sales',
      url,
      post: base.post,
      credential: 'gateway-secret',
      onFailure: (f) => failures.push({ subgraph: f.subgraph, reason: f.reason }),
    });

  beforeEach(() => {
    base = createSubgraphFetcher(300);
    failures = [];
  });
  afterEach(async () => {
    base.close();
    await stand?.close();
    stand = undefined;
  });

  async function failureOf(promise: Promise<unknown>): Promise<SubgraphFailureReason> {
    const err = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(SubgraphUnavailableError);
    expect((err as SubgraphUnavailableError).subgraph).toBe('sales');
    expect(failures.map((f) => f.subgraph)).toEqual(['sales']);
    return failures[0]!.reason;
  }

  it("sends the operation with the caller's token, the correlation id and the gateway credential; returns the subgraph's response", async () => {
    const answer = { data: { salesOrders: { edges: [] } }, errors: [{ message: 'partial', path: ['salesOrders'] }] };
    stand = await subgraph(json(200, answer));
    expect(await source(stand.url).process(operation())).toEqual(answer);
    const [sent] = stand.arrivals;
    expect(sent!.headers.authorization).toBe('Bearer caller');
    expect(sent!.headers['x-request-id']).toBe('req-42');
    expect(sent!.headers[GATEWAY_CREDENTIAL_HEADER]).toBe('gateway-secret');
    expect(sent!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(sent!.body)).toEqual({ query: 'query Q__sales__0{salesOrders{edges{node{id}}}}', variables: { first: 2 } });
    expect(failures).toEqual([]);
  });

  it("passes on the subgraph's own refusal of the caller (401 with a closed code) as it said it, not as an outage", async () => {
    stand = await subgraph(json(401, { errors: [{ message: 'Token expired', extensions: { code: 'UNAUTHENTICATED' } }] }));
    const err = await source(stand.url)
      .process(operation())
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GraphQLError);
    expect((err as GraphQLError).message).toBe('Token expired');
    expect((err as GraphQLError).extensions).toEqual({ code: 'UNAUTHENTICATED', serviceName: 'sales' });
    expect(failures).toEqual([]);
  });

  it('fails with bad_status on a non-2xx answer that is no refusal', async () => {
    stand = await subgraph(json(503, { errors: [{ message: 'draining' }] }));
    expect(await failureOf(source(stand.url).process(operation()))).toBe('bad_status');
  });

  it('fails with bad_response on a 2xx whose body is not a GraphQL response', async () => {
    stand = await subgraph((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>proxy login</html>');
    });
    expect(await failureOf(source(stand.url).process(operation()))).toBe('bad_response');
  });

  it('fails with bad_response on a JSON body that does not parse', async () => {
    stand = await subgraph((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"data": {');
    });
    expect(await failureOf(source(stand.url).process(operation()))).toBe('bad_response');
  });

  it('fails with timeout when the whole answer does not come in time, also once the headers came', async () => {
    stand = await subgraph((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"data":'); // and nothing more
    });
    expect(await failureOf(source(stand.url).process(operation()))).toBe('timeout');
  });

  it('fails with unreachable when the connection closes mid-answer or nobody listens', async () => {
    stand = await subgraph((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      res.write('{"data":');
      setTimeout(() => res.socket?.destroy(), 10);
    });
    expect(await failureOf(source(stand.url).process(operation()))).toBe('unreachable');
    const url = stand.url;
    await stand.close();
    stand = undefined;
    failures = [];
    expect(await failureOf(source(url).process(operation()))).toBe('unreachable');
  });
});
