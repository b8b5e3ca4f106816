/**
 * Business sales (DOMAIN.md §1, §4) through the gateway on real Kafka + Mongo-wire: the catalog, a new
 * capture from draft to COMPLETED (R-SAL-1, R-SAL-2, R-SAL-3, installation via techsupport.WorkOrderClosed,
 * the quality-control call and sales.SalesOrderActivated), a portfolio sale that is not feasible and is
 * declined, concurrent acts on one project, targets from customers.MonthPlanned, the monthly reports
 * and the indicators (R-SAL-KPI from collections.InvoiceIssued, R-ASE-KPI1/2).
 */
import mongoose from 'mongoose';
import { stackBus, refused, testEvent, testStack, tokenFor, uniqueTenant, waitFor } from '@vinculo/common/testing';
import { execute, ok } from './support/untyped-answers';
import { okOnceFilesKnown, refusedOnceFilesKnown, requirementFilesOf } from './support/files';

type Vars = Record<string, unknown>;

let seq = 8100000;
const bus = stackBus();

const REGISTER = `mutation($i: RegisterCustomerInput!) { registerCustomer(input: $i) { customer { id } } }`;
const DEFINE_PLAN = `mutation($i: DefinePlanInput!) { definePlan(input: $i) { plan { id code version monthlyFee { amount currency } installationCost { amount } priceHistory { monthlyFee { amount } by } } } }`;
const CHANGE_PRICE = `mutation($i: ChangePlanPriceInput!) { changePlanPrice(input: $i) { plan { code version monthlyFee { amount } priceHistory { monthlyFee { amount } installationCost { amount } note } } } }`;
const DEFINE_PROMO = `mutation($i: DefinePromotionInput!) { definePromotion(input: $i) { promotion { id code } } }`;
const PROJECT = `id status version kind market feasibility { feasible reason nodeId } visit { id }
  offers { number monthlyTotal { amount currency } installationTotal { amount } channel lines { planCode promotionCode monthlyFee { amount } installationCost { amount } listMonthlyFee { amount } } }
  decision { outcome reason backingDocuments backingAttachments { document attachmentId } } salesOrder { id status } items { planCode plan { name } } history { from to by note }`;
const pm = (name: string, input: string) => `mutation($i: ${input}!) { ${name}(input: $i) { saleProject { ${PROJECT} } } }`;
const DRAFT = pm('draftSaleProject', 'DraftSaleProjectInput');
const APPROVE = pm('approveSaleProject', 'ProjectActInput');
const FEASIBILITY = pm('checkSaleProjectFeasibility', 'ProjectActInput');
const VISIT = pm('linkSaleProjectVisit', 'LinkSaleProjectVisitInput');
const OFFER = pm('makeCommercialOffer', 'MakeCommercialOfferInput');
const ACCEPT = pm('acceptCommercialOffer', 'AcceptCommercialOfferInput');
const DECLINE = pm('declineSaleProject', 'DeclineSaleProjectInput');
const ORDER = `id status version origin planCode acceptedLines { planCode monthlyFee { amount } } enteredLines { planCode monthlyFee { amount } }
  entryChecks { passed differences } requirementDocuments serviceNumber qualityCall { outcome } saleProject { id status } history { from to by note }`;
const ENTER = `mutation($i: EnterSalesOrderInput!) { enterSalesOrder(input: $i) { saleProject { id status version } salesOrder { ${ORDER} } } }`;
const om = (name: string, input: string) => `mutation($i: ${input}!) { ${name}(input: $i) { salesOrder { ${ORDER} } } }`;
const CHECK_ENTRY = om('checkSalesOrderEntry', 'OrderActInput');
const CORRECT = om('correctSalesOrderEntry', 'CorrectSalesOrderEntryInput');
const QC = om('recordSalesQualityCall', 'RecordSalesQualityCallInput');
const GET_ORDER = `query($id: ID!) { salesOrder(id: $id) { ${ORDER} } }`;
const TIMELINE = `query($id: ID!) { customer(id: $id) { status timeline(first: 100) { edges { node { eventType } } } saleProjects { edges { node { id status } } } salesOrders { edges { node { id status } } } } }`;

const today = () => new Date().toISOString().slice(0, 10);
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const HERE = { latitude: -17.3935, longitude: -66.157 };
const NOWHERE = { latitude: -10.0, longitude: -60.0 };

interface Actors {
  tenant: string;
  exec: string;
  lead: string;
  clerk: string;
  director: string;
}

async function actors(label: string): Promise<Actors> {
  const tenant = uniqueTenant(label);
  return {
    tenant,
    exec: await tokenFor(tenant, ['ACCOUNT_EXECUTIVE'], { sub: 'exec-1' }),
    lead: await tokenFor(tenant, ['SALES_TEAM_LEAD'], { sub: 'lead-1' }),
    clerk: await tokenFor(tenant, ['COMMERCIAL_CLERK'], { sub: 'clerk-1' }),
    director: await tokenFor(tenant, ['COMMERCIAL_DIRECTOR'], { sub: 'director-1' }),
  };
}

/** A fibre node covering HERE, in sales' coverage read model (techsupport.CoverageChanged). */
async function coverage(tenant: string) {
  const node = {
    nodeId: `nap-${tenant}`,
    nodeVersion: 1,
    kind: 'NAP',
    code: 'NAP-CBBA-01',
    district: 'Centro',
    technology: 'FIBER',
    location: HERE,
    coverageRadiusM: 500,
    portsTotal: 16,
    portsUsed: 3,
    maxSpeedMbps: 1000,
    active: true,
  };
  await bus.publish(testEvent('techsupport', 'techsupport.CoverageChanged', tenant, node.nodeId, node));
}

async function catalog(a: Actors) {
  await ok(a.director, DEFINE_PLAN, {
    i: {
      code: 'FIB-100',
      name: 'Fibra 100 Empresas',
      family: 'INTERNET',
      technology: 'FIBER',
      speedMbps: 100,
      monthlyFee: '250.00',
      installationCost: '100.00',
      minimumPermanenceMonths: 12,
    },
  });
  await ok(a.director, DEFINE_PLAN, {
    i: {
      code: 'LINEA-PYME',
      name: 'Línea fija PyME',
      family: 'FIXED_LINE',
      monthlyFee: '70.00',
      installationCost: '50.00',
      supplementaryServices: ['CALLER_ID'],
    },
  });
  await ok(a.director, DEFINE_PROMO, {
    i: {
      code: 'PROMO-FIB',
      name: 'Instalación gratis',
      planCodes: ['FIB-100'],
      monthlyDiscountPercent: 10,
      installationDiscountPercent: 100,
      validFrom: inDays(-2),
      validTo: inDays(30),
    },
  });
}

