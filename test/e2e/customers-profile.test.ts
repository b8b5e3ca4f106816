/**
 * The customers subgraph end to end through the gateway (real Kafka + Mongo-wire engines): tenant
 * and policy, staff, the customer profile and search, portfolio and the lead's monthly plan, the
 * visit schedule. Each capability's main path and its main refusal.
 */
import mongoose from 'mongoose';
import { refused, testStack, tokenFor, uniqueTenant, waitFor } from '@vinculo/common/testing';
import { execute, ok } from './support/untyped-answers';
import type { Role } from '@vinculo/common';

type Vars = Record<string, unknown>;

const REGISTER_EMPLOYEE = `mutation($i: RegisterEmployeeInput!) { registerEmployee(input: $i) { employee { id name roles active teamLeadId } } }`;
const REGISTER_CUSTOMER = `mutation($i: RegisterCustomerInput!) { registerCustomer(input: $i) { customer { id name taxId } } }`;
const ASSIGN = `mutation($c: ID!, $e: ID!) { assignPortfolio(input: { customerId: $c, executiveId: $e }) { customer { id executiveId executive { id name } } } }`;

let seq = 3000000;
const nextTaxId = () => String(++seq);

async function employee(admin: string, id: string, roles: Role[], teamLeadId?: string) {
  return (await ok(admin, REGISTER_EMPLOYEE, { i: { id, name: `Persona ${id}`, email: `${id}@vinculo.test`, roles, teamLeadId } })).registerEmployee.employee;
}

async function business(token: string, name: string, extra: Vars = {}) {
  return (await ok(token, REGISTER_CUSTOMER, { i: { kind: 'BUSINESS', name, taxId: nextTaxId(), ...extra } })).registerCustomer.customer.id as string;
}

