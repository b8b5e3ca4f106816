/**
 * Partial answers: with one subgraph down, Customer 360 keeps everything the other five know and
 * names the failed subgraph in the errors, with nothing internal (no URL, host, port, network error).
 *
 * Each subgraph in turn: a second gateway, in this process, whose URL for that subgraph is a closed
 * port — the connection is refused exactly as for a dead process — and the real one for the others;
 * its answer must be the full answer of the stack's gateway with that subgraph's fields null.
 * Then one real crash: kill -9 of the stack's techsupport process, read through the stack's own
 * gateway, and techsupport started again (ready) before the test ends.
 */
import { createServer } from 'node:net';
import {
  execute,
  expectNoGraphQLErrors,
  killSubgraph,
  metricValue,
  restartSubgraph,
  stackSetting,
  testStack,
  tokenFor,
  uniqueTenant,
  waitFor,
  type GraphQLResponse,
} from '@vinculo/common/testing';
import { startGateway, type RunningGateway } from '../../gateway/src/server';

const SUBGRAPHS = ['customers', 'sales', 'postsale', 'collections', 'techsupport', 'proposals'] as const;
type Subgraph = (typeof SUBGRAPHS)[number];

/** The README's Customer 360, by id: fields from all six subgraphs (techsupport's under the orders). */
const CUSTOMER_360 = `query Customer360($id: ID!) {
  customer(id: $id) {
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
  }
}`;

/** The same customer entered through its order: what the five others know, without customers. */
const ORDER_VIEW = `query OrderView($id: ID!) {
  salesOrder(id: $id) {
    planCode status
    workOrders { edges { node { type status } } }
    customer {
      id
      subscriptions(first: 3) { edges { node { planCode status } } }
      billingAccounts(first: 3) { edges { node { accountNumber standing } } }
      leads(first: 3) { edges { node { companyName } } }
    }
  }
}`;