async function customer(a: Actors, kind: 'BUSINESS' | 'PERSON', name: string): Promise<string> {
  const input = kind === 'BUSINESS' ? { kind, name, taxId: String(++seq) } : { kind, name, identityCard: String(++seq) };
  return (await ok(a.clerk, REGISTER, { i: input })).registerCustomer.customer.id as string;
}

/** An existing (ACTIVE) customer: an earlier sale activated it (customers reacts to sales.SalesOrderActivated). */
async function activeCustomer(a: Actors, name: string): Promise<string> {
  const customerId = await customer(a, 'BUSINESS', name);
  const old = `so-old-${customerId}`;
  await bus.publish(
    testEvent('sales', 'sales.SalesOrderActivated', a.tenant, old, { orderId: old, customerId, planCode: 'LINEA-PYME', activatedAt: new Date().toISOString() }),
  );
  await waitFor('the customer to be ACTIVE in sales', async () => {
    const res = await execute<any>(
      DRAFT,
      { i: { customerId, kind: 'PORTFOLIO', needs: 'probe', items: [], installationAddress: 'Av. 1 # 2', location: HERE } },
      { token: a.exec },
    );
    // BAD_USER_INPUT on items (not on kind) once the directory knows the customer is ACTIVE.
    return res.errors?.[0]?.extensions?.field === 'items';
  });
  return customerId;
}

/** Draft once sales knows the customer (customers.CustomerRegistered reached its directory). */
async function draft(a: Actors, customerId: string, extra: Vars = {}) {
  const input = {
    customerId,
    kind: 'NEW_CAPTURE',
    needs: 'Internet and a line for the head office',
    activityType: 'Retail',
    items: [{ planCode: 'FIB-100', promotionCode: 'PROMO-FIB' }, { planCode: 'LINEA-PYME' }],
    installationAddress: 'Av. Ballivián 123, Cochabamba',
    location: HERE,
    ...extra,
  };
  return waitFor('sales to know the customer', async () => {
    const res = await execute<any>(DRAFT, { i: input }, { token: a.exec });
    if (res.errors?.[0]?.extensions?.code === 'NOT_FOUND') return undefined;
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.draftSaleProject.saleProject;
  });
}

const act = async (token: string, m: string, field: string, i: Vars) => (await ok(token, m, { i }))[field].saleProject;
const feasibleProject = async (a: Actors, p: any) =>
  waitFor('coverage in the read model', async () => {
    const r = await act(a.clerk, FEASIBILITY, 'checkSaleProjectFeasibility', { projectId: p.id, expectedVersion: p.version });
    if (r.status === 'FEASIBLE') return r;
    p = r; // NOT_FEASIBLE until the CoverageChanged event arrives; check again from there
    return undefined;
  });

/** A new capture taken to ACCEPTED (draft → Vo.Bo. → feasible → offer → accepted). */
async function acceptedProject(a: Actors, customerId: string, extra: Vars = {}) {
  let p = await draft(a, customerId, extra);
  p = await act(a.lead, APPROVE, 'approveSaleProject', { projectId: p.id, expectedVersion: p.version });
  p = await feasibleProject(a, p);
  p = await act(a.exec, OFFER, 'makeCommercialOffer', { projectId: p.id, expectedVersion: p.version, validUntil: inDays(10), channel: 'EMAIL' });
  const accepted = await okOnceFilesKnown(a.exec, ACCEPT, {
    i: { projectId: p.id, expectedVersion: p.version, backingAttachments: await filesOf(a, customerId) },
  });
  return accepted.acceptCommercialOffer.saleProject;
}

/** The business customer's requirement documents as uploaded files (once per customer). */
const filesOf = (a: Actors, customerId: string) => requirementFilesOf(a.clerk, customerId, docs);

const docs = ['REQUEST_LETTER', 'TAX_ID', 'LEGAL_REPRESENTATIVE_ID', 'POWER_OF_ATTORNEY'];
const goodLines = [
  { planCode: 'FIB-100', promotionCode: 'PROMO-FIB', monthlyFee: '225.00', installationCost: '0.00' },
  { planCode: 'LINEA-PYME', monthlyFee: '70.00', installationCost: '50.00' },
];

