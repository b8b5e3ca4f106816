/**
 * The whole graph end to end: six subgraph processes and the gateway on the real Kafka broker and
 * Mongo-wire server (started once by test/global-setup.js). Every request goes through the gateway.
 */
import { expectGraphQLErrors, expectNoGraphQLErrors, metricValue, testStack, tokenFor, uniqueTenant, waitFor } from '@vinculo/common/testing';
import { execute } from './support/untyped-answers';
import { signDevToken } from '@vinculo/common';

const REGISTER = `mutation($input: RegisterCustomerInput!) { registerCustomer(input: $input) { customer { id name status kind taxId } } }`;
const CUSTOMER = `query($id: ID!) { customer(id: $id) { id name } }`;
const CUSTOMERS = `query($first: Int, $filter: CustomerFilter) { customers(first: $first, filter: $filter) { edges { node { id name } } pageInfo { hasNextPage endCursor } } }`;

let seq = 1000000;
const nextTaxId = () => String(++seq);

async function registerBusiness(token: string, name = `Empresa ${seq}`) {
  const res = await execute<{ registerCustomer: { customer: { id: string } } }>(
    REGISTER,
    {
      input: { kind: 'BUSINESS', name, taxId: nextTaxId() },
    },
    { token },
  );
  return expectNoGraphQLErrors(res).registerCustomer.customer.id;
}

describe('auth at the gateway', () => {
  test('no token → UNAUTHENTICATED (401)', async () => {
    const res = await execute(CUSTOMERS, {});
    expect(res.status).toBe(401);
    expectGraphQLErrors(res, 'UNAUTHENTICATED');
  });

  test('expired token → UNAUTHENTICATED', async () => {
    const token = await tokenFor(uniqueTenant(), ['ADMIN'], { ttl: Math.floor(Date.now() / 1000) - 60 });
    expectGraphQLErrors(await execute(CUSTOMERS, {}, { token }), 'UNAUTHENTICATED');
  });

  test('wrong signature → UNAUTHENTICATED', async () => {
    const token = await signDevToken('x'.repeat(40), { sub: 'u', tenant: uniqueTenant(), roles: ['ADMIN'] });
    expectGraphQLErrors(await execute(CUSTOMERS, {}, { token }), 'UNAUTHENTICATED');
  });

  test('a subgraph called directly without a token refuses too (defence in depth)', async () => {
    const res = await execute(CUSTOMERS, {}, { url: testStack().urls.customers });
    expectGraphQLErrors(res, 'UNAUTHENTICATED');
  });

  test('wrong role → FORBIDDEN, nothing written', async () => {
    const tenant = uniqueTenant();
    const partner = await tokenFor(tenant, ['PARTNER']);
    const res = await execute(REGISTER, { input: { kind: 'BUSINESS', name: 'No Permitida SA', taxId: nextTaxId() } }, { token: partner });
    expectGraphQLErrors(res, 'FORBIDDEN');
    const admin = await tokenFor(tenant, ['ADMIN']);
    expect(expectNoGraphQLErrors(await execute(CUSTOMERS, {}, { token: admin })).customers.edges).toHaveLength(0);
    const exec = await tokenFor(tenant, ['ACCOUNT_EXECUTIVE']);
    const assign = await execute(`mutation { assignPortfolio(input: { customerId: "cus_x", executiveId: "emp-1" }) { customer { id } } }`, {}, { token: exec });
    expectGraphQLErrors(assign, 'FORBIDDEN');
  });
});

