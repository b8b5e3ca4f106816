/**
 * Issue 13, finding 5 — technical support's dead ends, through the gateway on real Kafka + Mongo-wire,
 * every event from its real producer:
 *  - 002 E.12: the quality-control call after a repair; NOT_OK raises the next ticket (R-TS-E1);
 *  - 002 L.8: the support visit's quality-control call is the analyst's;
 *  - 002 J.6: a loyalty-call problem on internet reaches the analyst's remote diagnosis (and J.11 its call);
 *  - 002 K.15–17: a fiber MIGRATION work order closed resolved moves the installed product (postsale) to
 *    fiber, and the executive's quality-control call follows.
 * Each flow ends with the reconciliation report empty.
 */
import { refused, tokenFor, uniqueTenant, waitFor } from '@vinculo/common/testing';
import { execute, ok, okOnceKnown } from './support/untyped-answers';
import { expectReconciled } from './support/reconciliation';
import { okOnceFilesKnown, uploadRequirements } from './support/files';

type Vars = Record<string, unknown>;
let seq = 7900000;
const SLOW = { timeoutMs: 90_000, intervalMs: 250 };

const REGISTER = `mutation($i: RegisterCustomerInput!) { registerCustomer(input: $i) { customer { id } } }`;
const TICKET_FIELDS = `id service cause status source priority version referencePhone qualityCall installedProduct { id }
  reiteratedFrom { id } workOrder { id type status version } qualityTicket { id service status source priority cause reiteratedFrom { id } installedProduct { id } } history { from to by note }`;
const REG_TICKET = `mutation($i: RegisterDamageTicketInput!) { registerDamageTicket(input: $i) { registration ticket { ${TICKET_FIELDS} } } }`;
const TICKET = `query($id: ID!) { damageTicket(id: $id) { ${TICKET_FIELDS} } }`;
const DIAGNOSE = `mutation($i: RecordRemoteDiagnosisInput!) { recordRemoteDiagnosis(input: $i) { ticket { ${TICKET_FIELDS} } } }`;
const DISPATCH = `mutation($i: DispatchDamageTicketInput!) { dispatchDamageTicket(input: $i) { ticket { ${TICKET_FIELDS} } } }`;
const REPAIR_QC = `mutation($i: RecordRepairQualityCallInput!) { recordRepairQualityCall(input: $i) { ticket { ${TICKET_FIELDS} } } }`;
const WO_FIELDS = `id type status version`;
const ASSIGN = `mutation($i: AssignWorkOrderInput!) { assignWorkOrder(input: $i) { workOrder { ${WO_FIELDS} } } }`;
const START = `mutation($i: WorkOrderVersionInput!) { startWorkOrder(input: $i) { workOrder { ${WO_FIELDS} } } }`;
const CLOSE = `mutation($i: CloseWorkOrderInput!) { closeWorkOrder(input: $i) { workOrder { ${WO_FIELDS} } } }`;
const WO = `query($id: ID!) { workOrder(id: $id) { ${WO_FIELDS} node { id portsUsed portsReserved } } }`;
const CUSTOMER_TICKETS = `query($id: ID!) { customer(id: $id) { damageTickets(first: 20) { edges { node { ${TICKET_FIELDS} } } } } }`;
const VISIT_FIELDS = `id status version qualityCall workOrder { status } ticket { id }`;
const REQUEST_VISIT = `mutation($i: RequestSupportVisitInput!) { requestSupportVisit(input: $i) { visit { ${VISIT_FIELDS} } } }`;
const REMOTE = `mutation($i: RecordVisitRemoteAttemptInput!) { recordVisitRemoteAttempt(input: $i) { visit { ${VISIT_FIELDS} } } }`;
const SCHEDULE = `mutation($i: ScheduleSupportVisitInput!) { scheduleSupportVisit(input: $i) { visit { ${VISIT_FIELDS} } } }`;
const ENGINEERING = `mutation($i: RecordEngineeringServiceInput!) { recordEngineeringService(input: $i) { visit { ${VISIT_FIELDS} } } }`;
const VISIT_QC = `mutation($i: RecordVisitQualityCallInput!) { recordVisitQualityCall(input: $i) { visit { ${VISIT_FIELDS} } } }`;
const REVIEW_FIELDS = `id migration version qualityCall installedProduct { id } feasibility { feasible node { id code } } workOrder { id type status version node { id } }
  qualityTicket { id service status source installedProduct { id } }`;