describe('sales: catalog', () => {
  test('the director defines plans and promotions, price changes keep history; others are refused; duplicates CONFLICT', async () => {
    const a = await actors('cat');
    const plan = (
      await ok(a.director, DEFINE_PLAN, {
        i: { code: 'adsl-10', name: 'ADSL 10', family: 'INTERNET', technology: 'COPPER', speedMbps: 10, monthlyFee: '120.50', installationCost: '80' },
      })
    ).definePlan.plan;
    expect(plan).toMatchObject({ code: 'ADSL-10', version: 0, monthlyFee: { amount: '120.50', currency: 'BOB' }, installationCost: { amount: '80.00' } });
    await refused(
      a.director,
      DEFINE_PLAN,
      { i: { code: 'ADSL-10', name: 'ADSL 10 again', family: 'INTERNET', monthlyFee: '1', installationCost: '1' } },
      'CONFLICT',
    );
    await refused(a.exec, DEFINE_PLAN, { i: { code: 'X-1', name: 'Nope', family: 'INTERNET', monthlyFee: '1', installationCost: '1' } }, 'FORBIDDEN');
    await refused(
      a.director,
      DEFINE_PLAN,
      { i: { code: 'X-2', name: 'Bad', family: 'INTERNET', monthlyFee: '1.234', installationCost: '1' } },
      'BAD_USER_INPUT',
    );
    const waste = (
      await ok(a.director, DEFINE_PLAN, {
        i: { code: 'GG-RES', name: 'Recolección gran generador', family: 'WASTE_COLLECTION', monthlyFee: '1500', installationCost: '0' },
      })
    ).definePlan.plan;
    expect(waste.code).toBe('GG-RES');
    const changed = (
      await ok(a.director, CHANGE_PRICE, { i: { code: 'ADSL-10', expectedVersion: 0, monthlyFee: '110.00', installationCost: '80.00', note: 'Q2 tariff' } })
    ).changePlanPrice.plan;
    expect(changed.priceHistory).toEqual([
      { monthlyFee: { amount: '120.50' }, installationCost: { amount: '80.00' }, note: 'defined' },
      { monthlyFee: { amount: '110.00' }, installationCost: { amount: '80.00' }, note: 'Q2 tariff' },
    ]);
    await refused(a.director, CHANGE_PRICE, { i: { code: 'ADSL-10', expectedVersion: 0, monthlyFee: '100.00', installationCost: '80.00' } }, 'CONFLICT');
    await refused(
      a.director,
      DEFINE_PROMO,
      {
        i: {
          code: 'P',
          name: 'Bad window',
          planCodes: ['ADSL-10'],
          monthlyDiscountPercent: 5,
          installationDiscountPercent: 0,
          validFrom: inDays(5),
          validTo: inDays(1),
        },
      },
      'BAD_USER_INPUT',
    );
    const list = (await ok(a.exec, `query { plans(filter: { family: "internet" }) { edges { node { code } } } }`)).plans.edges.map((e: any) => e.node.code);
    expect(list).toEqual(['ADSL-10']);
    await ok(a.director, DEFINE_PROMO, {
      i: {
        code: 'P-LATER',
        name: 'Later',
        planCodes: ['ADSL-10'],
        monthlyDiscountPercent: 5,
        installationDiscountPercent: 0,
        validFrom: inDays(20),
        validTo: inDays(40),
      },
    });
    await ok(a.director, DEFINE_PROMO, {
      i: {
        code: 'P-NOW',
        name: 'Now',
        planCodes: ['ADSL-10'],
        monthlyDiscountPercent: 5,
        installationDiscountPercent: 0,
        validFrom: inDays(-1),
        validTo: inDays(10),
      },
    });
    const promos = (
      await ok(a.exec, `query($d: Date!) { promotions(validOn: $d, first: 10) { edges { node { code } } pageInfo { hasNextPage } } }`, { d: inDays(3) })
    ).promotions;
    expect(promos).toEqual({ edges: [{ node: { code: 'P-NOW' } }], pageInfo: { hasNextPage: false } });
  });
});

