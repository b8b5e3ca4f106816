'use strict';
/**
 * Demo data for three tenants like the seeds' organisations, written through the gateway like any
 * client would. Idempotent: a tenant that already has customers is left as it is.
 */
const { signDevToken } = require('../../services/common/dist');

const TENANTS = [
  {
    id: 'coop-telecom',
    label: 'telecom cooperative (BOB)',
    currency: 'BOB',
    settings: { name: 'Cooperativa de Telecomunicaciones', country: 'BO', timeZone: 'America/La_Paz' },
    // Portfolio sale (B): a new need found at an existing customer.
    customerLead: { source: 'MEETING', requirement: 'Dedicated fibre link between two hotel sites' },
    plans: [
      { code: 'FIBRA-100', name: 'Fibra 100 Empresas', family: 'INTERNET', technology: 'FIBER', speedMbps: 100, monthlyFee: '250.00', installationCost: '100.00', minimumPermanenceMonths: 12 },
      { code: 'DUO-50', name: 'Dúo Línea + Internet 50', family: 'DUO', technology: 'FIBER', speedMbps: 50, monthlyFee: '180.00', installationCost: '80.00', minimumPermanenceMonths: 12 },
      { code: 'ADSL-10', name: 'ADSL 10 Hogar', family: 'INTERNET', technology: 'COPPER', speedMbps: 10, monthlyFee: '120.00', installationCost: '50.00' },
    ],
    // The cooperative's QGIS export (techsupport feeds sales' and postsale's coverage from it).
    network: [
      'NAP-CBBA-CENTRO,NAP,FIBER,Centro,-17.3935,-66.1570,800,16,5,300',
      'ARM-CBBA-NORTE,CABINET,COPPER,Norte,-17.3750,-66.1600,1500,64,40,20',
      'NAP-QUILLA-01,NAP,FIBER,Quillacollo,-17.3970,-66.2780,600,8,7,100',
    ],
    // A new capture taken to the offer: drafted, approved, feasible, offered.
    demoProject: { name: 'Ferretería Andina SRL', taxId: '3045678011', planCode: 'FIBRA-100', address: 'Av. Heroínas 321, Cochabamba', location: { latitude: -17.3920, longitude: -66.1560 } },
    customers: [
      { kind: 'BUSINESS', name: 'Hotel Cochabamba Palace SRL', taxId: '1023456025', plan: 'FIBRA-100', address: 'Av. Ballivián 650, Cochabamba' },
      { kind: 'BUSINESS', name: 'Clínica Los Andes SA', taxId: '2034567018', plan: 'DUO-50', address: 'Calle España 233, Cochabamba' },
      { kind: 'PERSON', name: 'María Fernanda Rojas', identityCard: '6543210-1A', plan: 'ADSL-10', address: 'Calle Jordán 45, Quillacollo' },
    ],
  },
  {
    id: 'aseo-urbano',
    label: 'waste-collection utility (COP)',
    currency: 'COP',
    settings: { name: 'Empresa de Aseo Urbano', country: 'CO', timeZone: 'America/Bogota' },
    customerLead: { source: 'CONTACT', requirement: 'Special collection service for a new food court' },
    plans: [
      { code: 'GRAN-PRODUCTOR', name: 'Recolección gran productor', family: 'WASTE_COLLECTION', monthlyFee: '1500000', installationCost: '0' },
      { code: 'NO-REGULADO', name: 'Servicio especial no regulado', family: 'SPECIAL_SERVICE', monthlyFee: '650000', installationCost: '0' },
    ],
    customers: [
      { kind: 'BUSINESS', name: 'Centro Comercial Gran Plaza SAS', taxId: '900123456-8', plan: 'GRAN-PRODUCTOR', address: 'Carrera 15 # 93-60, Bogotá' },
      { kind: 'BUSINESS', name: 'Restaurante La Cosecha SAS', taxId: '901234567-7', plan: 'NO-REGULADO', address: 'Calle 85 # 11-53, Bogotá' },
    ],
  },
  {
    id: 'ciber-mx',
    label: 'cybersecurity services firm (MXN)',
    currency: 'MXN',
    settings: { name: 'Ciberseguridad Empresarial', country: 'MX', timeZone: 'America/Mexico_City' },
    customerLead: { source: 'GROUP_COMPANY', requirement: 'Managed SOC/NOC for the group' },
    plans: [{ code: 'SOC-GESTIONADO', name: 'SOC gestionado 24x7', family: 'MANAGED_SERVICE', monthlyFee: '85000.00', installationCost: '20000.00', minimumPermanenceMonths: 24 }],
    customers: [
      { kind: 'BUSINESS', name: 'Grupo Financiero Azteca SA', taxId: 'GFA850101AB1', plan: 'SOC-GESTIONADO', address: 'Paseo de la Reforma 250, CDMX' },
    ],
    leads: [{ companyName: 'Logística del Norte SA', source: 'FORUM', requirement: 'Threat intelligence for 2 data centres' }],
  },
];