const REVIEW = `mutation($i: RecordPreventiveReviewInput!) { recordPreventiveReview(input: $i) { review { ${REVIEW_FIELDS} } } }`;
const DECIDE = `mutation($i: DecideFiberMigrationInput!) { decideFiberMigration(input: $i) { review { ${REVIEW_FIELDS} } } }`;
const MIGRATION_QC = `mutation($i: RecordMigrationQualityCallInput!) { recordMigrationQualityCall(input: $i) { review { ${REVIEW_FIELDS} } } }`;
const PRODUCT = `query($id: ID!) { installedProduct(id: $id) { id status technology planCode monthlyFee { amount } changes { kind from to effectiveDate } billedProduct { status } } }`;

async function customer(token: string, name: string): Promise<string> {
  return (await ok(token, REGISTER, { i: { kind: 'BUSINESS', name, taxId: String(++seq) } })).registerCustomer.customer.id;
}

/** The first act on a new customer waits until techsupport's directory knows it (NOT_FOUND until then). */
const once = (token: string, query: string, variables: Vars): Promise<any> => okOnceKnown(token, query, variables, SLOW);

/** Field operations take a work order from CREATED to closed with `outcome`. */
async function work(coord: string, wo: { id: string; version: number }, outcome: string, resolutionNotes: string): Promise<any> {
  let w = (await ok(coord, ASSIGN, { i: { workOrderId: wo.id, expectedVersion: wo.version, crew: 'USM-1' } })).assignWorkOrder.workOrder;
  w = (await ok(coord, START, { i: { workOrderId: w.id, expectedVersion: w.version } })).startWorkOrder.workOrder;
  return (await ok(coord, CLOSE, { i: { workOrderId: w.id, expectedVersion: w.version, outcome, resolutionNotes } })).closeWorkOrder.workOrder;
}

const ticketWhen = (token: string, id: string, what: string, pred: (t: any) => boolean) =>
  waitFor(
    what,
    async () => {
      const t = (await ok(token, TICKET, { id })).damageTicket;
      return pred(t) ? t : undefined;
    },
    SLOW,
  );

const diag = { outages: false, noService: true, wifiCoverageOk: true, devices: 6, contractedMbps: 20, measuredMbps: 0, amplifiers: 0, routerOk: true };