describe('sales: new capture, A1–A8', () => {
  test('draft → R-SAL-1 → approval → feasibility → visit → offer → accepted → order entered → R-SAL-3 returned/corrected → placed → installed → QC → COMPLETED', async () => {
    const a = await actors('nc');
    await Promise.all([catalog(a), coverage(a.tenant)]);
    const customerId = await customer(a, 'BUSINESS', 'Ferretería Andina SRL');
    let p = await draft(a, customerId);
    expect(p).toMatchObject({
      status: 'DRAFT',
      kind: 'NEW_CAPTURE',
      items: [{ planCode: 'FIB-100', plan: { name: 'Fibra 100 Empresas' } }, { planCode: 'LINEA-PYME' }],
    });

    // R-SAL-1: nothing goes further without the lead's Vo.Bo.; only the lead approves.
    const e1 = await refused(a.clerk, FEASIBILITY, { i: { projectId: p.id, expectedVersion: p.version } }, 'FAILED_PRECONDITION');
    expect(e1.extensions?.rule).toBe('R-SAL-1');
    await refused(a.exec, APPROVE, { i: { projectId: p.id, expectedVersion: p.version } }, 'FORBIDDEN');
    p = await act(a.lead, APPROVE, 'approveSaleProject', { projectId: p.id, expectedVersion: p.version, note: 'Vo.Bo.' });
    expect(p.status).toBe('APPROVED');

    // R-SAL-2: no offer before the feasibility check.
    const e2 = await refused(
      a.exec,
      OFFER,
      { i: { projectId: p.id, expectedVersion: p.version, validUntil: inDays(15), channel: 'EMAIL' } },
      'FAILED_PRECONDITION',
    );
    expect(e2.extensions?.rule).toBe('R-SAL-2');
    p = await feasibleProject(a, p);
    expect(p.feasibility).toMatchObject({ feasible: true, nodeId: `nap-${a.tenant}` });
    p = await act(a.exec, VISIT, 'linkSaleProjectVisit', { projectId: p.id, expectedVersion: p.version, visitId: 'visit-123' });
    expect(p).toMatchObject({ status: 'VISIT_SCHEDULED', visit: { id: 'visit-123' } });
    p = await act(a.exec, OFFER, 'makeCommercialOffer', { projectId: p.id, expectedVersion: p.version, validUntil: inDays(15), channel: 'EMAIL' });
    expect(p.offers[0]).toMatchObject({
      number: 1,
      channel: 'EMAIL',
      monthlyTotal: { amount: '295.00', currency: 'BOB' },
      installationTotal: { amount: '50.00' },
    });
    expect(p.offers[0].lines[0]).toMatchObject({
      planCode: 'FIB-100',
      promotionCode: 'PROMO-FIB',
      listMonthlyFee: { amount: '250.00' },
      monthlyFee: { amount: '225.00' },
      installationCost: { amount: '0.00' },
    });
    // R-SAL-2: acceptance checks the same documents order entry will (known in advance by saleRequirements).
    const needs = (await ok(a.exec, `query($c: ID!) { saleRequirements(customerId: $c) { customerKind documents checkedBy } }`, { c: customerId }))
      .saleRequirements;
    expect(needs).toEqual({ customerKind: 'BUSINESS', documents: docs, checkedBy: ['acceptCommercialOffer', 'enterSalesOrder'] });
    // Each document counts only with its file: one short → R-SAL-2 naming it; a name alone is a missing document.
    const files = await filesOf(a, customerId);
    const eDocs = await refusedOnceFilesKnown(a.exec, ACCEPT, { i: { projectId: p.id, expectedVersion: p.version, backingAttachments: files.slice(0, 3) } });
    expect(eDocs.extensions).toMatchObject({ code: 'FAILED_PRECONDITION', rule: 'R-SAL-2', missing: ['POWER_OF_ATTORNEY'], refusedFiles: [] });
    const named = await refused(
      a.exec,
      ACCEPT,
      { i: { projectId: p.id, expectedVersion: p.version, backingDocuments: needs.documents } },
      'FAILED_PRECONDITION',
    );
    expect(named.extensions).toMatchObject({ rule: 'R-SAL-2', missing: docs });
    p = await act(a.exec, ACCEPT, 'acceptCommercialOffer', {
      projectId: p.id,
      expectedVersion: p.version,
      backingAttachments: files.filter((f) => needs.documents.includes(f.document)),
    });
    expect(p).toMatchObject({ status: 'ACCEPTED', decision: { outcome: 'ACCEPTED', backingDocuments: docs, backingAttachments: files } });

    // A6: only the clerk enters; requirements incomplete → R-SAL-2; a typo is caught by R-SAL-3.
    await refused(a.exec, ENTER, { i: { projectId: p.id, expectedVersion: p.version, lines: goodLines, requirementAttachments: files } }, 'FORBIDDEN');
    const e3 = await refused(
      a.clerk,
      ENTER,
      { i: { projectId: p.id, expectedVersion: p.version, lines: goodLines, requirementAttachments: files.slice(0, 1) } },
      'FAILED_PRECONDITION',
    );
    expect(e3.extensions).toMatchObject({ rule: 'R-SAL-2', missing: ['TAX_ID', 'LEGAL_REPRESENTATIVE_ID', 'POWER_OF_ATTORNEY'] });
    const typo = [{ ...goodLines[0], monthlyFee: '252.00' }, goodLines[1]];
    const entered = (await ok(a.clerk, ENTER, { i: { projectId: p.id, expectedVersion: p.version, lines: typo, requirementAttachments: files } }))
      .enterSalesOrder;
    expect(entered.saleProject.status).toBe('ORDER_ENTERED');
    let o = entered.salesOrder;
    expect(o).toMatchObject({ status: 'ENTERED', origin: 'SALE_PROJECT', saleProject: { id: p.id, status: 'ORDER_ENTERED' } });
    o = (await ok(a.clerk, CHECK_ENTRY, { i: { orderId: o.id, expectedVersion: o.version } })).checkSalesOrderEntry.salesOrder;
    expect(o.status).toBe('RETURNED');
    expect(o.entryChecks[0].differences).toEqual(['line 1 monthly fee: entered 252.00, accepted 225.00']);
    const e4 = await refused(a.clerk, CHECK_ENTRY, { i: { orderId: o.id, expectedVersion: o.version } }, 'FAILED_PRECONDITION');
    expect(e4.extensions?.rule).toBe('R-SAL-3');
    o = (await ok(a.clerk, CORRECT, { i: { orderId: o.id, expectedVersion: o.version, lines: goodLines } })).correctSalesOrderEntry.salesOrder;
    o = (await ok(a.clerk, CHECK_ENTRY, { i: { orderId: o.id, expectedVersion: o.version } })).checkSalesOrderEntry.salesOrder;
    expect(o.status).toBe('PLACED');
    // Too early: the error says where the order is, where the call is allowed from and what comes first.
    const early = await refused(a.exec, QC, { i: { orderId: o.id, expectedVersion: o.version, outcome: 'OK' } }, 'FAILED_PRECONDITION');
    expect(early.extensions).toMatchObject({ currentStatus: 'PLACED', allowedFrom: ['INSTALLED'], nextAct: 'closeWorkOrder' });

    // A7: techsupport closes the installation work order (contract techsupport.WorkOrderClosed).
    const closed = (outcome: string, wo: string) =>
      testEvent('techsupport', 'techsupport.WorkOrderClosed', a.tenant, wo, {
        workOrderId: wo,
        customerId,
        type: 'INSTALLATION',
        outcome,
        closedAt: new Date().toISOString(),
        salesOrderId: o.id,
        serviceNumber: '4-4251234',
      });
    await bus.publish(closed('CLOSED_UNRESOLVED', 'wo-1'));
    o = await waitFor('technical follow-up', async () => {
      const x = (await ok(a.exec, GET_ORDER, { id: o.id })).salesOrder;
      return x.status === 'TECHNICAL_FOLLOW_UP' ? x : undefined;
    });
    const resolved = closed('CLOSED_RESOLVED', 'wo-2');
    await bus.publish(resolved);
    await bus.publish(resolved); // redelivered: one effect
    o = await waitFor('installed', async () => {
      const x = (await ok(a.exec, GET_ORDER, { id: o.id })).salesOrder;
      return x.status === 'INSTALLED' ? x : undefined;
    });
    expect(o.serviceNumber).toBe('4-4251234');
    await refused(a.clerk, QC, { i: { orderId: o.id, expectedVersion: o.version, outcome: 'OK' } }, 'FORBIDDEN');
    // A8: the call is the selling executive's (or the portfolio owner's), not any executive's.
    const other = await tokenFor(a.tenant, ['ACCOUNT_EXECUTIVE'], { sub: 'exec-2' });
    await refused(other, QC, { i: { orderId: o.id, expectedVersion: o.version, outcome: 'OK' } }, 'FORBIDDEN');
    o = (await ok(a.exec, QC, { i: { orderId: o.id, expectedVersion: o.version, outcome: 'OK', note: 'Service working' } })).recordSalesQualityCall.salesOrder;
    expect(o.status).toBe('COMPLETED');
    expect(o.history.map((h: any) => h.to)).toEqual(['ENTERED', 'RETURNED', 'ENTERED', 'PLACED', 'TECHNICAL_FOLLOW_UP', 'INSTALLED', 'COMPLETED']);

    // Every step in the customer's timeline; SalesOrderActivated makes the prospect ACTIVE.
    const c = await waitFor('the timeline and activation', async () => {
      const x = (await ok(a.clerk, TIMELINE, { id: customerId })).customer;
      const types = x.timeline.edges.map((e: any) => e.node.eventType);
      return x.status === 'ACTIVE' && types.includes('sales.SalesOrderActivated') ? { x, types } : undefined;
    });
    expect(c.types.filter((t: string) => t === 'sales.SaleProjectChanged').length).toBeGreaterThanOrEqual(7);
    expect(c.types).toEqual(expect.arrayContaining(['sales.SalesOrderStatusChanged', 'sales.SalesOrderPlaced']));
    expect(c.x.saleProjects.edges).toEqual([{ node: { id: p.id, status: 'ORDER_ENTERED' } }]);
  });
});

