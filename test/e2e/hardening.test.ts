/**
 * Subgraphs and gateway (issue 14, item 6): abusive operations are refused at the gateway before any
 * subgraph is called (each subgraph's root-field counter does not move), the README's example
 * queries fit the budget, subgraphs answer only the gateway's credential and apply the same shape
 * limits, and nobody is told "Did you mean …".
 */
import { execute, expectGraphQLErrors, expectNoGraphQLErrors, metricValue, stackSetting, testStack, tokenFor, uniqueTenant } from '@vinculo/common/testing';

const SUBGRAPHS = ['customers', 'sales', 'postsale', 'collections', 'techsupport', 'proposals'];

/** Root fields served so far by every subgraph (all types, all fields). */
async function rootFieldsServed(): Promise<number> {
  const urls = testStack().urls;
  const counts = await Promise.all(SUBGRAPHS.map((s) => metricValue(urls[s]!, 'vinculo_graphql_root_fields_total')));
  return counts.reduce((a, b) => a + b, 0);
}

const README_CUSTOMER_360 = `query Customer360 {
  customers(first: 1, filter: { nameContains: "hotel" }) {
    edges { node {
      id name taxId status
      contacts { name phone primary }
      executive { name email }
      eligibility { eligible reasons { kind detail since } }
      salesOrders(first: 3) { edges { node { planCode status workOrders { edges { node { type status } } } } } }
      subscriptions(first: 3) { edges { node { planCode family status } } }
      billingAccounts(first: 3) { edges { node { accountNumber currency standing } } }
      leads(first: 3) { edges { node { companyName source status } } }
      timeline(first: 10) { edges { node { at kind summary actor { userId role }
        subject { typename salesOrder { planCode } workOrder { type status } } } } }
    } }
  }
}`;

const README_PORTFOLIO = `query Portfolio {
  employee(id: "emp-ejecutiva-1") {
    name roles teamLead { name }
    portfolio(first: 20, filter: { status: PROSPECT }) {
      edges { node { name status eligibility { eligible } salesOrders(first: 1) { edges { node { status } } } } }
      pageInfo { hasNextPage endCursor }
    }
  }
  monthlyPlan(executiveId: "emp-ejecutiva-1", month: "2026-12") { newCaptureTarget }
  visitsWeek(executiveId: "emp-ejecutiva-1", weekStart: "2026-11-23") { visits { startsAt customer { name } status } }
}`;

const README_INDICATORS = `query Indicators {
  billingGrowthIndicator(month: "2026-11", segment: "BUSINESS") { rule value status numerator denominator }
  digitalSalesIndicator(day: "2026-11-24") { rule value status numerator denominator }
  postSaleIndicators(month: "2026-11") { overall { requests efficacyPercent efficacyStatus timelinessPercent timelinessStatus } }
  collectionsIndicators(period: "2026-11") { overdueRatioPercent promiseKeptRatePercent }
}`;

const NESTED = `{ customers(first: 100) { edges { node { id
  salesOrders(first: 100) { edges { node { id workOrders(first: 100) { edges { node { id type status } } } } } } } } } }`;

const ALIASED_INDICATOR = `{ ${Array.from({ length: 30 }, (_, i) => `i${i}: billingGrowthIndicator(month: "2026-11", segment: "BUSINESS") { value }`).join('\n')} }`;

describe('cost budget at the gateway', () => {
  let token: string;
  beforeAll(async () => {
    token = await tokenFor(uniqueTenant('cost'), ['ADMIN']);
  });

  test.each([
    ['nested connections 100 × 100 × 100', NESTED],
    ['30 aliases of an indicator', ALIASED_INDICATOR],
  ])('%s: refused with BAD_USER_INPUT before any subgraph is called', async (_what, query) => {
    const before = await rootFieldsServed();
    const res = await execute(query, {}, { token });
    const err = expectGraphQLErrors(res, 'BAD_USER_INPUT');
    expect(err.message).toMatch(/estimated cost is .*the budget is 5000/);
    expect(res.status).toBe(400);
    expect(res.data ?? null).toBeNull();
    // Nothing reached a subgraph: the counters only move when a subgraph serves a root field.
    expect(await rootFieldsServed()).toBe(before);
  });

  test('the same nested shape with small pages passes (the budget is about size, not shape)', async () => {
    const small = NESTED.replace(/first: 100/g, 'first: 5');
    expectNoGraphQLErrors(await execute(small, {}, { token }));
  });

  test('a page size given by variable counts with its value', async () => {
    const query = `query($n: Int) { customers(first: $n) { edges { node { id salesOrders(first: $n) { edges { node { id workOrders(first: $n) { edges { node { id } } } } } } } } } }`;
    const before = await rootFieldsServed();
    expectGraphQLErrors(await execute(query, { n: 100 }, { token }), 'BAD_USER_INPUT');
    expect(await rootFieldsServed()).toBe(before);
    expectNoGraphQLErrors(await execute(query, { n: 3 }, { token }));
  });

  test.each([
    ['Customer 360', README_CUSTOMER_360],
    ['Portfolio', README_PORTFOLIO],
    ['Indicators', README_INDICATORS],
  ])("README's %s query fits the budget and reaches the subgraphs", async (_name, query) => {
    const before = await rootFieldsServed();
    const res = await execute(query, {}, { token });
    // The tenant is empty: the README's employee is NOT_FOUND there, but no limit refuses the query.
    const codes = (res.errors ?? []).map((e) => e.extensions?.code);
    expect(codes).not.toContain('BAD_USER_INPUT');
    expect(codes).not.toContain('INTERNAL_SERVER_ERROR');
    expect(await rootFieldsServed()).toBeGreaterThan(before);
  });

  test('the parser stops at its token limit: BAD_USER_INPUT, no subgraph called', async () => {
    const before = await rootFieldsServed();
    const fields = Array.from({ length: 6000 }, () => 'id').join(' ');
    const res = await execute(`{ customers(first: 1) { edges { node { ${fields} } } } }`, {}, { token });
    const err = expectGraphQLErrors(res, 'BAD_USER_INPUT');
    expect(err.message).toMatch(/5000 tokens/); // graphql-js: "more that 5000 tokens"
    expect(await rootFieldsServed()).toBe(before);
  });
});