describe('bad input → BAD_USER_INPUT and nothing written', () => {
  const tenant = uniqueTenant('bad');
  const count = async (token: string) => expectNoGraphQLErrors(await execute(CUSTOMERS, { first: 100 }, { token })).customers.edges.length;

  test.each([
    ['empty name', { kind: 'BUSINESS', name: '  ', taxId: '7654321' }],
    ['malformed tax id', { kind: 'BUSINESS', name: 'Mal NIT SRL', taxId: '12ab' }],
    ['business without tax id', { kind: 'BUSINESS', name: 'Sin NIT SRL' }],
    ['person with malformed identity card', { kind: 'PERSON', name: 'Juan Soliz', identityCard: 'x' }],
    ['unknown enum value', { kind: 'ROBOT', name: 'R2D2', taxId: '7654321' }],
  ])('%s', async (_label, input) => {
    const token = await tokenFor(tenant, ['ADMIN']);
    const before = await count(token);
    expectGraphQLErrors(await execute(REGISTER, { input }, { token }), 'BAD_USER_INPUT');
    expect(await count(token)).toBe(before);
  });

  test('first: 100000 is refused', async () => {
    const token = await tokenFor(tenant, ['ADMIN']);
    expectGraphQLErrors(await execute(CUSTOMERS, { first: 100000 }, { token }), 'BAD_USER_INPUT');
  });

  test('a duplicate tax id in the same tenant → CONFLICT; the same tax id in another tenant is fine', async () => {
    const token = await tokenFor(tenant, ['ADMIN']);
    const taxId = nextTaxId();
    expectNoGraphQLErrors(await execute(REGISTER, { input: { kind: 'BUSINESS', name: 'Original SRL', taxId } }, { token }));
    expectGraphQLErrors(await execute(REGISTER, { input: { kind: 'BUSINESS', name: 'Copia SRL', taxId } }, { token }), 'CONFLICT');
    const other = await tokenFor(uniqueTenant(), ['ADMIN']);
    expectNoGraphQLErrors(await execute(REGISTER, { input: { kind: 'BUSINESS', name: 'Otra SRL', taxId } }, { token: other }));
  });
});

describe('tenant isolation', () => {
  test('a customer of tenant A is invisible to tenant B, by id and in lists', async () => {
    const a = await tokenFor(uniqueTenant('a'), ['ADMIN']);
    const b = await tokenFor(uniqueTenant('b'), ['ADMIN']);
    const id = await registerBusiness(a, 'Solo De A SRL');
    expect(expectNoGraphQLErrors(await execute(CUSTOMER, { id }, { token: a })).customer?.id).toBe(id);
    expect(expectNoGraphQLErrors(await execute(CUSTOMER, { id }, { token: b })).customer).toBeNull();
    const listB = expectNoGraphQLErrors(await execute(CUSTOMERS, { first: 100 }, { token: b })).customers.edges;
    expect(listB.map((e: { node: { id: string } }) => e.node.id)).not.toContain(id);
    // Nor can B act on it.
    const lead = await tokenFor(uniqueTenant('b'), ['SALES_TEAM_LEAD']);
    expectGraphQLErrors(
      await execute(`mutation($id: ID!) { assignPortfolio(input: { customerId: $id, executiveId: "emp-9" }) { customer { id } } }`, { id }, { token: lead }),
      'NOT_FOUND',
    );
  });
});

describe('portfolio', () => {
  test('assign and reassign keep history; the list filters by executive', async () => {
    const tenant = uniqueTenant('pf');
    const token = await tokenFor(tenant, ['SALES_TEAM_LEAD']);
    // The portfolio goes only to registered, active account executives (R-CUS-PF1).
    const admin = await tokenFor(tenant, ['ADMIN']);
    for (const e of ['emp-1', 'emp-2']) {
      expectNoGraphQLErrors(
        await execute(
          `mutation($i: RegisterEmployeeInput!) { registerEmployee(input: $i) { employee { id } } }`,
          { i: { id: e, name: `Ejecutivo ${e}`, email: `${e}@pf.test`, roles: ['ACCOUNT_EXECUTIVE'] } },
          { token: admin },
        ),
      );
    }
    const id = await registerBusiness(token, 'Cartera SRL');
    const ASSIGN = `mutation($id: ID!, $e: ID!) { assignPortfolio(input: { customerId: $id, executiveId: $e }) { customer { executiveId portfolioHistory { executiveId previousExecutiveId assignedBy } } } }`;
    expectNoGraphQLErrors(await execute(ASSIGN, { id, e: 'emp-1' }, { token }));
    const second = expectNoGraphQLErrors(await execute(ASSIGN, { id, e: 'emp-2' }, { token })).assignPortfolio.customer;
    expect(second.executiveId).toBe('emp-2');
    expect(second.portfolioHistory).toEqual([
      { executiveId: 'emp-1', previousExecutiveId: null, assignedBy: 'user-sales_team_lead' },
      { executiveId: 'emp-2', previousExecutiveId: 'emp-1', assignedBy: 'user-sales_team_lead' },
    ]);
    expectGraphQLErrors(await execute(ASSIGN, { id, e: 'emp-2' }, { token }), 'CONFLICT');
    const mine = expectNoGraphQLErrors(await execute(CUSTOMERS, { filter: { executiveId: 'emp-2' } }, { token })).customers.edges;
    expect(mine.map((e: { node: { id: string } }) => e.node.id)).toEqual([id]);
  });

  test('pagination is stable: pages of 2 walk every customer once, in name order', async () => {
    const token = await tokenFor(uniqueTenant('pg'), ['ADMIN']);
    const names = ['Delta SRL', 'Alfa SRL', 'Echo SRL', 'Charlie SRL', 'Bravo SRL'];
    for (const n of names) await registerBusiness(token, n);
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = expectNoGraphQLErrors(
        await execute(
          `query($after: String) { customers(first: 2, after: $after) { edges { node { name } } pageInfo { hasNextPage endCursor } } }`,
          { after },
          { token },
        ),
      ).customers;
      seen.push(...page.edges.map((e: { node: { name: string } }) => e.node.name));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual([...names].sort());
  });
});

