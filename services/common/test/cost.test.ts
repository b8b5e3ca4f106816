import { buildSchema, parse } from 'graphql';
import { DEFAULT_COST_MODEL, operationCost } from '../src/graphql/limits/cost';

const schema = buildSchema(`
  type Query {
    customers(first: Int, after: String): CustomerConnection
    customer(id: ID!): Customer
    billingGrowthIndicator(month: String): Indicator
    version: String
  }
  type Mutation { touch(id: ID!): Customer }
  type Indicator { value: Float, status: String }
  type CustomerConnection { edges: [CustomerEdge], pageInfo: PageInfo }
  type CustomerEdge { cursor: String, node: Customer }
  type PageInfo { hasNextPage: Boolean }
  type Contact { name: String }
  type Customer {
    id: ID, name: String
    contacts: [Contact]
    salesOrders(first: Int): SalesOrderConnection
  }
  type SalesOrderConnection { edges: [SalesOrderEdge] }
  type SalesOrderEdge { node: SalesOrder }
  type SalesOrder { id: ID, workOrders(first: Int): WorkOrderConnection }
  type WorkOrderConnection { edges: [WorkOrderEdge] }
  type WorkOrderEdge { node: WorkOrder }
  type WorkOrder { id: ID, type: String }
`);

const cost = (query: string, variables: Record<string, unknown> = {}, operationName?: string) => operationCost(schema, parse(query), operationName, variables);

describe('operationCost', () => {
  it('counts object fields once each and leaves as free', () => {
    expect(cost('{ version }')).toBe(0);
    expect(cost('{ customer(id: "1") { id name } }')).toBe(1);
    // customer + contacts (a plain list: default size for what is below, nothing below but leaves)
    expect(cost('{ customer(id: "1") { contacts { name } } }')).toBe(2);
  });

  it('multiplies what is below a connection by its `first`, literal or variable', () => {
    // customers 1 + 10 × (edges 1 + node 1) = 21
    expect(cost('{ customers(first: 10) { edges { node { id } } } }')).toBe(21);
    expect(cost('query Q($n: Int) { customers(first: $n) { edges { node { id } } } }', { n: 10 })).toBe(21);
    // absent `first`: the default page size
    const size = DEFAULT_COST_MODEL.defaultListSize;
    expect(cost('{ customers { edges { node { id } } } }')).toBe(1 + size * 2);
  });

  it('nested connections multiply: 100 × 100 × 100 is over a million', () => {
    const nested = `{ customers(first: 100) { edges { node {
      salesOrders(first: 100) { edges { node { workOrders(first: 100) { edges { node { id type } } } } } } } } } }`;
    expect(cost(nested)).toBeGreaterThan(1_000_000);
    const small = nested.replace(/first: 100/g, 'first: 3');
    expect(cost(small)).toBeLessThan(200);
  });

  it('weighs indicators, and every alias runs its field again', () => {
    const one = cost('{ billingGrowthIndicator(month: "2026-11") { value } }')!;
    expect(one).toBe(1 + 250);
    const aliases = Array.from({ length: 30 }, (_, i) => `i${i}: billingGrowthIndicator(month: "2026-11") { value }`).join(' ');
    expect(cost(`{ ${aliases} }`)).toBe(30 * one);
  });

  it('follows fragments and inline fragments, each time they are spread', () => {
    const q = `
      query { a: customer(id: "1") { ...C } b: customer(id: "2") { ...C } }
      fragment C on Customer { ... on Customer { contacts { name } } }`;
    expect(cost(q)).toBe(4);
  });

  it('stops at the budget and bounds exponential fragment fan-out', () => {
    const levels = 30;
    const fragments = Array.from({ length: levels }, (_, i) =>
      i === levels - 1 ? `fragment F${i} on Customer { id }` : `fragment F${i} on Customer { ...F${i + 1} ...F${i + 1} id }`,
    ).join('\n');
    const c = operationCost(schema, parse(`{ customer(id: "1") { ...F0 } } ${fragments}`), undefined, {}, DEFAULT_COST_MODEL, 5000);
    expect(c).toBe(Number.POSITIVE_INFINITY);
    const nested = `{ customers(first: 100) { edges { node { salesOrders(first: 100) { edges { node { id } } } } } } }`;
    const stopped = operationCost(schema, parse(nested), undefined, {}, DEFAULT_COST_MODEL, 50);
    expect(stopped).toBeGreaterThan(50);
    expect(stopped).toBeLessThan(20_000); // did not walk the whole tree
  });

  it('picks the named operation; unknown names are left to graphql-js', () => {
    const doc = 'query A { version } query B { customer(id: "1") { id } }';
    expect(cost(doc, {}, 'B')).toBe(1);
    expect(cost(doc, {}, 'Nope')).toBeUndefined();
    expect(cost(doc)).toBeUndefined();
    expect(cost('mutation { touch(id: "1") { id } }')).toBe(1);
  });
});