describe('issue 13 finding 5: technical support hand-offs complete', () => {
  test('002 E.12 quality-control call after a repair: only once the work order closed it; NOT_OK after a repair closed unresolved → reiterated ticket (R-TS-E1); OK after the next repair ends it', async () => {
    const tenant = uniqueTenant('h13e');
    const clerk = await tokenFor(tenant, ['COMMERCIAL_CLERK'], { sub: 'clerk-e' });
    const coord = await tokenFor(tenant, ['TECHNICAL_COORDINATOR'], { sub: 'coord-e' });
    const exec = await tokenFor(tenant, ['ACCOUNT_EXECUTIVE'], { sub: 'exec-e' });
    const analyst = await tokenFor(tenant, ['TECHNICAL_ANALYST'], { sub: 'ana-e' });
    const admin = await tokenFor(tenant, ['ADMIN']);
    const customerId = await customer(clerk, 'Reparada SRL');
    const t = (
      await once(clerk, REG_TICKET, {
        i: { customerId, installedProductId: 'ip-line', service: 'LINE', cause: 'No dial tone', address: 'Calle Junín 99, Sacaba', referencePhone: '70712345' },
      })
    ).registerDamageTicket.ticket;
    // Nothing repaired yet: no call.
    const notRepaired = await refused(coord, REPAIR_QC, { i: { ticketId: t.id, expectedVersion: t.version, outcome: 'OK' } }, 'FAILED_PRECONDITION');
    expect(notRepaired.extensions).toMatchObject({ currentStatus: 'WITH_COORDINATOR', nextAct: 'dispatchDamageTicket' });
    const sent = (await ok(coord, DISPATCH, { i: { ticketId: t.id, expectedVersion: t.version } })).dispatchDamageTicket.ticket;
    await refused(coord, REPAIR_QC, { i: { ticketId: t.id, expectedVersion: sent.version, outcome: 'OK' } }, 'FAILED_PRECONDITION');
    await work(coord, sent.workOrder, 'CLOSED_UNRESOLVED', 'Cable cut in the street, needs civil works');
    const closed = await ticketWhen(coord, t.id, 'the ticket closed unresolved by its work order', (x) => x.status === 'CLOSED_UNRESOLVED');
    expect(closed.qualityCall).toBeNull();

    // The call is the coordinator's (E.12) or the executive's (J.11), not the analyst's or the clerk's.
    for (const token of [analyst, clerk])
      await refused(token, REPAIR_QC, { i: { ticketId: t.id, expectedVersion: closed.version, outcome: 'OK' } }, 'FORBIDDEN');
    const notOk = (await ok(coord, REPAIR_QC, { i: { ticketId: t.id, expectedVersion: closed.version, outcome: 'NOT_OK', notes: 'Still no dial tone' } }))
      .recordRepairQualityCall.ticket;
    // R-TS-E1: the repair closed unresolved → the next ticket reiterates its cause with raised priority, back with the coordinator.
    expect(notOk).toMatchObject({
      status: 'CLOSED_UNRESOLVED',
      qualityCall: 'NOT_OK',
      qualityTicket: {
        service: 'LINE',
        status: 'WITH_COORDINATOR',
        source: 'QUALITY_CALL',
        priority: 'HIGH',
        cause: 'No dial tone',
        reiteratedFrom: { id: t.id },
        installedProduct: { id: 'ip-line' },
      },
    });
    expect(notOk.history.slice(-1)[0]).toMatchObject({ by: 'coord-e', note: 'quality-control call NOT_OK: Still no dial tone' });
    await refused(exec, REPAIR_QC, { i: { ticketId: t.id, expectedVersion: notOk.version, outcome: 'OK' } }, 'CONFLICT');

    // The reiterated damage is repaired; the executive's call confirms it and nothing more is raised.
    const next = (await ok(coord, TICKET, { id: notOk.qualityTicket.id })).damageTicket;
    const sent2 = (await ok(coord, DISPATCH, { i: { ticketId: next.id, expectedVersion: next.version } })).dispatchDamageTicket.ticket;
    await work(coord, sent2.workOrder, 'CLOSED_RESOLVED', 'Cable replaced, dial tone back');
    const repaired = await ticketWhen(coord, next.id, 'the reiterated ticket closed resolved', (x) => x.status === 'CLOSED_RESOLVED');
    const okCall = (await ok(exec, REPAIR_QC, { i: { ticketId: next.id, expectedVersion: repaired.version, outcome: 'OK', notes: 'Works' } }))
      .recordRepairQualityCall.ticket;
    expect(okCall).toMatchObject({ status: 'CLOSED_RESOLVED', qualityCall: 'OK', qualityTicket: null });
    const tickets = (await ok(coord, CUSTOMER_TICKETS, { id: customerId })).customer.damageTickets.edges.map((e: any) => e.node.id);
    expect(tickets.sort()).toEqual([t.id, next.id].sort());
    await expectReconciled(admin);
  });

  test("002 L.8 the support visit's quality-control call is the analyst's: the analyst records it, an executive may not", async () => {
    const tenant = uniqueTenant('h13l');
    const exec = await tokenFor(tenant, ['ACCOUNT_EXECUTIVE'], { sub: 'exec-l' });
    const analyst = await tokenFor(tenant, ['TECHNICAL_ANALYST'], { sub: 'ana-l' });
    const admin = await tokenFor(tenant, ['ADMIN']);
    const customerId = await customer(exec, 'Visitada Analista SRL');
    const v = (
      await once(exec, REQUEST_VISIT, { i: { customerId, channel: 'PHONE', description: 'VPN to the branch drops', address: 'Av. Ayacucho 300, Cochabamba' } })
    ).requestSupportVisit.visit;
    const failed = (await ok(analyst, REMOTE, { i: { visitId: v.id, expectedVersion: v.version, solved: false, notes: 'Needs an on-site check' } }))
      .recordVisitRemoteAttempt.visit;
    const start = new Date(Date.now() + 2 * 86_400_000);
    start.setUTCHours(15, 0, 0, 0);
    const booked = (
      await ok(analyst, SCHEDULE, {
        i: { visitId: v.id, expectedVersion: failed.version, analystId: 'ana-l', start: start.toISOString(), durationMinutes: 60 },
      })
    ).scheduleSupportVisit.visit;
    const visited = (
      await ok(analyst, ENGINEERING, {
        i: { visitId: v.id, expectedVersion: booked.version, findings: 'Router firmware bug', actions: 'Firmware upgraded', resolved: true },
      })
    ).recordEngineeringService.visit;
    expect(visited).toMatchObject({ status: 'VISITED', workOrder: { status: 'CLOSED_RESOLVED' } });
    await refused(exec, VISIT_QC, { i: { visitId: v.id, expectedVersion: visited.version, outcome: 'OK' } }, 'FORBIDDEN');
    const called = (await ok(analyst, VISIT_QC, { i: { visitId: v.id, expectedVersion: visited.version, outcome: 'OK', notes: 'VPN stable since the visit' } }))
      .recordVisitQualityCall.visit;
    expect(called).toMatchObject({ status: 'CLOSED', qualityCall: 'OK', ticket: null });
    await expectReconciled(admin);
  });

  test("002 J.6 a loyalty call's internet problem reaches the analyst's remote diagnosis; not solved remotely → field repair → J.11 the executive's quality-control call", async () => {
    const tenant = uniqueTenant('h13j');
    const admin = await tokenFor(tenant, ['ADMIN']);
    const lead = await tokenFor(tenant, ['SALES_TEAM_LEAD'], { sub: 'lead-j' });
    const coord = await tokenFor(tenant, ['TECHNICAL_COORDINATOR'], { sub: 'coord-j' });
    const analyst = await tokenFor(tenant, ['TECHNICAL_ANALYST'], { sub: 'ana-j' });
    await ok(admin, `mutation($i: RegisterEmployeeInput!) { registerEmployee(input: $i) { employee { id } } }`, {
      i: { id: 'exec-j', name: 'Ejecutiva J', email: 'exec-j@vinculo.test', roles: ['ACCOUNT_EXECUTIVE'] },
    });
    const exec = await tokenFor(tenant, ['ACCOUNT_EXECUTIVE'], { sub: 'exec-j' });
    const customerId = await customer(admin, 'Fidelizada SRL');
    await ok(lead, `mutation($c: ID!, $e: ID!) { assignPortfolio(input: { customerId: $c, executiveId: $e }) { customer { id } } }`, {
      c: customerId,
      e: 'exec-j',
    });
    const CALL = `mutation($i: RecordLoyaltyCallInput!) { recordLoyaltyCall(input: $i) { loyaltyCall { outcome } } }`;
    await refused(exec, CALL, { i: { customerId, outcome: 'OK', notes: 'All good', problemService: 'INTERNET' } }, 'BAD_USER_INPUT');
    await ok(exec, CALL, { i: { customerId, outcome: 'PROBLEM', notes: 'Internet drops every evening', problemService: 'INTERNET' } });

    // techsupport opens the ticket from customers.ServiceProblemReported, straight into remote diagnosis.
    const t = await waitFor(
      'the loyalty-call ticket',
      async () => (await ok(analyst, CUSTOMER_TICKETS, { id: customerId })).customer.damageTickets.edges[0]?.node,
      SLOW,
    );
    expect(t).toMatchObject({
      service: 'INTERNET',
      status: 'IN_REMOTE_DIAGNOSIS',
      source: 'LOYALTY_CALL',
      cause: 'Internet drops every evening',
      referencePhone: null,
    });
    const d = (await ok(analyst, DIAGNOSE, { i: { ticketId: t.id, expectedVersion: t.version, ...diag, notes: 'No sync on the line' } })).recordRemoteDiagnosis
      .ticket;
    const sent = (await ok(analyst, DISPATCH, { i: { ticketId: t.id, expectedVersion: d.version, notes: 'USM-PAS: no sync' } })).dispatchDamageTicket.ticket;
    expect(sent.workOrder).toMatchObject({ type: 'REPAIR', status: 'CREATED' });
    await work(coord, sent.workOrder, 'CLOSED_RESOLVED', 'Splitter replaced');
    const repaired = await ticketWhen(exec, t.id, 'the loyalty ticket repaired', (x) => x.status === 'CLOSED_RESOLVED');
    // J.11 NOT_OK with no phone on a loyalty ticket: the executive must give one.
    await refused(exec, REPAIR_QC, { i: { ticketId: t.id, expectedVersion: repaired.version, outcome: 'NOT_OK' } }, 'BAD_USER_INPUT');
    const called = (await ok(exec, REPAIR_QC, { i: { ticketId: t.id, expectedVersion: repaired.version, outcome: 'OK' } })).recordRepairQualityCall.ticket;
    expect(called).toMatchObject({ qualityCall: 'OK', qualityTicket: null });
    await expectReconciled(admin);
  });

  test("002 K.15–17 a fiber MIGRATION work order closed resolved moves the installed copper product to fiber (plan and billing kept); then the executive's quality-control call, NOT_OK → damage ticket on the product", async () => {
    const tenant = uniqueTenant('h13k');
    const [exec, lead, clerk, director, coord, admin, analyst] = await Promise.all([
      tokenFor(tenant, ['ACCOUNT_EXECUTIVE'], { sub: 'exec-k' }),
      tokenFor(tenant, ['SALES_TEAM_LEAD'], { sub: 'lead-k' }),
      tokenFor(tenant, ['COMMERCIAL_CLERK'], { sub: 'clerk-k' }),
      tokenFor(tenant, ['COMMERCIAL_DIRECTOR'], { sub: 'director-k' }),
      tokenFor(tenant, ['TECHNICAL_COORDINATOR'], { sub: 'coord-k' }),
      tokenFor(tenant, ['ADMIN'], { sub: 'admin-k' }),
      tokenFor(tenant, ['TECHNICAL_ANALYST'], { sub: 'ana-k' }),
    ]);
    const { productId, customerId } = await sellCopperToActivation({ exec, lead, clerk, director, coord, admin });
    const sold = (await ok(admin, PRODUCT, { id: productId })).installedProduct;
    expect(sold).toMatchObject({ status: 'ACTIVE', technology: 'COPPER', planCode: 'ADSL-10', monthlyFee: { amount: '120.00' } });

    // K.2–4: the analyst finds fiber feasible at the customer's place; K.12: the customer accepts.
    const quoted = await waitFor(
      'techsupport to know the product',
      async () => {
        const r = await execute<any>(
          REVIEW,
          { i: { customerId, installedProductId: productId, outcome: 'FIBER_MIGRATION', location: HERE, speedMbps: 100 } },
          { token: analyst },
        );
        if (r.errors) throw new Error(JSON.stringify(r.errors));
        return r.data.recordPreventiveReview.review;
      },
      SLOW,
    );
    expect(quoted).toMatchObject({ migration: 'QUOTED', feasibility: { feasible: true, node: { code: 'NAP-FO-K' } } });
    const accepted = (await ok(exec, DECIDE, { i: { reviewId: quoted.id, expectedVersion: quoted.version, accepted: true } })).decideFiberMigration.review;
    expect(accepted.workOrder).toMatchObject({ type: 'MIGRATION', status: 'CREATED', node: { id: quoted.feasibility.node.id } });
    // K.17 comes after the migration, not before.
    await refused(exec, MIGRATION_QC, { i: { reviewId: quoted.id, expectedVersion: accepted.version, outcome: 'OK' } }, 'FAILED_PRECONDITION');

    await work(coord, accepted.workOrder, 'CLOSED_RESOLVED', 'ONT installed, copper pair released');
    const migrated = await waitFor(
      'postsale to migrate the product',
      async () => {
        const p = (await ok(admin, PRODUCT, { id: productId })).installedProduct;
        return p.technology === 'FIBER' ? p : undefined;
      },
      SLOW,
    );
    expect(migrated).toMatchObject({ status: 'ACTIVE', planCode: 'ADSL-10', monthlyFee: { amount: '120.00' }, billedProduct: { status: 'ACTIVE' } });
    expect(migrated.changes.filter((c: any) => c.kind === 'MIGRATED')).toEqual([
      { kind: 'MIGRATED', from: 'COPPER', to: 'FIBER', effectiveDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) },
    ]);
    // The fiber port the migration reserved is now in service.
    await waitFor(
      'the fiber port consumed',
      async () => {
        const n = (await ok(coord, WO, { id: accepted.workOrder.id })).workOrder.node;
        return n.portsReserved === 0 && n.portsUsed === 1 ? true : undefined;
      },
      SLOW,
    );

    // K.17: the executive's call (a coordinator may not make it); NOT_OK raises a damage ticket on the migrated product.
    await refused(coord, MIGRATION_QC, { i: { reviewId: quoted.id, expectedVersion: accepted.version, outcome: 'OK' } }, 'FORBIDDEN');
    await refused(
      exec,
      MIGRATION_QC,
      { i: { reviewId: quoted.id, expectedVersion: accepted.version, outcome: 'NOT_OK', referencePhone: '70755555' } },
      'BAD_USER_INPUT',
    );
    const called = (
      await ok(exec, MIGRATION_QC, {
        i: {
          reviewId: quoted.id,
          expectedVersion: accepted.version,
          outcome: 'NOT_OK',
          notes: 'Wi-Fi does not reach the second floor',
          service: 'INTERNET',
          referencePhone: '70755555',
        },
      })
    ).recordMigrationQualityCall.review;
    expect(called).toMatchObject({
      qualityCall: 'NOT_OK',
      workOrder: { status: 'CLOSED_RESOLVED' },
      qualityTicket: { service: 'INTERNET', status: 'IN_REMOTE_DIAGNOSIS', source: 'QUALITY_CALL', installedProduct: { id: productId } },
    });
    await refused(exec, MIGRATION_QC, { i: { reviewId: quoted.id, expectedVersion: called.version, outcome: 'OK' } }, 'CONFLICT');
    await expectReconciled(admin);
  });
});

