import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { SubgraphResolverMap } from '@vinculo/common';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';

/** Test double of a subgraph: records the headers of every GraphQL request it receives. */
export interface StubSubgraph {
  name: string;
  url: string;
  seen: http.IncomingHttpHeaders[];
  stop(): Promise<void>;
}

/** A promise the test settles by hand: lets a resolver block until the test says so (no sleeps). */
export interface Gate {
  arrived: Promise<void>;
  open(): void;
  wait(): Promise<void>;
}

export function gate(): Gate {
  let arrive!: () => void;
  let release!: () => void;
  const arrived = new Promise<void>((r) => (arrive = r));
  const released = new Promise<void>((r) => (release = r));
  return {
    arrived,
    open: () => release(),
    wait: () => {
      arrive();
      return released;
    },
  };
}

export const CUSTOMERS_SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Query {
    customer(id: ID!): Customer
    "Blocks until the test opens the current gate (timeouts, graceful shutdown)."
    slow: String
  }
  type Customer @key(fields: "id") {
    id: ID!
    name: String!
    referredBy: Customer
  }
`;

export const SALES_SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Customer @key(fields: "id") {
    id: ID!
    "Nullable, as every field a subgraph adds to another's entity: null when sales is unavailable."
    orders: [Order!]
  }
  type Order {
    id: ID!
    total: String!
  }
`;

/** The slow field's current gate; tests replace it. */
export const slowField: { gate: Gate } = { gate: gate() };

const customerResolvers: SubgraphResolverMap = {
  Query: {
    customer: (_root: unknown, args: { id: string }) => ({ id: args.id }),
    slow: async () => {
      await slowField.gate.wait();
      return 'done';
    },
  },
  Customer: {
    __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
    name: (customer: { id: string }) => `Customer ${customer.id}`,
    referredBy: (customer: { id: string }) => ({ id: `${customer.id}-ref` }),
  },
};

const salesResolvers: SubgraphResolverMap = {
  Customer: {
    __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
    orders: (customer: { id: string }) => [{ id: `${customer.id}-o1`, total: '10.00' }],
  },
};

/**
 * A plain HTTP server in a subgraph's place that answers every request with `handler` (a proxy's
 * 503, a body that is not JSON…), on an ephemeral port.
 */
export async function startRaw(handler: http.RequestListener): Promise<{ url: string; stop(): Promise<void> }> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A URL nobody listens on: a port just released, so a connection to it is refused as by a dead process. */
export async function closedPortUrl(): Promise<string> {
  const raw = await startRaw(() => undefined);
  await raw.stop();
  return raw.url;
}

/** Start a stub subgraph on an ephemeral port. */
export async function startStub(name: string, typeDefs: string, resolvers: SubgraphResolverMap): Promise<StubSubgraph> {
  const seen: http.IncomingHttpHeaders[] = [];
  const app = express();
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer({
    schema: buildSubgraphSchema({ typeDefs: parse(typeDefs), resolvers }),
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  await apollo.start();
  app.get('/health/ready', (_req, res) => {
    res.json({ status: 'ready' });
  });
  app.use(
    '/graphql',
    (req, _res, next) => {
      seen.push(req.headers);
      next();
    },
    express.json(),
    expressMiddleware(apollo),
  );
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = httpServer.address() as AddressInfo;
  return {
    name,
    url: `http://127.0.0.1:${port}/graphql`,
    seen,
    stop: async () => {
      await apollo.stop();
      httpServer.closeAllConnections();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}

export const startCustomers = () => startStub('customers', CUSTOMERS_SDL, customerResolvers);
export const startSales = () => startStub('sales', SALES_SDL, salesResolvers);

/** Compose a supergraph from the stubs' SDL, recording `urls` (by subgraph name) in it. */
export function composeSupergraph(urls: Record<'customers' | 'sales', string>): string {
  const result = composeServices([
    { name: 'customers', typeDefs: parse(CUSTOMERS_SDL), url: urls.customers },
    { name: 'sales', typeDefs: parse(SALES_SDL), url: urls.sales },
  ]);
  if (result.errors) throw new Error(`composition failed: ${result.errors.map((e) => e.message).join('; ')}`);
  return result.supergraphSdl;
}