describe('federated flow: sales order → installation work order, through Kafka', () => {
  test('placing an order opens an INSTALLATION work order, visible on the customer through the gateway', async () => {
    const tenant = uniqueTenant('flow');
    const clerk = await tokenFor(tenant, ['COMMERCIAL_CLERK']);
    const customerId = await registerBusiness(clerk, 'Cooperativa Flujo SRL');
    const PLACE = `mutation($input: PlaceSalesOrderInput!) { placeSalesOrder(input: $input) { salesOrder { id status customer { id name } } } }`;
    const input = { customerId, planCode: 'FIBER-100', installationAddress: 'Av. Ballivián 123, Cochabamba' };
    // Sales accepts the order once customers.CustomerRegistered has reached its directory read model.
    const placed = await waitFor('sales to know the customer', async () => {
      const res = await execute(PLACE, { input }, { token: clerk });
      if (res.errors?.[0]?.extensions?.code === 'NOT_FOUND') return undefined;
      return expectNoGraphQLErrors(res).placeSalesOrder.salesOrder;
    });
    expect(placed).toMatchObject({ status: 'PLACED', customer: { id: customerId, name: 'Cooperativa Flujo SRL' } });

    const Q = `query($id: ID!) { customer(id: $id) { name salesOrders { edges { node { id planCode workOrders { edges { node { type status } } } } } }
      workOrders { edges { node { type status address salesOrder { id planCode } } } } } }`;
    const customer = await waitFor('the installation work order', async () => {
      const c = expectNoGraphQLErrors(await execute(Q, { id: customerId }, { token: clerk })).customer;
      return c.workOrders.edges.length ? c : undefined;
    });
    expect(customer.workOrders.edges).toEqual([
      { node: { type: 'INSTALLATION', status: 'CREATED', address: input.installationAddress, salesOrder: { id: placed.id, planCode: 'FIBER-100' } } },
    ]);
    expect(customer.salesOrders.edges[0].node.workOrders.edges).toEqual([{ node: { type: 'INSTALLATION', status: 'CREATED' } }]);
  });
});