describe('sales: portfolio sale (B) and the declined branch', () => {
  test('R-SAL-2 not feasible → returned to the executive; offer refused; declined → LOST with the reason', async () => {
    const a = await actors('pf');
    await catalog(a);
    const customerId = await activeCustomer(a, 'Hotel Tunari SA');
    let p = await draft(a, customerId, { kind: 'PORTFOLIO', location: NOWHERE, items: [{ planCode: 'FIB-100' }] });
    const needless = await refused(a.lead, APPROVE, { i: { projectId: p.id, expectedVersion: p.version } }, 'FAILED_PRECONDITION');
    expect(needless.extensions).toMatchObject({ currentStatus: 'DRAFT', allowedFrom: [], nextAct: 'checkSaleProjectFeasibility' });
    p = await act(a.clerk, FEASIBILITY, 'checkSaleProjectFeasibility', { projectId: p.id, expectedVersion: p.version });
    expect(p).toMatchObject({ status: 'NOT_FEASIBLE', feasibility: { feasible: false, reason: 'NO_COVERAGE' } });
    const e = await refused(
      a.exec,
      OFFER,
      { i: { projectId: p.id, expectedVersion: p.version, validUntil: inDays(5), channel: 'WRITTEN' } },
      'FAILED_PRECONDITION',
    );
    expect(e.extensions?.rule).toBe('R-SAL-2');
    p = await act(a.exec, DECLINE, 'declineSaleProject', {
      projectId: p.id,
      expectedVersion: p.version,
      reason: 'No coverage at the hotel; customer informed',
    });
    expect(p).toMatchObject({ status: 'LOST', decision: { outcome: 'DECLINED', reason: 'No coverage at the hotel; customer informed' } });
    const err = await refused(a.exec, DECLINE, { i: { projectId: p.id, expectedVersion: p.version, reason: 'again' } }, 'FAILED_PRECONDITION');
    expect(err.message).toContain('LOST');
    await refused(
      a.exec,
      DRAFT,
      { i: { customerId, kind: 'PORTFOLIO', needs: 'x', items: [], installationAddress: 'Av. 1 # 2', location: HERE } },
      'BAD_USER_INPUT',
    );
  });

  test('a cross-sell flag (techsupport.CrossSellFlagged) is a new need in the executive pipeline; a portfolio project takes it once', async () => {
    const a = await actors('need');
    await catalog(a);
    const customerId = await activeCustomer(a, 'Clínica Los Andes');
    const admin = await tokenFor(a.tenant, ['ADMIN'], { sub: 'admin-1' });
    await ok(admin, `mutation($i: RegisterEmployeeInput!) { registerEmployee(input: $i) { employee { id } } }`, {
      i: { id: 'exec-1', name: 'Ejecutiva Uno', email: 'exec1@vinculo.test', roles: ['ACCOUNT_EXECUTIVE'] },
    });
    const flag = testEvent('techsupport', 'techsupport.CrossSellFlagged', a.tenant, 'flag-1', {
      flagId: 'flag-1',
      customerId,
      executiveId: 'exec-1',
      installedProductId: null,
      suggestion: 'Add a fixed line for the reception',
    });
    await bus.publish(flag);
    await bus.publish(flag); // redelivered: one need
    const NEEDS = `{ employee(id: "exec-1") { newNeeds { edges { node { id status suggestion customer { id } saleProject { id status } } } } } }`;
    const needs = await waitFor('the new need', async () => {
      const e = (await ok(a.exec, NEEDS)).employee.newNeeds.edges;
      return e.length ? e : undefined;
    });
    expect(needs).toEqual([
      { node: { id: expect.any(String), status: 'OPEN', suggestion: 'Add a fixed line for the reception', customer: { id: customerId }, saleProject: null } },
    ]);
    const input = {
      customerId,
      kind: 'PORTFOLIO',
      newNeedId: needs[0].node.id,
      needs: 'Fixed line for the reception',
      items: [{ planCode: 'LINEA-PYME' }],
      installationAddress: 'Av. Aniceto Arce 500',
      location: HERE,
    };
    // Two drafts from the need at once: exactly one project (its id is derived from the need's).
    const both = await Promise.all([0, 1].map(() => execute<any>(DRAFT, { i: input }, { token: a.exec })));
    expect(both.filter((r) => r.errors?.[0]?.extensions?.code === 'CONFLICT').length).toBe(1);
    const p = both.find((r) => !r.errors)!.data.draftSaleProject.saleProject;
    await refused(a.exec, DRAFT, { i: input }, 'CONFLICT');
    expect((await ok(a.exec, NEEDS)).employee.newNeeds.edges[0].node).toMatchObject({ status: 'TAKEN', saleProject: { id: p.id, status: 'DRAFT' } });
  });
});