/** The one error a client gets for a subgraph that could not answer: its name, the closed code, nothing else. */
const unavailable = (subgraph: string) => ({
  message: `${subgraph} is unavailable; its fields are null in this answer`,
  extensions: { code: 'INTERNAL_SERVER_ERROR', subgraph },
});
const INTERNALS = /127\.0\.0\.1|localhost|https?:|:\d{4,5}\b|ECONN|refused|FetchError|stack|\bat \w+ \(/i;

type Data = Record<string, any>;
type Answer = GraphQLResponse<Data>;

/** The full answer with `subgraph`'s fields null: what a gateway must answer while it is down. */
function without(full: Data, subgraph: Subgraph): Data {
  if (subgraph === 'customers') return { customer: null }; // the root field is customers' own
  const c = structuredClone(full.customer);
  const subjects = c.timeline.edges.map((e: any) => e.node.subject).filter(Boolean);
  switch (subgraph) {
    case 'sales':
      c.salesOrders = null;
      for (const s of subjects) if (s.salesOrder) s.salesOrder = null; // planCode is sales'
      break;
    case 'techsupport':
      for (const e of c.salesOrders.edges) e.node.workOrders = null;
      for (const s of subjects) if (s.workOrder) s.workOrder = null;
      break;
    case 'postsale':
      c.subscriptions = null;
      break;
    case 'collections':
      c.billingAccounts = null;
      break;
    case 'proposals':
      c.leads = null;
      break;
  }
  return { customer: c };
}

/** A URL nobody listens on: a port the kernel just handed out and we released. */
async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/graphql`;
}

/** A gateway in this process on the stack's subgraphs, except `down`, which points at a closed port. */
async function gatewayWithout(down: Subgraph): Promise<RunningGateway> {
  const { urls } = testStack();
  const env: NodeJS.ProcessEnv = {
    NODE_ENV: 'test',
    ALLOW_DEV_JWT_SECRET: 'true',
    LOG_LEVEL: 'silent',
    PORT: '0',
    HOST: '127.0.0.1',
    RATE_LIMIT_PER_MINUTE: '100000',
    // The stack's subgraphs answer only the gateway's credential.
    INTERNAL_API_TOKEN: stackSetting('INTERNAL_API_TOKEN'),
  };
  for (const name of SUBGRAPHS) env[`SUBGRAPH_${name.toUpperCase()}_URL`] = name === down ? await closedPortUrl() : urls[name];
  return startGateway(env);
}

let token: string;
let customerId: string;
let orderId: string;

beforeAll(async () => {
  const tenant = uniqueTenant('partial');
  token = await tokenFor(tenant, ['ADMIN'], { sub: 'partial-admin' });
  const run = (query: string, variables: Record<string, unknown>) => execute<Data>(query, variables, { token });
  /** A write another subgraph accepts once customers.CustomerRegistered has reached its directory. */
  const once = (what: string, query: string, variables: Record<string, unknown>) =>
    waitFor(what, async () => {
      const res = await run(query, variables);
      return res.errors?.[0]?.extensions?.code === 'NOT_FOUND' ? undefined : expectNoGraphQLErrors(res);
    });

  const executive = { id: 'emp-partial-1', name: 'Ejecutiva Parcial', email: 'parcial@example.com', roles: ['ACCOUNT_EXECUTIVE'] };
  expectNoGraphQLErrors(await run('mutation($i: RegisterEmployeeInput!) { registerEmployee(input: $i) { employee { id } } }', { i: executive }));
  customerId = expectNoGraphQLErrors(
    await run('mutation($i: RegisterCustomerInput!) { registerCustomer(input: $i) { customer { id } } }', {
      i: { kind: 'BUSINESS', name: 'Hotel Parcial SRL', taxId: '7700123' },
    }),
  ).registerCustomer.customer.id;
  expectNoGraphQLErrors(
    await run('mutation($i: AddContactInput!) { addContact(input: $i) { customer { id } } }', {
      i: { customerId, contact: { name: 'Rosa Parcial', role: 'Gerente', phone: '+591 4 4251111', email: 'rosa@example.com' } },
    }),
  );
  expectNoGraphQLErrors(
    await run('mutation($i: AssignPortfolioInput!) { assignPortfolio(input: $i) { customer { id } } }', { i: { customerId, executiveId: executive.id } }),
  );
  orderId = (
    await once('sales to take the order', 'mutation($i: PlaceSalesOrderInput!) { placeSalesOrder(input: $i) { salesOrder { id } } }', {
      i: { customerId, planCode: 'FIBER-100', installationAddress: 'Av. Heroínas 500, Cochabamba' },
    })
  ).placeSalesOrder.salesOrder.id;
  await once(
    'postsale to register the product',
    'mutation($i: RegisterInstalledProductInput!) { registerInstalledProduct(input: $i) { installedProduct { id } } }',
    {
      i: { customerId, planCode: 'LINEA-FIJA', family: 'FIXED_LINE', serviceNumber: '44770123', installationAddress: 'Av. Heroínas 500, Cochabamba' },
    },
  );
  await once('collections to open the account', 'mutation($i: OpenBillingAccountInput!) { openBillingAccount(input: $i) { billingAccount { id } } }', {
    i: { customerId, currency: 'BOB' },
  });
  await once('proposals to register the lead', 'mutation($i: RegisterLeadInput!) { registerLead(input: $i) { lead { id } } }', {
    i: { customerId, companyName: 'Hotel Parcial SRL', source: 'MEETING', requirement: 'Wi-Fi for 80 rooms' },
  });

  // Every subgraph has its part: the installation work order arrives through Kafka.
  const full = await waitFor(
    "every subgraph's part of the customer",
    async () => {
      const c = expectNoGraphQLErrors(await run(CUSTOMER_360, { id: customerId })).customer;
      return c.salesOrders.edges[0]?.node.workOrders.edges.length ? c : undefined;
    },
    { timeoutMs: 60_000 },
  );
  expect(full).toMatchObject({
    name: 'Hotel Parcial SRL',
    contacts: [{ name: 'Rosa Parcial', primary: true }],
    executive: { name: executive.name },
    salesOrders: { edges: [{ node: { planCode: 'FIBER-100', workOrders: { edges: [{ node: { type: 'INSTALLATION' } }] } } }] },
    subscriptions: { edges: [{ node: { planCode: 'LINEA-FIJA' } }] },
    billingAccounts: { edges: [{ node: { currency: 'BOB' } }] },
    leads: { edges: [{ node: { companyName: 'Hotel Parcial SRL' } }] },
  });
  expect(full.timeline.edges.length).toBeGreaterThan(0);
});

/**
 * An answer of `gateway` and the full answer of the stack's gateway read just before and just after
 * it, retried until those two are equal: events still arriving (the timeline) cannot change the
 * full answer between the reads the test compares.
 */
async function besideFull(gateway: RunningGateway, query: string, variables: Record<string, unknown>): Promise<{ full: Data; answer: Answer }> {
  const full = async () => expectNoGraphQLErrors(await execute<Data>(query, variables, { token }));
  return waitFor(
    'a quiet moment to compare the answers',
    async () => {
      const before = await full();
      const answer = await execute<Data>(query, variables, { token, url: gateway.url });
      const after = await full();
      return JSON.stringify(before) === JSON.stringify(after) ? { full: before, answer } : undefined;
    },
    { timeoutMs: 60_000 },
  );
}

describe('Customer 360 with one subgraph down keeps the other five and names the failed one', () => {
  test.each(SUBGRAPHS)('%s down', async (down) => {
    const gateway = await gatewayWithout(down);
    try {
      const { full, answer } = await besideFull(gateway, CUSTOMER_360, { id: customerId });
      expect(answer.status).toBe(200);
      expect(answer.data).toEqual(without(full, down));
      expect(answer.errors).toEqual([unavailable(down)]);
      expect(JSON.stringify(answer.errors)).not.toMatch(INTERNALS);
      if (down === 'customers') {
        // Nothing hangs on a customer customers cannot load; entered through its order, the other
        // five still answer everything they know about it, and customers is not even asked.
        const order = await besideFull(gateway, ORDER_VIEW, { id: orderId });
        expect(order.answer.errors).toBeUndefined();
        expect(order.answer.data).toEqual(order.full);
        expect(order.full.salesOrder.customer.subscriptions.edges).toHaveLength(1);
      }
    } finally {
      await gateway.stop();
    }
  });
});

test("kill -9 of the stack's techsupport: the stack's gateway answers the rest and names techsupport; back once restarted", async () => {
  const { gatewayUrl } = testStack();
  const failuresBefore = await metricValue(gatewayUrl, 'vinculo_gateway_subgraph_failures_total', { subgraph: 'techsupport' });
  await killSubgraph('techsupport');
  try {
    const answer = await execute<Data>(CUSTOMER_360, { id: customerId }, { token });
    expect(answer.status).toBe(200);
    expect(answer.errors).toEqual([unavailable('techsupport')]);
    expect(JSON.stringify(answer.errors)).not.toMatch(INTERNALS);
    const c = answer.data!.customer;
    expect(c).toMatchObject({
      name: 'Hotel Parcial SRL',
      executive: { name: 'Ejecutiva Parcial' },
      salesOrders: { edges: [{ node: { planCode: 'FIBER-100', workOrders: null } }] },
      subscriptions: { edges: [{ node: { planCode: 'LINEA-FIJA' } }] },
      billingAccounts: { edges: [{ node: { currency: 'BOB' } }] },
      leads: { edges: [{ node: { companyName: 'Hotel Parcial SRL' } }] },
    });
    for (const { node } of c.timeline.edges) expect(node.subject?.workOrder ?? null).toBeNull();
    expect(await metricValue(gatewayUrl, 'vinculo_gateway_subgraph_failures_total', { subgraph: 'techsupport' })).toBeGreaterThan(failuresBefore);
  } finally {
    await restartSubgraph('techsupport');
  }
  // The same gateway answers techsupport's part again, with no error.
  const back = await waitFor("techsupport's part again", async () => {
    const res = await execute<Data>(CUSTOMER_360, { id: customerId }, { token });
    return res.errors ? undefined : res.data!.customer;
  });
  expect(back.salesOrders.edges[0].node.workOrders.edges).toEqual([{ node: { type: 'INSTALLATION', status: expect.any(String) } }]);
});