describe('subgraphs answer only the gateway', () => {
  const CUSTOMERS = '{ customers(first: 1) { edges { node { id } } } }';

  test('a direct call without the gateway credential is refused with 401, even with a valid user token', async () => {
    const token = await tokenFor(uniqueTenant('direct'), ['ADMIN']);
    for (const name of SUBGRAPHS) {
      const url = testStack().urls[name]!;
      const res = await execute('{ __typename }', {}, { token, url, asGateway: false });
      expect(res.status).toBe(401);
      expectGraphQLErrors(res, 'UNAUTHENTICATED');
    }
    const wrong = await execute(CUSTOMERS, {}, { token, url: testStack().urls.customers, asGateway: false, headers: { 'x-gateway-token': 'x'.repeat(40) } });
    expect(wrong.status).toBe(401);
    // The same request with the credential is served (the test stack runs outside production).
    expectNoGraphQLErrors(await execute(CUSTOMERS, {}, { token, url: testStack().urls.customers }));
  });

  test('`_service { sdl }` needs the credential too', async () => {
    const url = testStack().urls.sales!;
    const res = await execute('{ _service { sdl } }', {}, { url, asGateway: false });
    expect(res.status).toBe(401);
    expect(JSON.stringify(res.data ?? null)).not.toContain('type Query');
  });

  test('the credential is configured on the stack (otherwise the refusals above prove nothing)', () => {
    expect(stackSetting('INTERNAL_API_TOKEN')?.length).toBeGreaterThanOrEqual(32);
  });

  test('/metrics answers only with the metrics token', async () => {
    for (const base of [testStack().gatewayUrl, testStack().urls.customers!]) {
      expect((await fetch(new URL('/metrics', base))).status).toBe(401);
    }
    expect(await metricValue(testStack().urls.customers!, 'vinculo_graphql_root_fields_total')).toBeGreaterThanOrEqual(0);
  });
});

describe('subgraphs apply the shape limits themselves', () => {
  let token: string;
  beforeAll(async () => {
    token = await tokenFor(uniqueTenant('shape'), ['ADMIN']);
  });

  test('too many aliases are refused by a subgraph called directly', async () => {
    const aliases = Array.from({ length: 31 }, (_, i) => `a${i}: __typename`).join(' ');
    const res = await execute(`{ ${aliases} }`, {}, { token, url: testStack().urls.customers });
    expectGraphQLErrors(res, 'BAD_USER_INPUT');
  });

  test('`_entities` with more representations than the cap is refused before any is resolved', async () => {
    const representations = Array.from({ length: 1001 }, (_, i) => ({ __typename: 'Customer', id: `cus_${i}` }));
    const url = testStack().urls.sales!;
    const query = 'query($r: [_Any!]!) { _entities(representations: $r) { __typename } }';
    const before = await metricValue(url, 'vinculo_graphql_root_fields_total', { field: '_entities' });
    const res = await execute(query, { r: representations }, { token, url });
    const err = expectGraphQLErrors(res, 'BAD_USER_INPUT');
    expect(err.message).toMatch(/1001 representations; the limit is 1000/);
    expect(await metricValue(url, 'vinculo_graphql_root_fields_total', { field: '_entities' })).toBe(before);
    // At the cap it is served.
    expectNoGraphQLErrors(await execute(query, { r: representations.slice(0, 1000) }, { token, url }));
  });
});

describe('no field suggestions outside development', () => {
  test('neither the gateway nor a subgraph says "Did you mean"', async () => {
    const token = await tokenFor(uniqueTenant('suggest'), ['ADMIN']);
    const typo = '{ customerz(first: 1) { edges { node { id } } } }';
    for (const url of [testStack().gatewayUrl, testStack().urls.customers!]) {
      const res = await execute(typo, {}, { token, url });
      const err = expectGraphQLErrors(res, 'BAD_USER_INPUT');
      expect(err.message).toMatch(/customerz/);
      expect(JSON.stringify(res.errors)).not.toMatch(/Did you mean/i);
    }
  });
});