describe('sales: whose work an executive and a lead act on', () => {
  test("another executive is refused on a project and on a portfolio customer; only the executive's known lead approves; a lead reads only their team report, built from customers' teams", async () => {
    const a = await actors('own');
    await catalog(a);
    const admin = await tokenFor(a.tenant, ['ADMIN'], { sub: 'admin-1' });
    const other = await tokenFor(a.tenant, ['ACCOUNT_EXECUTIVE'], { sub: 'exec-2' });
    const lead2 = await tokenFor(a.tenant, ['SALES_TEAM_LEAD'], { sub: 'lead-2' });
    const EMPLOYEE = `mutation($i: RegisterEmployeeInput!) { registerEmployee(input: $i) { employee { id } } }`;
    await ok(admin, EMPLOYEE, { i: { id: 'lead-1', name: 'Líder Uno', email: 'lead1@vinculo.test', roles: ['SALES_TEAM_LEAD'] } });
    await ok(admin, EMPLOYEE, { i: { id: 'exec-1', name: 'Ejecutiva Uno', email: 'exec1@vinculo.test', roles: ['ACCOUNT_EXECUTIVE'], teamLeadId: 'lead-1' } });
    const TEAM = `query($l: ID!, $m: String!) { teamMonthlyReport(leadId: $l, month: $m) { executives { executiveId openProjects } } }`;
    const month = today().slice(0, 7);
    // customers.EmployeeRegistered reached sales' staff read model: exec-1 is in lead-1's team (no target needed).
    await waitFor("lead-1's team in sales", async () => {
      const t = (await ok(a.lead, TEAM, { l: 'lead-1', m: month })).teamMonthlyReport;
      return t.executives.some((e: any) => e.executiveId === 'exec-1') ? t : undefined;
    });
    await refused(lead2, TEAM, { l: 'lead-1', m: month }, 'FORBIDDEN');
    expect((await ok(a.director, TEAM, { l: 'lead-1', m: month })).teamMonthlyReport.executives).toEqual([{ executiveId: 'exec-1', openProjects: 0 }]);

    const customerId = await customer(a, 'BUSINESS', 'Propiedad SRL');
    let p = await draft(a, customerId);
    await refused(lead2, APPROVE, { i: { projectId: p.id, expectedVersion: p.version } }, 'FORBIDDEN');
    await refused(other, DECLINE, { i: { projectId: p.id, expectedVersion: p.version, reason: 'Not mine to decline' } }, 'FORBIDDEN');
    p = await act(a.lead, APPROVE, 'approveSaleProject', { projectId: p.id, expectedVersion: p.version });
    expect(p.history.map((h: any) => h.to)).toEqual(['DRAFT', 'APPROVED']);

    // The customer goes into exec-1's portfolio (customers.PortfolioAssigned): exec-2 may not draft for it.
    await ok(admin, `mutation($i: AssignPortfolioInput!) { assignPortfolio(input: $i) { customer { id } } }`, { i: { customerId, executiveId: 'exec-1' } });
    const probe = { customerId, kind: 'NEW_CAPTURE', needs: 'probe', items: [], installationAddress: 'Av. 1 # 2', location: HERE };
    await waitFor('the portfolio in sales', async () => {
      const r = await execute<any>(DRAFT, { i: probe }, { token: other });
      return r.errors?.[0]?.extensions?.code === 'FORBIDDEN' ? true : undefined; // BAD_USER_INPUT (no items) until then
    });
    const team = (await ok(a.lead, TEAM, { l: 'lead-1', m: month })).teamMonthlyReport;
    expect(team.executives).toEqual([{ executiveId: 'exec-1', openProjects: 1 }]);
  });
});

describe('sales: concurrent acts on one project', () => {
  test('two approvals in parallel: exactly one wins; accept and decline in parallel: exactly one wins', async () => {
    const a = await actors('cc');
    await Promise.all([catalog(a), coverage(a.tenant)]);
    const customerId = await customer(a, 'BUSINESS', 'Concurrencia SRL');
    let p = await draft(a, customerId);
    const lead2 = await tokenFor(a.tenant, ['SALES_TEAM_LEAD'], { sub: 'lead-2' });
    const both = await Promise.all([a.lead, lead2].map((t) => execute<any>(APPROVE, { i: { projectId: p.id, expectedVersion: p.version } }, { token: t })));
    expect(both.filter((r) => !r.errors).length).toBe(1);
    expect(both.filter((r) => r.errors?.[0]?.extensions?.code === 'CONFLICT').length).toBe(1);
    p = (await ok(a.exec, `query($id: ID!) { saleProject(id: $id) { ${PROJECT} } }`, { id: p.id })).saleProject;
    expect(p.history.map((h: any) => h.to)).toEqual(['DRAFT', 'APPROVED']);
    p = await feasibleProject(a, p);
    p = await act(a.exec, OFFER, 'makeCommercialOffer', { projectId: p.id, expectedVersion: p.version, validUntil: inDays(10), channel: 'WHATSAPP' });
    // The files known to sales first (a name without its file stays missing: refused, nothing written), so the race is only accept against decline.
    const files = await filesOf(a, customerId);
    const unbacked = await refusedOnceFilesKnown(a.exec, ACCEPT, {
      i: { projectId: p.id, expectedVersion: p.version, backingAttachments: files, backingDocuments: ['IDENTITY_CARD'] },
    });
    expect(unbacked.extensions).toMatchObject({ code: 'FAILED_PRECONDITION', rule: 'R-SAL-2', missing: ['IDENTITY_CARD'] });
    const race = await Promise.all([
      execute<any>(ACCEPT, { i: { projectId: p.id, expectedVersion: p.version, backingAttachments: files } }, { token: a.exec }),
      execute<any>(DECLINE, { i: { projectId: p.id, expectedVersion: p.version, reason: 'Changed their mind' } }, { token: a.exec }),
    ]);
    expect(race.filter((r) => !r.errors).length).toBe(1);
    expect(race.filter((r) => r.errors?.[0]?.extensions?.code === 'CONFLICT').length).toBe(1);
  });
});