/** The demo account executive of every tenant (an employee id is the user id in that person's token). */
const EXECUTIVE = 'emp-ejecutiva-1';
const TEAM_LEAD = 'emp-responsable-1';

async function gql(url, token, query, variables) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return res.json();
}

/** Retry a mutation while the target subgraph has not yet learned the customer (read model lag). */
async function untilKnown(fn, what) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const body = await fn();
    const code = body.errors?.[0]?.extensions?.code;
    if (!body.errors) return body.data;
    if (code !== 'NOT_FOUND' || Date.now() > deadline) throw new Error(`${what}: ${JSON.stringify(body.errors)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function seedTenant(url, secret, t, log) {
  const admin = await signDevToken(secret, { sub: 'demo-admin', tenant: t.id, roles: ['ADMIN'] });
  const existing = await gql(url, admin, 'query { customers(first: 1) { edges { node { id } } } }');
  if (existing.errors) throw new Error(`seed ${t.id}: ${JSON.stringify(existing.errors)}`);
  if (existing.data.customers.edges.length) {
    log(`${t.id}: already seeded`);
    return;
  }
  const must = (body, what) => {
    if (body.errors) throw new Error(`seed ${t.id} ${what}: ${JSON.stringify(body.errors)}`);
    return body.data;
  };
  // The tenant's country decides the tax-id formats, so it is configured before any customer.
  must(await gql(url, admin, 'mutation($i: ConfigureTenantInput!) { configureTenant(input: $i) { tenant { id } } }', {
    i: { expectedVersion: 0, currency: t.currency, ...t.settings },
  }), 'configureTenant');
  // The demo executive in the demo lead's team: the lead gives the Vo.Bo. (R-SAL-1) and reads the team report.
  for (const e of [
    { id: TEAM_LEAD, name: 'Responsable de Equipo Demo', email: `responsable@${t.id}.example`, roles: ['SALES_TEAM_LEAD'] },
    { id: EXECUTIVE, name: 'Ejecutiva de Cuentas Demo', email: `ejecutiva@${t.id}.example`, roles: ['ACCOUNT_EXECUTIVE'] },
  ]) {
    must(await gql(url, admin, 'mutation($i: RegisterEmployeeInput!) { registerEmployee(input: $i) { employee { id } } }', { i: e }), `registerEmployee ${e.id}`);
  }
  must(await gql(url, admin, 'mutation($i: AssignTeamLeadInput!) { assignTeamLead(input: $i) { employee { id } } }', {
    i: { employeeId: EXECUTIVE, teamLeadId: TEAM_LEAD },
  }), 'assignTeamLead');
  let firstCustomer;
  let firstAccount;
  let firstProduct;
  for (const c of t.customers) {
    const { plan, address, ...input } = c;
    const reg = await gql(url, admin, 'mutation($input: RegisterCustomerInput!) { registerCustomer(input: $input) { customer { id } } }', { input });
    if (reg.errors) throw new Error(`seed ${t.id} ${c.name}: ${JSON.stringify(reg.errors)}`);
    const customerId = reg.data.registerCustomer.customer.id;
    firstCustomer ??= { id: customerId, name: c.name };
    const contact = { name: `Contacto de ${c.name.split(' ')[0]}`, role: 'Gerente', phone: '+591 4 4250000', email: `contacto@${t.id}.example` };
    must(await gql(url, admin, 'mutation($i: AddContactInput!) { addContact(input: $i) { customer { id } } }', { i: { customerId, contact } }), 'addContact');
    must(await gql(url, admin, 'mutation($i: AssignPortfolioInput!) { assignPortfolio(input: $i) { customer { id } } }', { i: { customerId, executiveId: EXECUTIVE } }), 'assignPortfolio');
    await untilKnown(
      () => gql(url, admin, 'mutation($i: PlaceSalesOrderInput!) { placeSalesOrder(input: $i) { salesOrder { id } } }', { i: { customerId, planCode: plan, installationAddress: address } }),
      'placeSalesOrder',
    );
    const account = await untilKnown(
      () => gql(url, admin, 'mutation($i: OpenBillingAccountInput!) { openBillingAccount(input: $i) { billingAccount { id } } }', { i: { customerId, currency: t.currency } }),
      'openBillingAccount',
    );
    firstAccount ??= account.openBillingAccount.billingAccount.id;
    const product = await untilKnown(
      () => gql(url, admin, 'mutation($i: RegisterInstalledProductInput!) { registerInstalledProduct(input: $i) { installedProduct { id } } }', {
        i: { customerId, planCode: plan, family: 'OTHER', serviceNumber: `${c.taxId ?? c.identityCard}-1`.replace(/[^0-9A-Za-z-]/g, ''), installationAddress: address },
      }),
      'registerInstalledProduct',
    );
    firstProduct ??= product.registerInstalledProduct.installedProduct.id;
  }
  const leads = [...(t.leads ?? []), { ...t.customerLead, companyName: firstCustomer.name, customerId: firstCustomer.id }];
  for (const lead of leads) {
    await untilKnown(() => gql(url, admin, 'mutation($i: RegisterLeadInput!) { registerLead(input: $i) { lead { id } } }', { i: lead }), 'registerLead');
  }
  await seedOperations(url, secret, t, { firstCustomer, firstAccount, firstProduct, must });
  log(`${t.id}: seeded ${t.customers.length} customers (${t.label})`);
}

/** Catalog, network, targets, a sale project at the offer, a damage ticket and a partner-imported invoice. */
async function seedOperations(url, secret, t, { firstCustomer, firstAccount, firstProduct, must }) {
  const as = (sub, roles, scopes) => signDevToken(secret, { sub, tenant: t.id, roles, ...(scopes ? { scopes } : {}) });
  const [director, coordinator, lead, exec, clerk, partner] = await Promise.all([
    as('demo-director', ['COMMERCIAL_DIRECTOR']),
    as('demo-coordinator', ['TECHNICAL_COORDINATOR']),
    as(TEAM_LEAD, ['SALES_TEAM_LEAD']),
    as(EXECUTIVE, ['ACCOUNT_EXECUTIVE']),
    as('demo-clerk', ['COMMERCIAL_CLERK']),
    as('demo-erp', ['PARTNER'], ['read', 'write', 'billing:write']),
  ]);
  for (const plan of t.plans ?? []) {
    must(await gql(url, director, 'mutation($i: DefinePlanInput!) { definePlan(input: $i) { plan { id } } }', { i: plan }), `definePlan ${plan.code}`);
  }
  const month = new Date().toISOString().slice(0, 7);
  must(await gql(url, lead, 'mutation($i: SetSalesTargetInput!) { setSalesTarget(input: $i) { target { month } } }', {
    i: { executiveId: EXECUTIVE, month, newCapturesCount: 5, newCapturesAmount: t.plans?.[0]?.monthlyFee ?? '1000' },
  }), 'setSalesTarget');
  if (t.network) {
    const header = 'code,kind,technology,district,latitude,longitude,coverageRadiusM,portsTotal,portsUsed,maxSpeedMbps';
    const r = must(await gql(url, coordinator, 'mutation($i: ImportNetworkNodesInput!) { importNetworkNodes(input: $i) { imported errors { row message } } }', {
      i: { format: 'CSV', content: [header, ...t.network].join('\n') },
    }), 'importNetworkNodes');
    if (r.importNetworkNodes.errors.length) throw new Error(`seed ${t.id} network: ${JSON.stringify(r.importNetworkNodes.errors)}`);
  }
  if (t.demoProject) await seedSaleProject(url, t, { exec, lead, clerk, must });
  await untilKnown(() => gql(url, clerk, 'mutation($i: RegisterDamageTicketInput!) { registerDamageTicket(input: $i) { ticket { id } } }', {
    i: { customerId: firstCustomer.id, service: 'INTERNET', cause: 'Intermittent connection since the storm', address: t.customers[0].address, referencePhone: '+591 70712345' },
  }), 'registerDamageTicket');
  // Post-sale: a call-detail request entered (R-PS-G1 fee on the next invoice) and a complaint (PQR) on its SLA clock.
  const docs = ['REQUEST_LETTER', 'ID_DOCUMENT', 'TAX_ID', 'POWER_OF_ATTORNEY'];
  const lastMonth = new Date(Date.now() - 31 * 86_400_000).toISOString().slice(0, 7);
  const detail = must(await gql(url, clerk, 'mutation($i: ReceivePostSaleRequestInput!) { receivePostSaleRequest(input: $i) { request { id } } }', {
    i: { type: 'CALL_DETAIL', customerId: firstCustomer.id, installedProductId: firstProduct, channel: 'LETTER', providedRequirements: docs, callDetail: { months: [lastMonth, month], carrier: 'OWN', deliveryChannel: 'EMAIL' } },
  }), 'receivePostSaleRequest (call detail)');
  must(await gql(url, clerk, 'mutation($i: EnterPostSaleRequestInput!) { enterPostSaleRequest(input: $i) { request { id } } }', { i: { requestId: detail.receivePostSaleRequest.request.id } }), 'enterPostSaleRequest');
  must(await gql(url, clerk, 'mutation($i: ReceivePostSaleRequestInput!) { receivePostSaleRequest(input: $i) { request { id } } }', {
    i: { type: 'PQR', customerId: firstCustomer.id, channel: 'WHATSAPP', pqr: { kind: 'COMPLAINT', subject: 'Waiting time at the office', description: 'Waited two hours to be attended' } },
  }), 'receivePostSaleRequest (PQR)');
  const amount = t.plans?.[0]?.monthlyFee ?? '100.00';
  must(await gql(url, partner, 'mutation($i: ImportInvoiceInput!) { importInvoice(input: $i) { invoice { id } } }', {
    i: {
      billingAccountId: firstAccount, externalId: `ERP-${t.id}-${lastMonth}`, period: lastMonth, dueDate: new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10),
      total: amount, lines: [{ kind: 'PLAN_FEE', description: `Plan ${t.plans?.[0]?.code ?? ''}`.trim(), amount }],
    },
  }), 'importInvoice');
}

/** A new capture drafted, approved by the lead, found feasible (once sales learned the network) and offered. */
async function seedSaleProject(url, t, { exec, lead, clerk, must }) {
  const d = t.demoProject;
  const reg = must(await gql(url, clerk, 'mutation($i: RegisterCustomerInput!) { registerCustomer(input: $i) { customer { id } } }', {
    i: { kind: 'BUSINESS', name: d.name, taxId: d.taxId },
  }), 'registerCustomer (demo project)');
  const customerId = reg.registerCustomer.customer.id;
  const P = 'saleProject { id status version }';
  let p = (await untilKnown(() => gql(url, exec, `mutation($i: DraftSaleProjectInput!) { draftSaleProject(input: $i) { ${P} } }`, {
    i: { customerId, kind: 'NEW_CAPTURE', needs: 'Fibre internet for the shop and the warehouse', items: [{ planCode: d.planCode }], installationAddress: d.address, location: d.location },
  }), 'draftSaleProject')).draftSaleProject.saleProject;
  p = must(await gql(url, lead, `mutation($i: ProjectActInput!) { approveSaleProject(input: $i) { ${P} } }`, { i: { projectId: p.id, expectedVersion: p.version, note: 'Vo.Bo.' } }), 'approveSaleProject').approveSaleProject.saleProject;
  const deadline = Date.now() + 30_000;
  for (;;) {
    p = must(await gql(url, clerk, `mutation($i: ProjectActInput!) { checkSaleProjectFeasibility(input: $i) { ${P} } }`, { i: { projectId: p.id, expectedVersion: p.version } }), 'checkSaleProjectFeasibility').checkSaleProjectFeasibility.saleProject;
    if (p.status === 'FEASIBLE') break;
    if (Date.now() > deadline) throw new Error(`seed ${t.id}: the demo project never became feasible (${p.status})`);
    await new Promise((r) => setTimeout(r, 300));
  }
  const validUntil = new Date(Date.now() + 15 * 86_400_000).toISOString().slice(0, 10);
  must(await gql(url, exec, `mutation($i: MakeCommercialOfferInput!) { makeCommercialOffer(input: $i) { ${P} } }`, { i: { projectId: p.id, expectedVersion: p.version, validUntil, channel: 'EMAIL' } }), 'makeCommercialOffer');
}

async function seed(url, secret, log = (m) => console.error(`[seed] ${m}`)) {
  for (const t of TENANTS) await seedTenant(url, secret, t, log);
}

module.exports = { seed, TENANTS };
