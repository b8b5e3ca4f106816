/**
 * Least privilege on read paths (issue #14), through the gateway on the real stack: a PARTNER reads
 * neither staff data (names, e-mails, roles) nor commercial activity (visits, interactions, the
 * timeline, sale projects, leads, opportunities) by ANY path — root fields, fields of a customer it may
 * read, or references resolved by another subgraph — and does not list the tenant's customers. The
 * legitimate reads (a customer by id for a billing or payments integration; staff reading everything
 * they did before) keep working. An ACCOUNT_EXECUTIVE reads only their own affiliation and
 * sales-budget indicators.
 */
import { refused, tokenFor, uniqueTenant, waitFor } from '@vinculo/common/testing';
import { execute, ok } from './support/untyped-answers';

const EMAIL = 'ejecutiva.privada@vinculo.test';
let seq = 8100000;

async function world() {
  const tenant = uniqueTenant('rp');
  const admin = await tokenFor(tenant, ['ADMIN']);
  await ok(admin, `mutation($i: RegisterEmployeeInput!) { registerEmployee(input: $i) { employee { id } } }`, {
    i: { id: 'exec-rp', name: 'Ejecutiva Privada', email: EMAIL, roles: ['ACCOUNT_EXECUTIVE'] },
  });
  const exec = await tokenFor(tenant, ['ACCOUNT_EXECUTIVE'], { sub: 'exec-rp' });
  const customerId = (
    await ok(admin, `mutation($i: RegisterCustomerInput!) { registerCustomer(input: $i) { customer { id } } }`, {
      i: { kind: 'BUSINESS', name: 'Cliente Integrado SRL', taxId: String(++seq) },
    })
  ).registerCustomer.customer.id as string;
  await ok(
    await tokenFor(tenant, ['SALES_TEAM_LEAD']),
    `mutation($c: ID!, $e: ID!) { assignPortfolio(input: { customerId: $c, executiveId: $e }) { customer { id } } }`,
    { c: customerId, e: 'exec-rp' },
  );
  const visitId = (
    await ok(exec, `mutation($i: ScheduleVisitInput!) { scheduleVisit(input: $i) { visit { id } } }`, {
      i: { startsAt: '2030-07-02T10:00:00-04:00', endsAt: '2030-07-02T11:00:00-04:00', customerId, location: 'Av. Arce 2000' },
    })
  ).scheduleVisit.visit.id as string;
  const interactionId = (
    await ok(exec, `mutation($i: RecordInteractionInput!) { recordInteraction(input: $i) { interaction { id } } }`, {
      i: { customerId, channel: 'PHONE', summary: 'Ofrecimos fibra 300' },
    })
  ).recordInteraction.interaction.id as string;
  // The timeline is projected from events: wait until staff sees the interaction there.
  await waitFor(
    'the interaction in the timeline',
    async () => {
      const t = (await ok(admin, `query($id: ID!) { customer(id: $id) { timeline(first: 50) { edges { node { kind } } } } }`, { id: customerId })).customer
        .timeline;
      return t.edges.some((e: { node: { kind: string } }) => e.node.kind === 'INTERACTION') || undefined;
    },
    { timeoutMs: 60_000 },
  );
  return { tenant, admin, exec, customerId, visitId, interactionId };
}