describe('1. tenant and policy', () => {
  const TENANT = `query { tenant { id name currency country timeZone configured version
    policy { suspensionsPerProductPerYear maxSuspensionMonths callDetailFeePerPreviousMonth { amount currency } multiBasicTelephonyAmount { amount currency }
      digitalSaleEtaMinDays digitalSaleEtaMaxDays pqrAnswerDeadlineBusinessDays paymentPromiseFollowUpDays overdueAfterDays workOrderDeadlineDays
      kpi { salesGrowthApprovedAtLeast salesGrowthObservedBelow salesGrowthRejectedBelow digitalSalesAcceptedAbove postSaleEfficacyAcceptedAbove postSaleTimelinessAcceptedAbove affiliationGoalPercent salesBudgetGoalPercent } } } }`;
  const UPDATE = `mutation($i: UpdateTenantPolicyInput!) { updateTenantPolicy(input: $i) { tenant { version configured policy { suspensionsPerProductPerYear callDetailFeePerPreviousMonth { amount currency } kpi { digitalSalesAcceptedAbove } } } } }`;
  const CONFIGURE = `mutation($i: ConfigureTenantInput!) { configureTenant(input: $i) { tenant { version name currency country timeZone policy { callDetailFeePerPreviousMonth { amount currency } } } } }`;

  test('a tenant never configured reads as the documented defaults', async () => {
    const tenant = uniqueTenant('pol');
    const { tenant: t } = await ok(await tokenFor(tenant, ['ACCOUNT_EXECUTIVE']), TENANT);
    expect(t).toMatchObject({ id: tenant, name: tenant, currency: 'BOB', country: null, timeZone: 'America/La_Paz', configured: false, version: 0 });
    expect(t.policy).toEqual({
      suspensionsPerProductPerYear: 1,
      maxSuspensionMonths: 4,
      callDetailFeePerPreviousMonth: { amount: '12.00', currency: 'BOB' },
      multiBasicTelephonyAmount: { amount: '70.00', currency: 'BOB' },
      digitalSaleEtaMinDays: 2,
      digitalSaleEtaMaxDays: 15,
      pqrAnswerDeadlineBusinessDays: 15,
      paymentPromiseFollowUpDays: 7,
      overdueAfterDays: 30,
      workOrderDeadlineDays: 5,
      kpi: {
        salesGrowthApprovedAtLeast: 10,
        salesGrowthObservedBelow: 5,
        salesGrowthRejectedBelow: 0,
        digitalSalesAcceptedAbove: 95,
        postSaleEfficacyAcceptedAbove: 98,
        postSaleTimelinessAcceptedAbove: 95,
        affiliationGoalPercent: 100,
        salesBudgetGoalPercent: 100,
      },
    });
  });

  test('ADMIN changes the policy (partial, versioned); stale version → CONFLICT; bad range → BAD_USER_INPUT; other roles → FORBIDDEN', async () => {
    const tenant = uniqueTenant('pol');
    const admin = await tokenFor(tenant, ['ADMIN']);
    const changed = (
      await ok(admin, UPDATE, {
        i: { expectedVersion: 0, suspensionsPerProductPerYear: 2, callDetailFeePerPreviousMonth: '15.5', kpi: { digitalSalesAcceptedAbove: 90 } },
      })
    ).updateTenantPolicy.tenant;
    expect(changed).toEqual({
      version: 1,
      configured: true,
      policy: { suspensionsPerProductPerYear: 2, callDetailFeePerPreviousMonth: { amount: '15.50', currency: 'BOB' }, kpi: { digitalSalesAcceptedAbove: 90 } },
    });
    await refused(admin, UPDATE, { i: { expectedVersion: 0, maxSuspensionMonths: 3 } }, 'CONFLICT');
    await refused(admin, UPDATE, { i: { expectedVersion: 1, maxSuspensionMonths: 13 } }, 'BAD_USER_INPUT');
    await refused(await tokenFor(tenant, ['SALES_TEAM_LEAD']), UPDATE, { i: { expectedVersion: 1, maxSuspensionMonths: 3 } }, 'FORBIDDEN');
    const { tenant: after } = await ok(admin, TENANT);
    expect(after).toMatchObject({ version: 1, policy: { maxSuspensionMonths: 4, suspensionsPerProductPerYear: 2 } });
  });

  test('every other subgraph keeps the policy from customers.TenantPolicyChanged in its read model', async () => {
    const tenant = uniqueTenant('pol');
    const admin = await tokenFor(tenant, ['ADMIN']);
    await ok(admin, UPDATE, { i: { expectedVersion: 0, overdueAfterDays: 45 } });
    const configured = (
      await ok(admin, CONFIGURE, { i: { expectedVersion: 1, name: 'Aseo Urbano', currency: 'COP', country: 'CO', timeZone: 'America/Bogota' } })
    ).configureTenant.tenant;
    expect(configured).toMatchObject({
      version: 2,
      currency: 'COP',
      country: 'CO',
      timeZone: 'America/Bogota',
      policy: { callDetailFeePerPreviousMonth: { amount: '12.00', currency: 'COP' } },
    });

    const { mongoUri, runId } = testStack();
    const conn = await mongoose.createConnection(mongoUri).asPromise();
    try {
      for (const subgraph of ['sales', 'postsale', 'collections', 'techsupport', 'proposals']) {
        const entries = conn
          .useDb(`t${runId}_${subgraph}`)
          .collection<{ _id: string; tenantVersion: number; currency: string; timeZone: string; policy: { overdueAfterDays: number } }>('tenant_policy');
        const entry = await waitFor(`${subgraph}'s tenant-policy read model`, async () => {
          const found = await entries.findOne({ _id: tenant });
          return found?.tenantVersion === 2 ? found : undefined;
        });
        expect({ subgraph, currency: entry.currency, timeZone: entry.timeZone, overdueAfterDays: entry.policy.overdueAfterDays }).toEqual({
          subgraph,
          currency: 'COP',
          timeZone: 'America/Bogota',
          overdueAfterDays: 45,
        });
      }
    } finally {
      await conn.close();
    }
  });
});