describe('every subgraph keeps the customer directory from customers.CustomerRegistered', () => {
  const creates: [string, string, (customerId: string) => Record<string, unknown>, string][] = [
    [
      'sales',
      `mutation($input: PlaceSalesOrderInput!) { placeSalesOrder(input: $input) { salesOrder { id } } }`,
      (customerId) => ({ customerId, planCode: 'ADSL-10', installationAddress: 'Calle Sucre 45, Quillacollo' }),
      'COMMERCIAL_CLERK',
    ],
    [
      'postsale',
      `mutation($input: RegisterInstalledProductInput!) { registerInstalledProduct(input: $input) { installedProduct { id } } }`,
      (customerId) => ({
        customerId,
        planCode: 'LINEA-FIJA',
        family: 'FIXED_LINE',
        serviceNumber: `44${seq++}`,
        installationAddress: 'Calle Jordán 10, Cochabamba',
      }),
      'COMMERCIAL_CLERK',
    ],
    [
      'collections',
      `mutation($input: OpenBillingAccountInput!) { openBillingAccount(input: $input) { billingAccount { id } } }`,
      (customerId) => ({ customerId, currency: 'BOB' }),
      'COMMERCIAL_CLERK',
    ],
    [
      'techsupport',
      `mutation($input: CreateWorkOrderInput!) { createWorkOrder(input: $input) { workOrder { id } } }`,
      (customerId) => ({ customerId, type: 'REPAIR', address: 'Calle Junín 99, Sacaba' }),
      'TECHNICAL_COORDINATOR',
    ],
    [
      'proposals',
      `mutation($input: RegisterLeadInput!) { registerLead(input: $input) { lead { id } } }`,
      (customerId) => ({ customerId, companyName: 'Grupo Lead SA', source: 'MEETING', requirement: 'Managed SOC for 3 sites' }),
      'COMMERCIAL_DIRECTOR',
    ],
  ];

  test.each(creates)('%s: unknown customer → NOT_FOUND; once registered, the create succeeds', async (_name, mutation, input, role) => {
    const tenant = uniqueTenant('dir');
    const token = await tokenFor(tenant, [role as 'ADMIN']);
    expectGraphQLErrors(await execute(mutation, { input: input('cus_unknown') }, { token }), 'NOT_FOUND');
    const customerId = await registerBusiness(await tokenFor(tenant, ['ADMIN']), 'Directorio SRL');
    await waitFor('the read model to learn the customer', async () => {
      const res = await execute(mutation, { input: input(customerId) }, { token });
      return res.errors?.length ? undefined : res.data;
    });
  });
});

describe('N+1: a list of 50 customers with a field from every subgraph', () => {
  test('each subgraph gets one _entities request and runs a bounded number of queries', async () => {
    const tenant = uniqueTenant('n1');
    const token = await tokenFor(tenant, ['ADMIN']);
    for (let i = 0; i < 50; i++) await registerBusiness(token, `Cliente ${String(i).padStart(2, '0')} SRL`);
    const stack = testStack();
    const others = ['sales', 'postsale', 'collections', 'techsupport', 'proposals'];
    const read = async () =>
      Object.fromEntries(
        await Promise.all(
          Object.entries(stack.urls).map(async ([name, url]) => [
            name,
            {
              entities: await metricValue(url, 'vinculo_graphql_root_fields_total', { field: '_entities' }),
              queries: await metricValue(url, 'vinculo_db_operations_total', { origin: 'request' }),
            },
          ]),
        ),
      ) as Record<string, { entities: number; queries: number }>;
    // Each subgraph looks the caller up once in its staff registry (cached per caller): warm that up
    // first, so the count below is about the page and its references only.
    await execute(
      `query { customers(first: 1) { edges { node { id salesOrders(first: 1) { edges { node { id } } } subscriptions(first: 1) { edges { node { id } } }
      billingAccounts(first: 1) { edges { node { id } } } workOrders(first: 1) { edges { node { id } } } leads(first: 1) { edges { node { id } } } } } } }`,
      {},
      { token },
    );
    const before = await read();
    const res = await execute(
      `query { customers(first: 50) { edges { node { id name
        salesOrders(first: 5) { edges { node { id } } }
        subscriptions(first: 5) { edges { node { id } } }
        billingAccounts(first: 5) { edges { node { id } } }
        workOrders(first: 5) { edges { node { id } } }
        leads(first: 5) { edges { node { id } } } } } } }`,
      {},
      { token },
    );
    expect(expectNoGraphQLErrors(res).customers.edges).toHaveLength(50);
    const after = await read();
    for (const name of others) {
      expect({ name, entities: after[name]!.entities - before[name]!.entities }).toEqual({ name, entities: 1 });

      // One batched query answers the 50 customers' lists (DB operations made while serving requests).
      expect({ name, queries: after[name]!.queries - before[name]!.queries }).toEqual({ name, queries: 1 });
    }
    expect(after.customers!.queries - before.customers!.queries).toBe(1); // the page itself
  });
});