const HERE = { latitude: -17.3935, longitude: -66.157 };
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/**
 * A copper internet product sold and activated through the real chain (sales → techsupport installation
 * → sales QC → postsale subscription → collections billing), next to a fibre NAP for the migration.
 */
async function sellCopperToActivation(a: {
  exec: string;
  lead: string;
  clerk: string;
  director: string;
  coord: string;
  admin: string;
}): Promise<{ productId: string; customerId: string }> {
  const csv = [
    'code,kind,technology,district,latitude,longitude,coverageRadiusM,portsTotal,portsUsed,maxSpeedMbps',
    `CAB-CU-K,CABINET,COPPER,Centro,${HERE.latitude},${HERE.longitude},800,50,10,20`,
    `NAP-FO-K,NAP,FIBER,Centro,${HERE.latitude},${HERE.longitude},500,8,0,300`,
  ].join('\n');
  expect(
    (
      await ok(a.coord, `mutation($i: ImportNetworkNodesInput!) { importNetworkNodes(input: $i) { imported errors { row message } } }`, {
        i: { format: 'CSV', content: csv },
      })
    ).importNetworkNodes,
  ).toEqual({ imported: 2, errors: [] });
  await ok(a.director, `mutation($i: DefinePlanInput!) { definePlan(input: $i) { plan { code } } }`, {
    i: {
      code: 'ADSL-10',
      name: 'ADSL 10 Empresas',
      family: 'INTERNET',
      technology: 'COPPER',
      speedMbps: 10,
      monthlyFee: '120.00',
      installationCost: '50.00',
      minimumPermanenceMonths: 0,
    },
  });
  const customerId = await customer(a.clerk, 'Migrada a Fibra SRL');
  const PROJECT = `id status version feasibility { feasible nodeId }`;
  const pm = (name: string, input: string) => `mutation($i: ${input}!) { ${name}(input: $i) { saleProject { ${PROJECT} } } }`;
  const draft = {
    customerId,
    kind: 'NEW_CAPTURE',
    needs: 'Internet for the office',
    items: [{ planCode: 'ADSL-10' }],
    installationAddress: 'Calle Sucre 45, Cochabamba',
    location: HERE,
  };
  let p = await waitFor(
    'sales to know the customer',
    async () => {
      const r = await execute<any>(pm('draftSaleProject', 'DraftSaleProjectInput'), { i: draft }, { token: a.exec });
      if (r.errors?.[0]?.extensions?.code === 'NOT_FOUND') return undefined;
      if (r.errors) throw new Error(JSON.stringify(r.errors));
      return r.data!.draftSaleProject.saleProject;
    },
    SLOW,
  );
  p = (await ok(a.lead, pm('approveSaleProject', 'ProjectActInput'), { i: { projectId: p.id, expectedVersion: p.version } })).approveSaleProject.saleProject;
  p = await waitFor(
    'sales to learn the copper coverage',
    async () => {
      p = (await ok(a.clerk, pm('checkSaleProjectFeasibility', 'ProjectActInput'), { i: { projectId: p.id, expectedVersion: p.version } }))
        .checkSaleProjectFeasibility.saleProject;
      return p.status === 'FEASIBLE' ? p : undefined;
    },
    SLOW,
  );
  p = (
    await ok(a.exec, pm('makeCommercialOffer', 'MakeCommercialOfferInput'), {
      i: { projectId: p.id, expectedVersion: p.version, validUntil: inDays(15), channel: 'EMAIL' },
    })
  ).makeCommercialOffer.saleProject;
  const docs = await uploadRequirements(a.clerk, customerId, ['REQUEST_LETTER', 'TAX_ID', 'LEGAL_REPRESENTATIVE_ID', 'POWER_OF_ATTORNEY']);
  p = (
    await okOnceFilesKnown(a.exec, pm('acceptCommercialOffer', 'AcceptCommercialOfferInput'), {
      i: { projectId: p.id, expectedVersion: p.version, backingAttachments: docs },
    })
  ).acceptCommercialOffer.saleProject;
  const lines = [{ planCode: 'ADSL-10', monthlyFee: '120.00', installationCost: '50.00' }];
  let order = (
    await ok(a.clerk, `mutation($i: EnterSalesOrderInput!) { enterSalesOrder(input: $i) { salesOrder { id version } } }`, {
      i: { projectId: p.id, expectedVersion: p.version, lines, requirementAttachments: docs },
    })
  ).enterSalesOrder.salesOrder;
  order = (
    await ok(a.clerk, `mutation($i: OrderActInput!) { checkSalesOrderEntry(input: $i) { salesOrder { id version status } } }`, {
      i: { orderId: order.id, expectedVersion: order.version },
    })
  ).checkSalesOrderEntry.salesOrder;
  expect(order.status).toBe('PLACED');
  const GET_ORDER = `query($id: ID!) { salesOrder(id: $id) { id status version installationWorkOrder { ${WO_FIELDS} } subscriptions { edges { node { id technology billedProduct { status billingAccount { id } } } } } } }`;
  const wo = await waitFor(
    'the installation work order',
    async () => (await ok(a.clerk, GET_ORDER, { id: order.id })).salesOrder.installationWorkOrder ?? undefined,
    SLOW,
  );
  await work(a.coord, wo, 'CLOSED_RESOLVED', 'Modem installed, 10 Mbps measured');
  const installed = await waitFor(
    'the order INSTALLED',
    async () => {
      const o = (await ok(a.exec, GET_ORDER, { id: order.id })).salesOrder;
      return o.status === 'INSTALLED' ? o : undefined;
    },
    SLOW,
  );
  await ok(a.exec, `mutation($i: RecordSalesQualityCallInput!) { recordSalesQualityCall(input: $i) { salesOrder { status } } }`, {
    i: { orderId: order.id, expectedVersion: installed.version, outcome: 'OK', note: 'Working' },
  });
  const sub = await waitFor(
    'the subscription billed',
    async () => {
      const s = (await ok(a.admin, GET_ORDER, { id: order.id })).salesOrder.subscriptions.edges[0]?.node;
      return s?.billedProduct?.billingAccount && s.billedProduct.status === 'ACTIVE' ? s : undefined;
    },
    SLOW,
  );
  return { productId: sub.id, customerId };
}
