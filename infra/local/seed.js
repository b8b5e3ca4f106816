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
    customers: [
      { kind: 'BUSINESS', name: 'Grupo Financiero Azteca SA', taxId: 'GFA850101AB1', plan: 'SOC-GESTIONADO', address: 'Paseo de la Reforma 250, CDMX' },
    ],
    leads: [{ companyName: 'Logística del Norte SA', source: 'FORUM', requirement: 'Threat intelligence for 2 data centres' }],
  },
];

/** The demo account executive of every tenant (an employee id is the user id in that person's token). */
const EXECUTIVE = 'emp-ejecutiva-1';

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
  must(await gql(url, admin, 'mutation($i: RegisterEmployeeInput!) { registerEmployee(input: $i) { employee { id } } }', {
    i: { id: EXECUTIVE, name: 'Ejecutiva de Cuentas Demo', email: `ejecutiva@${t.id}.example`, roles: ['ACCOUNT_EXECUTIVE'] },
  }), 'registerEmployee');
  let firstCustomer;
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
    await untilKnown(
      () => gql(url, admin, 'mutation($i: OpenBillingAccountInput!) { openBillingAccount(input: $i) { billingAccount { id } } }', { i: { customerId, currency: t.currency } }),
      'openBillingAccount',
    );
    await untilKnown(
      () => gql(url, admin, 'mutation($i: RegisterInstalledProductInput!) { registerInstalledProduct(input: $i) { installedProduct { id } } }', {
        i: { customerId, planCode: plan, family: 'OTHER', serviceNumber: `${c.taxId ?? c.identityCard}-1`.replace(/[^0-9A-Za-z-]/g, ''), installationAddress: address },
      }),
      'registerInstalledProduct',
    );
  }
  const leads = [...(t.leads ?? []), { ...t.customerLead, companyName: firstCustomer.name, customerId: firstCustomer.id }];
  for (const lead of leads) {
    await untilKnown(() => gql(url, admin, 'mutation($i: RegisterLeadInput!) { registerLead(input: $i) { lead { id } } }', { i: lead }), 'registerLead');
  }
  log(`${t.id}: seeded ${t.customers.length} customers (${t.label})`);
}

async function seed(url, secret, log = (m) => console.error(`[seed] ${m}`)) {
  for (const t of TENANTS) await seedTenant(url, secret, t, log);
}

module.exports = { seed, TENANTS };
