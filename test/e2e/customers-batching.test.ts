/**
 * N+1 guards of the customers subgraph, through the gateway on the real engines: child connections
 * of a list (`Employee.portfolio`, `Customer.timeline`) cost a constant number of queries on their
 * collection, counted with the subgraph's `vinculo_db_operations_total{origin="request"}`. The test stack
 * runs on the local engine, so the kit's bounded child pages are `grouped` there: one aggregation per
 * distinct page, each parent's rows cut in the store (on MongoDB, per-parent bounded queries instead).
 */
import { metricValue, testStack, tokenFor, uniqueTenant, waitFor } from '@vinculo/common/testing';
import { ok } from './support/untyped-answers';

const REGISTER_EMPLOYEE = `mutation($i: RegisterEmployeeInput!) { registerEmployee(input: $i) { employee { id } } }`;
const REGISTER_CUSTOMER = `mutation($i: RegisterCustomerInput!) { registerCustomer(input: $i) { customer { id } } }`;
const ASSIGN = `mutation($c: ID!, $e: ID!) { assignPortfolio(input: { customerId: $c, executiveId: $e }) { customer { id } } }`;

const PORTFOLIOS = `query($f: PortfolioFilter) { employees(first: 20, filter: { role: ACCOUNT_EXECUTIVE }) { edges { node { id
  portfolio(first: 3, filter: $f) { edges { node { id name executiveId } } pageInfo { hasNextPage endCursor } } } } } }`;
const PORTFOLIO_AFTER = `query($id: ID!, $f: PortfolioFilter, $after: String) { employee(id: $id) {
  portfolio(first: 3, after: $after, filter: $f) { edges { node { name } } pageInfo { hasNextPage } } } }`;
const TIMELINES = `query($e: ID!) { customers(first: 10, filter: { executiveId: $e }) { edges { node { id
  timeline(first: 2) { edges { node { id eventType } } pageInfo { hasNextPage endCursor } } } } } }`;
const TIMELINE = `query($id: ID!, $first: Int) { customer(id: $id) { timeline(first: $first) { edges { node { id eventType } } } } }`;

let seq = 7000000;
const EXECUTIVES = ['ejec-1', 'ejec-2', 'ejec-3', 'ejec-4', 'ejec-5'];

/** Operations on `collection` the customers subgraph ran while serving requests so far. */
const requestOps = (collection: string) => metricValue(testStack().urls.customers!, 'vinculo_db_operations_total', { collection, origin: 'request' });

/** A tenant with five executives holding 4 "Cartera" customers and one "Otro" each, and one with none. */
async function portfolios() {
  const admin = await tokenFor(uniqueTenant('n1cus'), ['ADMIN']);
  const held: Record<string, string[]> = {};
  for (const e of [...EXECUTIVES, 'ejec-vacio']) {
    await ok(admin, REGISTER_EMPLOYEE, { i: { id: e, name: `Ejecutivo ${e}`, email: `${e}@vinculo.test`, roles: ['ACCOUNT_EXECUTIVE'] } });
  }
  for (const e of EXECUTIVES) {
    held[e] = [];
    // Registered out of name order: the page must come sorted by name.
    for (const name of [`Cartera ${e} D SRL`, `Otro ${e} SRL`, `Cartera ${e} B SRL`, `Cartera ${e} A SRL`, `Cartera ${e} C SRL`]) {
      const id = (await ok(admin, REGISTER_CUSTOMER, { i: { kind: 'BUSINESS', name, taxId: String(++seq) } })).registerCustomer.customer.id as string;
      await ok(admin, ASSIGN, { c: id, e });
      held[e].push(id);
    }
  }
  return { admin, held };
}

describe('N+1: child connections of a list cost a constant number of queries', () => {
  let admin: string;
  let held: Record<string, string[]>;
  beforeAll(async () => {
    ({ admin, held } = await portfolios());
  });

  test('5 employees with their filtered portfolios: 1 customers-collection query, not 5; pages and cursors as before', async () => {
    const before = await requestOps('customers');
    const res = await ok(admin, PORTFOLIOS, { f: { nameContains: 'cartera' } });
    const spent = (await requestOps('customers')) - before;

    const byEmployee = Object.fromEntries(res.employees.edges.map((e: any) => [e.node.id, e.node.portfolio])) as Record<
      string,
      { edges: { node: { id: string; name: string; executiveId: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } }
    >;
    expect(Object.keys(byEmployee).sort()).toEqual([...EXECUTIVES, 'ejec-vacio'].sort());
    for (const e of EXECUTIVES) {
      // Registered D, Otro, B, A, C: the page is A, B, C.
      const [d, , b, a, c] = held[e]!;
      expect(byEmployee[e]!.edges.map((x) => x.node)).toEqual(
        (
          [
            ['A', a],
            ['B', b],
            ['C', c],
          ] as const
        ).map(([l, id]) => ({ id, name: `Cartera ${e} ${l} SRL`, executiveId: e })),
      );
      expect(d).toBeDefined();
      expect(byEmployee[e]!.pageInfo.hasNextPage).toBe(true);
    }
    expect(byEmployee['ejec-vacio']).toEqual({ edges: [], pageInfo: { hasNextPage: false, endCursor: null } });

    // One grouped read, each executive's page cut in the store: whatever the number of employees.
    expect(spent).toBe(1);

    // A batched first page's cursor continues that executive's list (the next page is per executive).
    const next = await ok(admin, PORTFOLIO_AFTER, { id: 'ejec-2', f: { nameContains: 'cartera' }, after: byEmployee['ejec-2']!.pageInfo.endCursor });
    expect(next.employee.portfolio).toEqual({ edges: [{ node: { name: 'Cartera ejec-2 D SRL' } }], pageInfo: { hasNextPage: false } });
  });

  test('portfolios with different pages in one request are batched per (first, filter)', async () => {
    const before = await requestOps('customers');
    const res = await ok(
      admin,
      `query { employees(first: 20, filter: { role: ACCOUNT_EXECUTIVE }) { edges { node { id
        all: portfolio(first: 10) { edges { node { name } } }
        otros: portfolio(first: 1, filter: { nameContains: "otro" }) { edges { node { name } } pageInfo { hasNextPage } } } } } }`,
    );
    const spent = (await requestOps('customers')) - before;
    for (const { node } of res.employees.edges.filter((e: any) => EXECUTIVES.includes(e.node.id))) {
      expect(node.all.edges).toHaveLength(5);
      expect(node.otros).toEqual({ edges: [{ node: { name: `Otro ${node.id} SRL` } }], pageInfo: { hasNextPage: false } });
    }
    expect(spent).toBe(2); // one per distinct page, not per employee
  });

  test('5 customers with their timelines: 1 timeline-collection query, not 5', async () => {
    // Each customer's timeline holds its registration and its portfolio assignment (fed from Kafka).
    for (const id of held['ejec-3']!) {
      await waitFor(`the timeline of ${id}`, async () =>
        (await ok(admin, TIMELINE, { id, first: 10 })).customer.timeline.edges.length >= 2 ? true : undefined,
      );
    }
    const before = await requestOps('timeline');
    const res = await ok(admin, TIMELINES, { e: 'ejec-3' });
    const spent = (await requestOps('timeline')) - before;
    expect(res.customers.edges).toHaveLength(5);
    for (const { node } of res.customers.edges) {
      const single = (await ok(admin, TIMELINE, { id: node.id, first: 2 })).customer.timeline.edges;
      expect(node.timeline.edges).toEqual(single); // the batched page is the customer's own first page
      expect(node.timeline.edges).toHaveLength(2);
    }
    expect(spent).toBe(1);
  });
});