describe('sales: a crash between writing the order and closing the project', () => {
  test("the order's own ENTERED event finishes the project; a retried entry finds the order already written: one order, nothing lost", async () => {
    const a = await actors('crash');
    await Promise.all([catalog(a), coverage(a.tenant)]);
    const customerId = await customer(a, 'BUSINESS', 'Reintento SRL');
    const GET = `query($id: ID!) { saleProject(id: $id) { id status version salesOrder { id } history { to by } } }`;
    // One entry done normally: its order is the model of the order a crashed entry leaves behind.
    const done = await acceptedProject(a, customerId);
    const model = (
      await ok(a.clerk, ENTER, {
        i: { projectId: done.id, expectedVersion: done.version, lines: goodLines, requirementAttachments: await filesOf(a, customerId) },
      })
    ).enterSalesOrder.salesOrder;

    /*
     * A process that died between the entry's two writes: the order of project `p` is written (id
     * `so-<project>`, as the entry derives it), the project is still ACCEPTED. The order is written
     * here with an empty outbox, so no ENTERED event of it exists until the test publishes one (as the
     * relay would after the restart): nothing live can finish the project before the test has seen it
     * crashed, and only the recovery under test can finish it after.
     */
    const crashedEntry = async (p: { id: string }) => {
      const orderId = `so-${p.id}`;
      const { mongoUri, runId } = testStack();
      const conn = await mongoose.createConnection(mongoUri, { dbName: `t${runId}_sales` }).asPromise();
      try {
        const orders = conn.collection<{ _id: string; [field: string]: unknown }>('sales_orders');
        const written = await orders.findOne({ _id: model.id });
        expect(written).not.toBeNull();
        // Its own business number (unique), as the entry would have drawn one.
        await orders.insertOne({ ...written!, _id: orderId, number: `SO-${p.id.slice(-8).toUpperCase()}`, saleProjectId: p.id, outbox: [] });
      } finally {
        await conn.close();
      }
      expect((await ok(a.clerk, GET, { id: p.id })).saleProject).toMatchObject({ status: 'ACCEPTED', salesOrder: null });
      return orderId;
    };

    // 1. Nobody retries: the relay publishes the order's ENTERED event after the restart; sales' own consumer finishes the project.
    const p1 = await acceptedProject(a, customerId);
    const o1 = await crashedEntry(p1);
    await bus.publish(
      testEvent(
        'sales',
        'sales.SalesOrderStatusChanged',
        a.tenant,
        o1,
        { orderId: o1, customerId, from: null, to: 'ENTERED', note: null },
        { actor: { userId: 'clerk-1', role: 'COMMERCIAL_CLERK' } },
      ),
    );
    const finished = await waitFor('the project finished by the order event', async () => {
      const x = (await ok(a.clerk, GET, { id: p1.id })).saleProject;
      return x.status === 'ORDER_ENTERED' ? x : undefined;
    });
    expect(finished).toMatchObject({ version: p1.version + 1, salesOrder: { id: o1 } });
    expect(finished.history.filter((h: any) => h.to === 'ORDER_ENTERED')).toEqual([{ to: 'ORDER_ENTERED', by: 'clerk-1' }]);

    // 2. The clerk retries (no event of that order ever published): the order is found, not written again, and the project closed.
    const p2 = await acceptedProject(a, customerId);
    const o2 = await crashedEntry(p2);
    const retried = (
      await ok(a.clerk, ENTER, { i: { projectId: p2.id, expectedVersion: p2.version, lines: goodLines, requirementAttachments: await filesOf(a, customerId) } })
    ).enterSalesOrder;
    expect(retried.salesOrder.id).toBe(o2);
    expect(retried.saleProject.status).toBe('ORDER_ENTERED');
    const c = (await ok(a.clerk, TIMELINE, { id: customerId })).customer;
    expect(c.salesOrders.edges.map((e: any) => e.node.id).sort()).toEqual([model.id, o1, o2].sort());
    expect(c.salesOrders.edges.every((e: any) => e.node.status === 'ENTERED')).toBe(true);
    await refused(
      a.clerk,
      ENTER,
      { i: { projectId: p2.id, expectedVersion: retried.saleProject.version, lines: goodLines, requirementAttachments: await filesOf(a, customerId) } },
      'FAILED_PRECONDITION',
    );
  });

  test('R-SAL-2 is re-checked at entry: coverage lost since the offer refuses the order, nothing written', async () => {
    const a = await actors('recheck');
    await Promise.all([catalog(a), coverage(a.tenant)]);
    const customerId = await customer(a, 'BUSINESS', 'Cobertura Perdida SRL');
    const p = await acceptedProject(a, customerId);
    // techsupport takes the only node out of service.
    const node = {
      nodeId: `nap-${a.tenant}`,
      nodeVersion: 2,
      kind: 'NAP',
      code: 'NAP-CBBA-01',
      district: 'Centro',
      technology: 'FIBER',
      location: HERE,
      coverageRadiusM: 500,
      portsTotal: 16,
      portsUsed: 3,
      maxSpeedMbps: 1000,
      active: false,
    };
    await bus.publish(testEvent('techsupport', 'techsupport.CoverageChanged', a.tenant, node.nodeId, node));
    // A second project of the customer shows when sales learned it (its own check turns NOT_FEASIBLE).
    let probe = await draft(a, customerId);
    probe = await act(a.lead, APPROVE, 'approveSaleProject', { projectId: probe.id, expectedVersion: probe.version });
    await waitFor('the node out of service in sales', async () => {
      probe = await act(a.clerk, FEASIBILITY, 'checkSaleProjectFeasibility', { projectId: probe.id, expectedVersion: probe.version });
      return probe.status === 'NOT_FEASIBLE' ? true : undefined;
    });
    const err = await refused(
      a.clerk,
      ENTER,
      { i: { projectId: p.id, expectedVersion: p.version, lines: goodLines, requirementAttachments: await filesOf(a, customerId) } },
      'FAILED_PRECONDITION',
    );
    expect(err.extensions?.rule).toBe('R-SAL-2');
    const c = (await ok(a.clerk, TIMELINE, { id: customerId })).customer;
    expect(c.salesOrders.edges).toEqual([]);
    expect(c.saleProjects.edges).toContainEqual({ node: { id: p.id, status: 'ACCEPTED' } });
  });
});