describe('2. staff', () => {
  const EMPLOYEE = `query($id: ID!) { employee(id: $id) { id name email roles active teamLead { id } team { id } history { act from to by note } } }`;

  test('ADMIN registers staff, builds a team, changes roles; the directory filters; duplicates → CONFLICT; others → FORBIDDEN', async () => {
    const tenant = uniqueTenant('staff');
    const admin = await tokenFor(tenant, ['ADMIN'], { sub: 'admin-1' });
    await employee(admin, 'lead-1', ['SALES_TEAM_LEAD']);
    await employee(admin, 'ana', ['ACCOUNT_EXECUTIVE'], 'lead-1');
    await employee(admin, 'beto', ['COMMERCIAL_CLERK']);
    await ok(
      admin,
      `mutation { changeEmployeeRoles(input: { employeeId: "beto", roles: [ACCOUNT_EXECUTIVE, COMMERCIAL_CLERK], note: "Pasa a ventas" }) { employee { roles } } }`,
    );
    await ok(admin, `mutation { assignTeamLead(input: { employeeId: "beto", teamLeadId: "lead-1" }) { employee { teamLeadId } } }`);

    const { employee: lead } = await ok(admin, EMPLOYEE, { id: 'lead-1' });
    expect(lead.team.map((m: { id: string }) => m.id)).toEqual(['ana', 'beto']);
    const { employee: beto } = await ok(admin, EMPLOYEE, { id: 'beto' });
    expect(beto).toMatchObject({ roles: ['ACCOUNT_EXECUTIVE', 'COMMERCIAL_CLERK'], teamLead: { id: 'lead-1' } });
    expect(beto.history).toEqual([
      { act: 'REGISTERED', from: null, to: 'COMMERCIAL_CLERK', by: 'admin-1', note: null },
      { act: 'ROLES_CHANGED', from: 'COMMERCIAL_CLERK', to: 'ACCOUNT_EXECUTIVE,COMMERCIAL_CLERK', by: 'admin-1', note: 'Pasa a ventas' },
      { act: 'TEAM_LEAD_ASSIGNED', from: null, to: 'lead-1', by: 'admin-1', note: null },
    ]);
    const execs = await ok(await tokenFor(tenant, ['COMMERCIAL_CLERK']), `query { employees(filter: { role: ACCOUNT_EXECUTIVE }) { edges { node { id } } } }`);
    expect(execs.employees.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(['ana', 'beto']);

    await refused(admin, REGISTER_EMPLOYEE, { i: { id: 'ana', name: 'Otra Ana', email: 'otra@vinculo.test', roles: ['ADMIN'] } }, 'CONFLICT');
    await refused(admin, `mutation { assignTeamLead(input: { employeeId: "lead-1", teamLeadId: "ana" }) { employee { id } } }`, {}, 'FAILED_PRECONDITION');
    await refused(
      await tokenFor(tenant, ['SALES_TEAM_LEAD']),
      REGISTER_EMPLOYEE,
      { i: { id: 'eva', name: 'Eva Gil', email: 'eva@vinculo.test', roles: ['ACCOUNT_EXECUTIVE'] } },
      'FORBIDDEN',
    );
    expect((await ok(admin, EMPLOYEE, { id: 'eva' })).employee).toBeNull();
  });

  test('the portfolio goes only to an active account executive (R-CUS-PF1), who keeps it until reassigned (R-CUS-ST1)', async () => {
    const tenant = uniqueTenant('staff');
    const admin = await tokenFor(tenant, ['ADMIN']);
    await employee(admin, 'ana', ['ACCOUNT_EXECUTIVE']);
    await employee(admin, 'beto', ['ACCOUNT_EXECUTIVE']);
    await employee(admin, 'clara', ['COMMERCIAL_CLERK']);
    const customerId = await business(admin, 'Cartera Activa SRL');

    await refused(admin, ASSIGN, { c: customerId, e: 'nadie' }, 'NOT_FOUND');
    const notExec = await refused(admin, ASSIGN, { c: customerId, e: 'clara' }, 'FAILED_PRECONDITION');
    expect(notExec.extensions?.rule).toBe('R-CUS-PF1');
    const assigned = (await ok(admin, ASSIGN, { c: customerId, e: 'ana' })).assignPortfolio.customer;
    expect(assigned).toEqual({ id: customerId, executiveId: 'ana', executive: { id: 'ana', name: 'Persona ana' } });

    const DEACTIVATE = `mutation($id: ID!) { deactivateEmployee(input: { employeeId: $id, reason: "Dejó la empresa" }) { employee { active } } }`;
    expect((await refused(admin, DEACTIVATE, { id: 'ana' }, 'FAILED_PRECONDITION')).extensions?.rule).toBe('R-CUS-ST1');
    await ok(admin, ASSIGN, { c: customerId, e: 'beto' });
    expect((await ok(admin, DEACTIVATE, { id: 'ana' })).deactivateEmployee.employee.active).toBe(false);
    expect((await refused(admin, ASSIGN, { c: customerId, e: 'ana' }, 'FAILED_PRECONDITION')).extensions?.rule).toBe('R-CUS-PF1');
  });
});

describe("3. the customer's full profile and search", () => {
  const FULL = `query($id: ID!) { customer(id: $id) { name tradeName taxId activityType segment market category status history { from to }
    contacts { id name role phone whatsapp email primary } primaryContact { name } addresses { label line district neighbourhood coordinates { latitude longitude } } } }`;
  const ids = (res: any) => res.customers.edges.map((e: { node: { id: string } }) => e.node.id);

  test('in a Colombian tenant: NIT with check digit, profile, contacts with one primary, addresses; search by every key', async () => {
    const tenant = uniqueTenant('prof');
    const admin = await tokenFor(tenant, ['ADMIN']);
    await ok(
      admin,
      `mutation { configureTenant(input: { expectedVersion: 0, country: "CO", currency: "COP", timeZone: "America/Bogota" }) { tenant { version } } }`,
    );
    await refused(admin, REGISTER_CUSTOMER, { i: { kind: 'BUSINESS', name: 'Mal DV SAS', taxId: '900123456-7' } }, 'BAD_USER_INPUT');
    const id = (
      await ok(admin, REGISTER_CUSTOMER, {
        i: { kind: 'BUSINESS', name: 'Centro Comercial Gran Plaza SAS', taxId: '900.123.456-8', segment: 'grandes-clientes' },
      })
    ).registerCustomer.customer.id;
    await refused(admin, REGISTER_CUSTOMER, { i: { kind: 'BUSINESS', name: 'Copia SAS', taxId: '900123456-8' } }, 'CONFLICT');

    await ok(
      admin,
      `mutation($id: ID!) { updateCustomerProfile(input: { customerId: $id, tradeName: "Gran Plaza", activityType: "Centro comercial", market: NON_REGULATED, category: LARGE_PRODUCER }) { customer { id } } }`,
      { id },
    );
    const ADD = `mutation($id: ID!, $c: ContactInput!, $p: Boolean) { addContact(input: { customerId: $id, contact: $c, primary: $p }) { customer { contacts { id name primary } } } }`;
    await ok(admin, ADD, { id, c: { name: 'Laura Gómez', role: 'Administradora', phone: '+57 601 555 1234', email: 'Laura@GranPlaza.co' } });
    const two = (await ok(admin, ADD, { id, c: { name: 'Pedro Ruiz', role: 'Jefe de mantenimiento', whatsapp: '+57 310 555 9876' } })).addContact.customer
      .contacts;
    const pedro = two.find((c: { name: string }) => c.name === 'Pedro Ruiz').id;
    await ok(admin, `mutation($id: ID!, $c: ID!) { setPrimaryContact(input: { customerId: $id, contactId: $c }) { customer { id } } }`, { id, c: pedro });
    await ok(
      admin,
      `mutation($id: ID!) { addAddress(input: { customerId: $id, label: "Sede principal", line: "Carrera 15 # 93-60", city: "Bogotá", district: "Chapinero", neighbourhood: "Chicó Norte", coordinates: { latitude: 4.6767, longitude: -74.0483 } }) { customer { id } } }`,
      { id },
    );
    await refused(
      admin,
      `mutation($id: ID!) { addAddress(input: { customerId: $id, line: "Calle 1", coordinates: { latitude: 91, longitude: 0 } }) { customer { id } } }`,
      { id },
      'BAD_USER_INPUT',
    );

    const { customer } = await ok(admin, FULL, { id });
    expect(customer).toMatchObject({
      name: 'Centro Comercial Gran Plaza SAS',
      tradeName: 'Gran Plaza',
      taxId: '900123456-8',
      activityType: 'Centro comercial',
      segment: 'GRANDES-CLIENTES',
      market: 'NON_REGULATED',
      category: 'LARGE_PRODUCER',
      status: 'PROSPECT',
      history: [{ from: null, to: 'PROSPECT' }],
      primaryContact: { name: 'Pedro Ruiz' },
      addresses: [
        {
          label: 'Sede principal',
          line: 'Carrera 15 # 93-60',
          district: 'Chapinero',
          neighbourhood: 'Chicó Norte',
          coordinates: { latitude: 4.6767, longitude: -74.0483 },
        },
      ],
    });
    expect(customer.contacts).toEqual([
      { id: pedro, name: 'Pedro Ruiz', role: 'Jefe de mantenimiento', phone: null, whatsapp: '+573105559876', email: null, primary: true },
      expect.objectContaining({ name: 'Laura Gómez', phone: '+576015551234', email: 'laura@granplaza.co', primary: false }),
    ]);

    await business(admin, 'Otra Empresa SAS', { taxId: '890903938-8' });
    const SEARCH = `query($f: CustomerFilter) { customers(filter: $f) { edges { node { id } } } }`;
    for (const f of [
      { nameContains: 'gran plaza' },
      { taxId: '900.123.456-8' },
      { phone: '3105559876' },
      { phone: '6015551234' },
      { segment: 'grandes-clientes' },
      { category: 'LARGE_PRODUCER', status: 'PROSPECT' },
    ]) {
      expect({ f, ids: ids(await ok(admin, SEARCH, { f })) }).toEqual({ f, ids: [id] });
    }
    await refused(admin, SEARCH, { f: { phone: '123' } }, 'BAD_USER_INPUT');
  });

  test('a PERSON by identity card; another tenant can neither see nor change the customer', async () => {
    const a = await tokenFor(uniqueTenant('prof'), ['COMMERCIAL_CLERK']);
    const id = (await ok(a, REGISTER_CUSTOMER, { i: { kind: 'PERSON', name: 'María Rojas', identityCard: '6543210-1a' } })).registerCustomer.customer.id;
    expect(ids(await ok(a, `query { customers(filter: { identityCard: "6543210-1A" }) { edges { node { id } } } }`))).toEqual([id]);
    const b = await tokenFor(uniqueTenant('prof'), ['ADMIN']);
    expect((await ok(b, FULL, { id })).customer).toBeNull();
    await refused(b, `mutation($id: ID!) { updateCustomerProfile(input: { customerId: $id, tradeName: "Robada" }) { customer { id } } }`, { id }, 'NOT_FOUND');
    await refused(
      await tokenFor(uniqueTenant('prof'), ['PARTNER']),
      `mutation($id: ID!) { addAddress(input: { customerId: $id, line: "Calle Falsa 123" }) { customer { id } } }`,
      { id },
      'FORBIDDEN',
    );
  });
});

describe("4. portfolio views and the lead's monthly plan", () => {
  test("Employee.portfolio filters; the lead plans a team member's month; refusals", async () => {
    const tenant = uniqueTenant('plan');
    const admin = await tokenFor(tenant, ['ADMIN']);
    const lead = await tokenFor(tenant, ['SALES_TEAM_LEAD'], { sub: 'lead-1' });
    await employee(admin, 'lead-1', ['SALES_TEAM_LEAD']);
    await employee(admin, 'ana', ['ACCOUNT_EXECUTIVE'], 'lead-1');
    await employee(admin, 'beto', ['ACCOUNT_EXECUTIVE']);
    const hotel = await business(admin, 'Hotel Los Andes SRL', { segment: 'EMPRESAS' });
    const clinic = await business(admin, 'Clínica Norte SRL', { segment: 'SALUD' });
    const other = await business(admin, 'Ajena SRL');
    for (const c of [hotel, clinic]) await ok(lead, ASSIGN, { c, e: 'ana' });
    await ok(lead, ASSIGN, { c: other, e: 'beto' });

    const PORTFOLIO = `query($f: PortfolioFilter) { employee(id: "ana") { portfolio(filter: $f, first: 10) { edges { node { id name } } } } }`;
    expect((await ok(lead, PORTFOLIO)).employee.portfolio.edges.map((e: any) => e.node.name)).toEqual(['Clínica Norte SRL', 'Hotel Los Andes SRL']);
    expect((await ok(lead, PORTFOLIO, { f: { segment: 'EMPRESAS' } })).employee.portfolio.edges.map((e: any) => e.node.id)).toEqual([hotel]);

    const month = `${new Date().getUTCFullYear() + 1}-03`;
    const PLAN = `mutation($i: PlanMonthInput!) { planMonth(input: $i) { monthlyPlan { month newCaptureTarget revision portfolioCustomers { id } executive { id } plannedBy } } }`;
    const planned = (await ok(lead, PLAN, { i: { executiveId: 'ana', month, newCaptureTarget: 6, portfolioCustomerIds: [hotel, clinic] } })).planMonth
      .monthlyPlan;
    expect(planned).toEqual({
      month,
      newCaptureTarget: 6,
      revision: 1,
      portfolioCustomers: [{ id: hotel }, { id: clinic }],
      executive: { id: 'ana' },
      plannedBy: 'lead-1',
    });
    const replanned = (await ok(lead, PLAN, { i: { executiveId: 'ana', month, newCaptureTarget: 8, portfolioCustomerIds: [hotel] } })).planMonth.monthlyPlan;
    expect(replanned).toMatchObject({ newCaptureTarget: 8, revision: 2, portfolioCustomers: [{ id: hotel }] });

    await refused(lead, PLAN, { i: { executiveId: 'beto', month, newCaptureTarget: 1, portfolioCustomerIds: [] } }, 'FORBIDDEN');
    expect(
      (await refused(lead, PLAN, { i: { executiveId: 'ana', month, newCaptureTarget: 1, portfolioCustomerIds: [other] } }, 'FAILED_PRECONDITION')).extensions
        ?.rule,
    ).toBe('R-CUS-PL1');
    expect(
      (await refused(lead, PLAN, { i: { executiveId: 'ana', month: '2020-01', newCaptureTarget: 1, portfolioCustomerIds: [] } }, 'FAILED_PRECONDITION'))
        .extensions?.rule,
    ).toBe('R-CUS-PL1');
    await refused(admin, PLAN, { i: { executiveId: 'ana', month, newCaptureTarget: 1, portfolioCustomerIds: [] } }, 'FORBIDDEN');

    const READ = `query($e: ID!, $m: String!) { monthlyPlan(executiveId: $e, month: $m) { newCaptureTarget revision } }`;
    const ana = await tokenFor(tenant, ['ACCOUNT_EXECUTIVE'], { sub: 'ana' });
    expect((await ok(ana, READ, { e: 'ana', m: month })).monthlyPlan).toEqual({ newCaptureTarget: 8, revision: 2 });
    await refused(ana, READ, { e: 'beto', m: month }, 'FORBIDDEN');
  });
});

describe('5. visit schedule (cronograma de visitas)', () => {
  const SCHEDULE = `mutation($i: ScheduleVisitInput!) { scheduleVisit(input: $i) { visit { id status startsAt endsAt executive { id } customer { id name } prospectCompany } } }`;
  const WEEK = `query($e: ID, $l: ID, $w: Date!, $c: Boolean) { visitsWeek(executiveId: $e, teamLeadId: $l, weekStart: $w, includeCancelled: $c) { weekStart weekEnd timeZone visits { id executiveId status startsAt } } }`;
  // Tenants here keep the default time zone, America/La_Paz (UTC−4): 10:00 local = 14:00Z.
  const slot = (day: string, from: string, to: string) => ({ startsAt: `${day}T${from}:00-04:00`, endsAt: `${day}T${to}:00-04:00` });

  async function team() {
    const tenant = uniqueTenant('vis');
    const admin = await tokenFor(tenant, ['ADMIN']);
    await employee(admin, 'lead-1', ['SALES_TEAM_LEAD']);
    await employee(admin, 'ana', ['ACCOUNT_EXECUTIVE'], 'lead-1');
    await employee(admin, 'beto', ['ACCOUNT_EXECUTIVE'], 'lead-1');
    return {
      admin,
      ana: await tokenFor(tenant, ['ACCOUNT_EXECUTIVE'], { sub: 'ana' }),
      beto: await tokenFor(tenant, ['ACCOUNT_EXECUTIVE'], { sub: 'beto' }),
      lead: await tokenFor(tenant, ['SALES_TEAM_LEAD'], { sub: 'lead-1' }),
    };
  }

  test('schedule, overlap → CONFLICT, cancel frees the time, outcome once started; week views per executive and team', async () => {
    const { admin, ana, beto, lead } = await team();
    const customerId = await business(admin, 'Hotel Visitado SRL');
    const first = (
      await ok(ana, SCHEDULE, {
        i: { ...slot('2030-06-11', '10:00', '11:00'), customerId, personToInterview: 'Gerente general', location: 'Av. Ballivián 650' },
      })
    ).scheduleVisit.visit;
    expect(first).toMatchObject({
      status: 'SCHEDULED',
      startsAt: '2030-06-11T14:00:00.000Z',
      executive: { id: 'ana' },
      customer: { id: customerId, name: 'Hotel Visitado SRL' },
    });

    const clash = await refused(
      ana,
      SCHEDULE,
      { i: { ...slot('2030-06-11', '10:30', '11:30'), prospectCompany: 'Logística Norte SA', location: 'Av. América 100' } },
      'CONFLICT',
    );
    expect(clash.extensions?.visitId).toBe(first.id);
    await ok(ana, SCHEDULE, { i: { ...slot('2030-06-11', '11:00', '12:00'), prospectCompany: 'Logística Norte SA', location: 'Av. América 100' } });
    // The lead books for a team member; another executive may not.
    await ok(lead, SCHEDULE, {
      i: { executiveId: 'beto', ...slot('2030-06-13', '09:00', '10:00'), prospectCompany: 'Panadería Sol', location: 'Calle Sucre 45' },
    });
    await refused(
      beto,
      SCHEDULE,
      { i: { executiveId: 'ana', ...slot('2030-06-12', '09:00', '10:00'), prospectCompany: 'Panadería Sol', location: 'Calle Sucre 45' } },
      'FORBIDDEN',
    );
    await refused(
      ana,
      SCHEDULE,
      { i: { ...slot('2030-06-12', '10:00', '09:00'), prospectCompany: 'Panadería Sol', location: 'Calle Sucre 45' } },
      'BAD_USER_INPUT',
    );

    const cancelled = (
      await ok(
        ana,
        `mutation($id: ID!) { cancelVisit(input: { visitId: $id, reason: "El cliente pidió otra fecha" }) { visit { status history { from to note } } } }`,
        { id: first.id },
      )
    ).cancelVisit.visit;
    expect(cancelled).toEqual({
      status: 'CANCELLED',
      history: [
        { from: null, to: 'SCHEDULED', note: null },
        { from: 'SCHEDULED', to: 'CANCELLED', note: 'El cliente pidió otra fecha' },
      ],
    });
    await ok(ana, SCHEDULE, { i: { ...slot('2030-06-11', '10:00', '11:00'), customerId, location: 'Av. Ballivián 650' } });

    const week = (await ok(lead, WEEK, { e: 'ana', w: '2030-06-10' })).visitsWeek;
    expect(week).toMatchObject({ weekStart: '2030-06-10', weekEnd: '2030-06-16', timeZone: 'America/La_Paz' });
    expect(week.visits.map((v: any) => v.startsAt)).toEqual(['2030-06-11T14:00:00.000Z', '2030-06-11T15:00:00.000Z']);
    const withCancelled = (await ok(lead, WEEK, { e: 'ana', w: '2030-06-10', c: true })).visitsWeek.visits;
    expect(withCancelled.map((v: any) => v.status).sort()).toEqual(['CANCELLED', 'SCHEDULED', 'SCHEDULED']);
    const teamWeek = (await ok(ana, WEEK, { l: 'lead-1', w: '2030-06-10' })).visitsWeek.visits;
    expect(teamWeek.map((v: any) => v.executiveId)).toEqual(['ana', 'ana', 'beto']);
    await refused(ana, WEEK, { w: '2030-06-10' }, 'BAD_USER_INPUT');

    const OUTCOME = `mutation($id: ID!) { recordVisitOutcome(input: { visitId: $id, outcome: "Interesados en fibra 100 Mbps" }) { visit { status outcome } } }`;
    expect((await refused(ana, OUTCOME, { id: week.visits[0].id }, 'FAILED_PRECONDITION')).extensions?.rule).toBe('R-CUS-VS2');
    const past = (await ok(ana, SCHEDULE, { i: { ...slot('2025-01-15', '10:00', '11:00'), customerId, location: 'Av. Ballivián 650' } })).scheduleVisit.visit;
    expect((await ok(ana, OUTCOME, { id: past.id })).recordVisitOutcome.visit).toEqual({ status: 'DONE', outcome: 'Interesados en fibra 100 Mbps' });
  });

  test('rescheduling moves the booking: the old time is free, the new one taken', async () => {
    const { ana } = await team();
    const i = (from: string, to: string) => ({ i: { ...slot('2030-07-02', from, to), prospectCompany: 'Ferretería Central', location: 'Calle Jordán 10' } });
    const v = (await ok(ana, SCHEDULE, i('09:00', '10:00'))).scheduleVisit.visit;
    await ok(ana, SCHEDULE, i('11:00', '12:00'));
    const RESCHEDULE = `mutation($id: ID!, $s: DateTime!, $e: DateTime!) { rescheduleVisit(input: { visitId: $id, startsAt: $s, endsAt: $e, note: "Pidió la tarde" }) { visit { startsAt } } }`;
    await refused(ana, RESCHEDULE, { id: v.id, s: '2030-07-02T11:30:00-04:00', e: '2030-07-02T12:30:00-04:00' }, 'CONFLICT');
    expect((await ok(ana, RESCHEDULE, { id: v.id, s: '2030-07-03T15:00:00-04:00', e: '2030-07-03T16:00:00-04:00' })).rescheduleVisit.visit.startsAt).toBe(
      '2030-07-03T19:00:00.000Z',
    );
    await ok(ana, SCHEDULE, i('09:00', '10:00'));
  });

  test('concurrent double-booking is impossible: of 6 overlapping bookings fired at once exactly one succeeds', async () => {
    const { ana, lead } = await team();
    const attempts = await Promise.all(
      ['09:00', '09:10', '09:20', '09:30', '09:40', '09:50'].map((from, n) =>
        execute<any>(
          SCHEDULE,
          {
            i: { ...slot('2030-08-06', from, `${String(10 + (n % 2)).padStart(2, '0')}:30`), prospectCompany: `Prospecto ${n}`, location: 'Av. Heroínas 200' },
          },
          { token: ana },
        ),
      ),
    );
    const codes = attempts.map((r) => (r.errors ? r.errors[0]?.extensions?.code : 'OK'));
    expect(codes.filter((c) => c === 'OK')).toHaveLength(1);
    expect(codes.filter((c) => c === 'CONFLICT')).toHaveLength(5);
    const week = (await ok(lead, WEEK, { e: 'ana', w: '2030-08-05' })).visitsWeek.visits;
    expect(week).toHaveLength(1);
  });
});