describe('PARTNER read paths', () => {
  let w: Awaited<ReturnType<typeof world>>;
  let partner: string;
  beforeAll(async () => {
    w = await world();
    partner = await tokenFor(w.tenant, ['PARTNER'], { sub: 'bank-rp' });
  });

  test('a PARTNER cannot read staff e-mails, visits or proposals/sales activity by any path', async () => {
    const paths: [string, string, Record<string, unknown>][] = [
      ['Customer.executive', `query($id: ID!) { customer(id: $id) { id executive { name email roles } } }`, { id: w.customerId }],
      ['Customer.portfolioHistory.executive', `query($id: ID!) { customer(id: $id) { portfolioHistory { executive { email } } } }`, { id: w.customerId }],
      [
        'Customer.timeline',
        `query($id: ID!) { customer(id: $id) { timeline { edges { node { summary author { email } subject { visit { id } } } } } } }`,
        { id: w.customerId },
      ],
      ['Customer.saleProjects', `query($id: ID!) { customer(id: $id) { saleProjects { edges { node { id } } } } }`, { id: w.customerId }],
      ['Customer.leads', `query($id: ID!) { customer(id: $id) { leads { edges { node { id } } } } }`, { id: w.customerId }],
      ['Customer.opportunities', `query($id: ID!) { customer(id: $id) { opportunities { edges { node { id } } } } }`, { id: w.customerId }],
      ['employee', `query { employee(id: "exec-rp") { email } }`, {}],
      ['employees', `query { employees { edges { node { email } } } }`, {}],
      ['visit', `query($id: ID!) { visit(id: $id) { id executive { email } } }`, { id: w.visitId }],
      ['interaction', `query($id: ID!) { interaction(id: $id) { summary author { email } } }`, { id: w.interactionId }],
      ['customers (the whole list)', `query { customers(first: 10) { edges { node { taxId contacts { email } } } } }`, {}],
    ];
    for (const [name, query, vars] of paths) {
      const res = await execute<any>(query, vars, { token: partner });
      const codes = (res.errors ?? []).map((e) => e.extensions?.code);
      if (!codes.includes('FORBIDDEN')) throw new Error(`${name}: expected FORBIDDEN, got ${JSON.stringify(res.errors ?? res.data)}`);
      // Nothing of the staff member or the activity leaks in the partial data either.
      expect(JSON.stringify(res.data ?? null)).not.toContain(EMAIL);
      expect(JSON.stringify(res.data ?? null)).not.toContain('Ofrecimos');
    }
  });

  test('a PARTNER with only `read` cannot list customers either; it reads the customer it serves by id', async () => {
    const readOnly = await tokenFor(w.tenant, ['PARTNER'], { sub: 'erp-rp', scopes: ['read'] });
    await refused(readOnly, `query { customers(first: 10) { edges { node { id taxId } } } }`, {}, 'FORBIDDEN');
    const c = (await ok(readOnly, `query($id: ID!) { customer(id: $id) { id name executiveId } }`, { id: w.customerId })).customer;
    expect(c).toEqual({ id: w.customerId, name: 'Cliente Integrado SRL', executiveId: 'exec-rp' });
  });

  test('staff still read the executive, the timeline, the visit and the interaction', async () => {
    const c = (
      await ok(
        w.exec,
        `query($id: ID!) { customer(id: $id) { executive { email } portfolioHistory { executive { id } } timeline { edges { node { kind } } } } }`,
        { id: w.customerId },
      )
    ).customer;
    expect(c.executive).toEqual({ email: EMAIL });
    expect(c.portfolioHistory).toEqual([{ executive: { id: 'exec-rp' } }]);
    expect(c.timeline.edges.length).toBeGreaterThan(0);
    expect((await ok(w.exec, `query($id: ID!) { visit(id: $id) { executive { email } } }`, { id: w.visitId })).visit).toEqual({ executive: { email: EMAIL } });
    expect((await ok(w.admin, `query($id: ID!) { interaction(id: $id) { summary author { id } } }`, { id: w.interactionId })).interaction).toEqual({
      summary: 'Ofrecimos fibra 300',
      author: { id: 'exec-rp' },
    });
    expect((await ok(w.admin, `query { customers(first: 10) { edges { node { id } } } }`)).customers.edges).toEqual([{ node: { id: w.customerId } }]);
  });
});

describe('ACCOUNT_EXECUTIVE indicators', () => {
  const INDICATORS = `query($m: String!, $e: ID) { affiliationIndicator(month: $m, executiveId: $e) { rule } salesBudgetIndicator(month: $m, executiveId: $e) { rule } }`;

  test('an executive reads only their own affiliation and sales-budget indicators; a lead reads all', async () => {
    const tenant = uniqueTenant('ind');
    const ana = await tokenFor(tenant, ['ACCOUNT_EXECUTIVE'], { sub: 'ana' });
    await refused(ana, INDICATORS, { m: '2026-03' }, 'FORBIDDEN');
    await refused(ana, INDICATORS, { m: '2026-03', e: 'beto' }, 'FORBIDDEN');
    expect(await ok(ana, INDICATORS, { m: '2026-03', e: 'ana' })).toEqual({
      affiliationIndicator: { rule: expect.any(String) },
      salesBudgetIndicator: { rule: expect.any(String) },
    });
    const lead = await tokenFor(tenant, ['SALES_TEAM_LEAD'], { sub: 'lead-1' });
    expect(await ok(lead, INDICATORS, { m: '2026-03' })).toEqual({
      affiliationIndicator: { rule: expect.any(String) },
      salesBudgetIndicator: { rule: expect.any(String) },
    });
    expect(await ok(lead, INDICATORS, { m: '2026-03', e: 'beto' })).toEqual({
      affiliationIndicator: { rule: expect.any(String) },
      salesBudgetIndicator: { rule: expect.any(String) },
    });
  });
});