describe('sales: targets, monthly reports and indicators', () => {
  test('MonthPlanned → targets; the executive and team reports; R-SAL-KPI from invoices; R-ASE-KPI1/2', async () => {
    const a = await actors('rep');
    await Promise.all([catalog(a), coverage(a.tenant)]);
    const month = today().slice(0, 7);
    const prev = (() => {
      const [y, m] = month.split('-').map(Number) as [number, number];
      return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
    })();
    // The lead planned the month in customers: 2 new captures; revision 1 then 2 (an older one redelivered changes nothing).
    const plan = (revision: number, target: number) =>
      testEvent(
        'customers',
        'customers.MonthPlanned',
        a.tenant,
        `plan-${a.tenant}`,
        { planId: `plan-${a.tenant}`, executiveId: 'exec-1', month, newCaptureTarget: target, portfolioCustomerIds: ['c-9'], revision },
        { actor: { userId: 'lead-1', role: 'SALES_TEAM_LEAD' } },
      );
    await bus.publish(plan(2, 2));
    await bus.publish(plan(1, 9));
    const REPORT = `query($e: ID!, $m: String!) { executiveMonthlyReport(executiveId: $e, month: $m) { newCaptures newCapturesAmount { amount } portfolioSales affiliations nonRegulatedSales { amount } lostProjects openProjects newCapturesAttainment
      target { newCapturesCount newCapturesAmount { amount } affiliations salesBudget { amount } portfolioCustomerIds } } }`;
    await waitFor('the month plan in sales', async () => {
      const r = (await ok(a.exec, REPORT, { e: 'exec-1', m: month })).executiveMonthlyReport;
      return r.target.newCapturesCount === 2 && r.target.portfolioCustomerIds.length === 1 ? r : undefined;
    });
    await refused(
      a.exec,
      `mutation($i: SetSalesTargetInput!) { setSalesTarget(input: $i) { target { month } } }`,
      { i: { executiveId: 'exec-1', month, newCapturesCount: 2, newCapturesAmount: '1000' } },
      'FORBIDDEN',
    );
    await ok(a.lead, `mutation($i: SetSalesTargetInput!) { setSalesTarget(input: $i) { target { month } } }`, {
      i: { executiveId: 'exec-1', month, newCapturesCount: 2, newCapturesAmount: '590.00', affiliations: 2, salesBudget: '1000.00' },
    });

    // One regulated new capture sold this month (order entered), one lost.
    const customerId = await customer(a, 'BUSINESS', 'Mercado Central');
    const p = await acceptedProject(a, customerId, { market: 'REGULATED' });
    await ok(a.clerk, ENTER, { i: { projectId: p.id, expectedVersion: p.version, lines: goodLines, requirementAttachments: await filesOf(a, customerId) } });
    const lost = await draft(a, customerId, { kind: 'NEW_CAPTURE', market: 'NON_REGULATED' });
    await act(a.exec, DECLINE, 'declineSaleProject', { projectId: lost.id, expectedVersion: lost.version, reason: 'Budget frozen' });

    const r = (await ok(a.exec, REPORT, { e: 'exec-1', m: month })).executiveMonthlyReport;
    expect(r).toMatchObject({
      newCaptures: 1,
      newCapturesAmount: { amount: '295.00' },
      portfolioSales: 0,
      affiliations: 1,
      lostProjects: 1,
      openProjects: 0,
      newCapturesAttainment: 50,
    });
    const other = await tokenFor(a.tenant, ['ACCOUNT_EXECUTIVE'], { sub: 'exec-2' });
    await refused(other, REPORT, { e: 'exec-1', m: month }, 'FORBIDDEN');
    const team = (
      await ok(
        a.lead,
        `query($l: ID!, $m: String!) { teamMonthlyReport(leadId: $l, month: $m) { newCaptures newCapturesTarget newCapturesAttainment executives { executiveId } } }`,
        { l: 'lead-1', m: month },
      )
    ).teamMonthlyReport;
    expect(team).toEqual({ newCaptures: 1, newCapturesTarget: 2, newCapturesAttainment: 50, executives: [{ executiveId: 'exec-1' }] });

    // Employee extended through federation: the executive's pipeline and attainment.
    const admin = await tokenFor(a.tenant, ['ADMIN'], { sub: 'admin-1' });
    await ok(admin, `mutation($i: RegisterEmployeeInput!) { registerEmployee(input: $i) { employee { id } } }`, {
      i: { id: 'exec-1', name: 'Ejecutiva Uno', email: 'exec1@vinculo.test', roles: ['ACCOUNT_EXECUTIVE'] },
    });
    const emp = (
      await ok(
        a.lead,
        `query($m: String!) { employee(id: "exec-1") { name saleProjects(first: 10) { edges { node { status } } } salesAttainment(month: $m) { newCaptures target { newCapturesCount } } } }`,
        { m: month },
      )
    ).employee;
    expect(emp).toEqual({
      name: 'Ejecutiva Uno',
      saleProjects: { edges: [{ node: { status: 'LOST' } }, { node: { status: 'ORDER_ENTERED' } }] },
      salesAttainment: { newCaptures: 1, target: { newCapturesCount: 2 } },
    });

    // R-ASE-KPI1 / KPI2.
    const IND = (q: string) => `query($m: String!) { ${q}(month: $m) { rule period value status numerator denominator } }`;
    expect((await ok(a.lead, IND('affiliationIndicator'), { m: month })).affiliationIndicator).toEqual({
      rule: 'R-ASE-KPI1',
      period: month,
      value: 50,
      status: 'OBSERVED',
      numerator: 1,
      denominator: 2,
    });
    expect((await ok(a.lead, IND('salesBudgetIndicator'), { m: month })).salesBudgetIndicator).toMatchObject({
      rule: 'R-ASE-KPI2',
      value: 0,
      status: 'OBSERVED',
      denominator: 100000,
    });

    // R-SAL-KPI from collections.InvoiceIssued totals per month and segment (one invoice redelivered).
    const invoice = (id: string, period: string, total: number, segment = 'BUSINESS') =>
      testEvent('collections', 'collections.InvoiceIssued', a.tenant, id, {
        invoiceId: id,
        number: id,
        billingAccountId: 'bac-1',
        customerId,
        period,
        dueDate: `${period}-28`,
        totalAmount: total,
        creditApplied: 0,
        currency: 'BOB',
        segment,
        lineCount: 1,
      });
    // i5 is a receivable invoice (factura CxC for equipment, R-PS-H4): not billing. Keyed like i2 and sent
    // before it, so it has been consumed by the time i2 shows in the totals.
    const receivable = testEvent('collections', 'collections.InvoiceIssued', a.tenant, 'i2', {
      invoiceId: 'i5',
      number: 'i5',
      billingAccountId: 'bac-1',
      customerId,
      period: month,
      dueDate: `${month}-28`,
      totalAmount: 35_000,
      creditApplied: 0,
      currency: 'BOB',
      segment: 'BUSINESS',
      lineCount: 1,
      kind: 'RECEIVABLE',
    });
    const inv = [invoice('i1', prev, 100_000), receivable, invoice('i2', month, 60_000), invoice('i3', month, 50_000), invoice('i4', month, 999_999, 'PERSON')];
    for (const e of [...inv, inv[2]!]) await bus.publish(e);
    const growth = await waitFor('the invoice totals', async () => {
      const g = (
        await ok(a.lead, `query($m: String!) { billingGrowthIndicator(month: $m, segment: "BUSINESS") { rule value status numerator denominator currency } }`, {
          m: month,
        })
      ).billingGrowthIndicator;
      return g.denominator === 100_000 && g.numerator === 10_000 ? g : undefined;
    });
    expect(growth).toEqual({ rule: 'R-SAL-KPI', value: 10, status: 'APPROVED', numerator: 10_000, denominator: 100_000, currency: 'BOB' });
  });
});
