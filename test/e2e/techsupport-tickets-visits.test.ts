/**
 * Technical support end to end, through the gateway on real Kafka + Mongo-wire: every branch of damage
 * tickets (§3 E, R-TS-E1) including loyalty-call problems from customers.ServiceProblemReported,
 * preventive management (§3 K, R-TS-K1) over the portfolio and post-sale products (events published
 * here: postsale is rebuilt in parallel), and support visits on the shared calendar (§3 L).
 */
import { refused, stackBus, testEvent, tokenFor, uniqueTenant, waitFor } from '@vinculo/common/testing';
import { execute, ok, okOnceKnown } from './support/untyped-answers';

type Vars = Record<string, unknown>;
let seq = 7800000;
const REGISTER = `mutation($i: RegisterCustomerInput!) { registerCustomer(input: $i) { customer { id } } }`;
const TICKET_FIELDS = `id service cause address referencePhone priority status source version createdAt
  customer { id } installedProduct { id } reiteratedFrom { id cause status } followUps { by note }
  diagnosis { outages noService wifiCoverageOk devices contractedMbps measuredMbps amplifiers routerOk notes by }
  workOrder { id type status priority technicianId crew scheduledFor version notes } history { from to by note }`;
const REG_TICKET = `mutation($i: RegisterDamageTicketInput!) { registerDamageTicket(input: $i) { registration ticket { ${TICKET_FIELDS} } } }`;
const TICKET = `query($id: ID!) { damageTicket(id: $id) { ${TICKET_FIELDS} } }`;
const DIAGNOSE = `mutation($i: RecordRemoteDiagnosisInput!) { recordRemoteDiagnosis(input: $i) { ticket { ${TICKET_FIELDS} } } }`;
const RESOLVE = `mutation($i: ResolveTicketRemotelyInput!) { resolveTicketRemotely(input: $i) { ticket { ${TICKET_FIELDS} } } }`;
const DISPATCH = `mutation($i: DispatchDamageTicketInput!) { dispatchDamageTicket(input: $i) { ticket { ${TICKET_FIELDS} } } }`;
const ASSIGN = `mutation($i: AssignWorkOrderInput!) { assignWorkOrder(input: $i) { workOrder { id status version } } }`;
const CLOSE = `mutation($i: CloseWorkOrderInput!) { closeWorkOrder(input: $i) { workOrder { id status version } } }`;
const WO = `query($id: ID!) { workOrder(id: $id) { id type status priority technicianId crew scheduledFor version notes ticket { id } node { id portsReserved } installedProduct { id } } }`;
const CUSTOMER_WOS = `query($id: ID!) { customer(id: $id) { workOrders(first: 50) { edges { node { id type status ticket { id } node { code portsReserved } } } } } }`;
const CUSTOMER_TICKETS = `query($id: ID!) { customer(id: $id) { damageTickets(first: 20) { edges { node { id status source cause priority reiteratedFrom { id } } } } } }`;
const TIMELINE = `query($id: ID!) { customer(id: $id) { timeline(first: 100) { edges { node { eventType } } } } }`;
const IMPORT = `mutation($i: ImportNetworkNodesInput!) { importNetworkNodes(input: $i) { imported errors { row message } } }`;
const REVIEW_FIELDS = `id outcome day analystId executiveId notes suggestion migration version customer { id } installedProduct { id }
  feasibility { feasible reason distanceM node { code } } excessCableCost { amount currency } ticket { id status source } workOrder { id type status node { code portsReserved } }`;
const REVIEW = `mutation($i: RecordPreventiveReviewInput!) { recordPreventiveReview(input: $i) { review { ${REVIEW_FIELDS} } } }`;
const DECIDE = `mutation($i: DecideFiberMigrationInput!) { decideFiberMigration(input: $i) { review { ${REVIEW_FIELDS} } } }`;
const LIST = `query($e: ID!) { preventiveReviewList(executiveId: $e, first: 20) { edges { node { customer { id } customerName products { installedProduct { id } planCode family serviceNumber status } lastReview { id outcome } } } } }`;
const REPORT = `query($d: Date!) { preventiveDailyReport(day: $d) { day analystId total byOutcome { outcome count } reviews { id outcome } } }`;
const VISIT_FIELDS = `id status channel description remoteNotes analystId start end version qualityCall customer { id }
  workOrder { id type status technicianId scheduledFor } engineeringRecord { findings actions resolved equipmentUsed { code quantity } by } ticket { id status source } history { from to }`;
const REQUEST = `mutation($i: RequestSupportVisitInput!) { requestSupportVisit(input: $i) { visit { ${VISIT_FIELDS} } } }`;
const REMOTE = `mutation($i: RecordVisitRemoteAttemptInput!) { recordVisitRemoteAttempt(input: $i) { visit { ${VISIT_FIELDS} } } }`;
const SCHEDULE = `mutation($i: ScheduleSupportVisitInput!) { scheduleSupportVisit(input: $i) { visit { ${VISIT_FIELDS} } } }`;
const ENGINEERING = `mutation($i: RecordEngineeringServiceInput!) { recordEngineeringService(input: $i) { visit { ${VISIT_FIELDS} } } }`;
const QC = `mutation($i: RecordVisitQualityCallInput!) { recordVisitQualityCall(input: $i) { visit { ${VISIT_FIELDS} } } }`;
const CHARGES = `query($id: ID!) { customer(id: $id) { billingAccounts(first: 5) { edges { node { pendingCharges { kind amount { amount currency } installedProductId } } } } } }`;
const CALENDAR = `query($f: DateTime!, $t: DateTime!, $a: ID) { supportCalendar(from: $f, to: $t, analystId: $a) { id analystId start end status } }`;

const bus = stackBus();

async function customer(token: string, name: string): Promise<string> {
  return (await ok(token, REGISTER, { i: { kind: 'BUSINESS', name, taxId: String(++seq) } })).registerCustomer.customer.id;
}
/** The first act on a new customer waits until techsupport's directory knows it (NOT_FOUND until then). */
const once = (token: string, query: string, variables: Vars): Promise<any> => okOnceKnown(token, query, variables);
const damage = (customerId: string, over: Vars = {}) => ({
  customerId,
  installedProductId: 'ip-1',
  service: 'LINE',
  cause: 'No dial tone',
  address: 'Calle Junín 99, Sacaba',
  referencePhone: '70712345',
  ...over,
});
const diag = { outages: false, noService: false, wifiCoverageOk: false, devices: 14, contractedMbps: 50, measuredMbps: 48, amplifiers: 0, routerOk: true };

describe('techsupport: damage tickets (§3 E)', () => {
  test('R-TS-E1 line damage → coordinator → REPAIR work order; reported again while open → follow-up (same-day visit once assigned); closed unresolved → reiterated with the same cause and raised priority', async () => {
    const tenant = uniqueTenant('tk');
    const clerk = await tokenFor(tenant, ['COMMERCIAL_CLERK'], { sub: 'clerk-1' });
    const coord = await tokenFor(tenant, ['TECHNICAL_COORDINATOR'], { sub: 'coord-1' });
    const customerId = await customer(clerk, 'Dañada SRL');
    const first = (await once(clerk, REG_TICKET, { i: damage(customerId) })).registerDamageTicket;
    expect(first.registration).toBe('CREATED');
    expect(first.ticket).toMatchObject({
      status: 'WITH_COORDINATOR',
      priority: 'NORMAL',
      source: 'CHANNEL',
      referencePhone: '70712345',
      installedProduct: { id: 'ip-1' },
      workOrder: null,
    });
    await refused(clerk, REG_TICKET, { i: damage(customerId, { referencePhone: 'call me' }) }, 'BAD_USER_INPUT');

    const again = (await ok(clerk, REG_TICKET, { i: damage(customerId, { cause: 'Still no dial tone' }) })).registerDamageTicket;
    expect(again).toMatchObject({
      registration: 'FOLLOWED_UP',
      ticket: { id: first.ticket.id, followUps: [{ by: 'clerk-1', note: expect.stringMatching(/Still no dial tone/) }] },
    });

    await refused(clerk, DISPATCH, { i: { ticketId: first.ticket.id, expectedVersion: again.ticket.version } }, 'FORBIDDEN');
    const dispatched = (await ok(coord, DISPATCH, { i: { ticketId: first.ticket.id, expectedVersion: again.ticket.version, notes: 'Send USM' } }))
      .dispatchDamageTicket.ticket;
    expect(dispatched).toMatchObject({ status: 'DISPATCHED', workOrder: { type: 'REPAIR', status: 'CREATED', priority: 'NORMAL' } });
    const wo = dispatched.workOrder;
    expect((await ok(coord, WO, { id: wo.id })).workOrder).toMatchObject({ ticket: { id: first.ticket.id }, installedProduct: { id: 'ip-1' } });
    await ok(coord, ASSIGN, { i: { workOrderId: wo.id, expectedVersion: wo.version, crew: 'USM-2', scheduledFor: '2031-05-05T14:00:00.000Z' } });

    // Reported again with the order ASSIGNED: follow-up and a same-day visit (rescheduled to now).
    const before = Date.now();
    const sameDay = (await ok(clerk, REG_TICKET, { i: damage(customerId) })).registerDamageTicket;
    expect(sameDay.registration).toBe('FOLLOWED_UP');
    expect(sameDay.ticket.followUps[1].note).toMatch(/same-day visit/);
    const rescheduled = (await ok(coord, WO, { id: wo.id })).workOrder;
    expect(rescheduled).toMatchObject({ status: 'ASSIGNED', crew: 'USM-2' });
    expect(new Date(rescheduled.scheduledFor).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(new Date(rescheduled.scheduledFor).getTime()).toBeLessThan(Date.parse('2031-05-05T14:00:00.000Z'));

    // Attended without a solution: the ticket closes CLOSED_UNRESOLVED (from WorkOrderClosed).
    await ok(coord, CLOSE, {
      i: {
        workOrderId: wo.id,
        expectedVersion: rescheduled.version,
        outcome: 'CLOSED_UNRESOLVED',
        resolutionNotes: 'Cable cut in the street, needs civil works',
      },
    });
    await waitFor('the ticket closed unresolved', async () =>
      (await ok(coord, TICKET, { id: first.ticket.id })).damageTicket.status === 'CLOSED_UNRESOLVED' ? true : undefined,
    );

    // R-TS-E1: the next report is a reiterated ticket: same cause, raised priority.
    const reiterated = (await ok(clerk, REG_TICKET, { i: damage(customerId, { cause: 'Line dead again' }) })).registerDamageTicket;
    expect(reiterated.registration).toBe('REITERATED');
    expect(reiterated.ticket).toMatchObject({
      cause: 'No dial tone',
      priority: 'HIGH',
      status: 'WITH_COORDINATOR',
      reiteratedFrom: { id: first.ticket.id, status: 'CLOSED_UNRESOLVED' },
    });
    expect(reiterated.ticket.history[0].note).toMatch(/R-TS-E1/);
    // Its REPAIR work order carries the raised priority to operations.
    const d2 = (await ok(coord, DISPATCH, { i: { ticketId: reiterated.ticket.id, expectedVersion: reiterated.ticket.version } })).dispatchDamageTicket.ticket;
    expect(d2.workOrder.priority).toBe('HIGH');
    const tickets = (await ok(clerk, CUSTOMER_TICKETS, { id: customerId })).customer.damageTickets.edges.map((e: any) => e.node);
    expect(tickets.map((t: Vars) => t.status)).toEqual(['DISPATCHED', 'CLOSED_UNRESOLVED']);
    await waitFor('the ticket events in the customer timeline', async () => {
      const types = (await ok(clerk, TIMELINE, { id: customerId })).customer.timeline.edges.map((e: any) => e.node.eventType);
      return ['techsupport.DamageTicketChanged', 'techsupport.WorkOrderCreated', 'techsupport.WorkOrderProgressed', 'techsupport.WorkOrderClosed'].every((t) =>
        types.includes(t),
      )
        ? types
        : undefined;
    });
  });

  test('internet damage → remote diagnosis; solved remotely only with the customer confirming → CLOSED_UNFOUNDED; not solved → dispatched; two registrations at once → one ticket', async () => {
    const tenant = uniqueTenant('tki');
    const exec = await tokenFor(tenant, ['ACCOUNT_EXECUTIVE']);
    const analyst = await tokenFor(tenant, ['TECHNICAL_ANALYST'], { sub: 'ana-1' });
    const customerId = await customer(exec, 'Internet Lento SRL');
    const t = (await once(exec, REG_TICKET, { i: damage(customerId, { service: 'INTERNET', cause: 'Slow internet', installedProductId: 'ip-net' }) }))
      .registerDamageTicket.ticket;
    expect(t.status).toBe('IN_REMOTE_DIAGNOSIS');
    const noDiag = await refused(
      analyst,
      RESOLVE,
      { i: { ticketId: t.id, expectedVersion: t.version, customerConfirmed: true, notes: 'Restarted router' } },
      'FAILED_PRECONDITION',
    );
    expect(noDiag.message).toMatch(/diagnosis/);
    await refused(analyst, DIAGNOSE, { i: { ticketId: t.id, expectedVersion: t.version, ...diag, devices: -2 } }, 'BAD_USER_INPUT');
    const d = (await ok(analyst, DIAGNOSE, { i: { ticketId: t.id, expectedVersion: t.version, ...diag, notes: '14 devices on 2.4 GHz' } }))
      .recordRemoteDiagnosis.ticket;
    expect(d.diagnosis).toEqual({ ...diag, notes: '14 devices on 2.4 GHz', by: 'ana-1' });
    await refused(
      analyst,
      RESOLVE,
      { i: { ticketId: t.id, expectedVersion: d.version, customerConfirmed: false, notes: 'Moved router' } },
      'FAILED_PRECONDITION',
    );
    const solved = (
      await ok(analyst, RESOLVE, {
        i: { ticketId: t.id, expectedVersion: d.version, customerConfirmed: true, notes: 'Moved the router, 5 GHz band; customer confirms' },
      })
    ).resolveTicketRemotely.ticket;
    expect(solved).toMatchObject({ status: 'CLOSED_UNFOUNDED', workOrder: null });
    await refused(analyst, DISPATCH, { i: { ticketId: t.id, expectedVersion: solved.version } }, 'FAILED_PRECONDITION');

    // Another internet damage not solved remotely → field REPAIR.
    const t2 = (await ok(exec, REG_TICKET, { i: damage(customerId, { service: 'INTERNET', cause: 'No sync light', installedProductId: 'ip-net' }) }))
      .registerDamageTicket;
    expect(t2.registration).toBe('CREATED');
    const d2 = (await ok(analyst, DIAGNOSE, { i: { ticketId: t2.ticket.id, expectedVersion: t2.ticket.version, ...diag, noService: true, measuredMbps: 0 } }))
      .recordRemoteDiagnosis.ticket;
    const sent = (await ok(analyst, DISPATCH, { i: { ticketId: t2.ticket.id, expectedVersion: d2.version } })).dispatchDamageTicket.ticket;
    expect(sent).toMatchObject({ status: 'DISPATCHED', workOrder: { type: 'REPAIR' } });
    // Parallel dispatches at one version: one wins.
    await refused(analyst, DISPATCH, { i: { ticketId: t2.ticket.id, expectedVersion: d2.version } }, 'CONFLICT');

    // A remote resolution and a dispatch of one ticket at once: exactly one wins, and a lost dispatch
    // leaves no REPAIR work order behind (the ticket's write decides before the order is opened).
    const t3 = (await ok(exec, REG_TICKET, { i: damage(customerId, { service: 'INTERNET', cause: 'Drops at night', installedProductId: 'ip-race' }) }))
      .registerDamageTicket.ticket;
    const d3 = (await ok(analyst, DIAGNOSE, { i: { ticketId: t3.id, expectedVersion: t3.version, ...diag } })).recordRemoteDiagnosis.ticket;
    const race = await Promise.all([
      execute<any>(
        RESOLVE,
        { i: { ticketId: t3.id, expectedVersion: d3.version, customerConfirmed: true, notes: 'Channel changed; customer confirms' } },
        { token: analyst },
      ),
      execute<any>(DISPATCH, { i: { ticketId: t3.id, expectedVersion: d3.version } }, { token: analyst }),
    ]);
    expect(race.filter((r) => !r.errors)).toHaveLength(1);
    expect(race.filter((r) => r.errors).map((r) => r.errors![0]!.extensions?.code)).toEqual(['CONFLICT']);
    const raced = (await ok(analyst, TICKET, { id: t3.id })).damageTicket;
    const repairs = (await ok(analyst, CUSTOMER_WOS, { id: customerId })).customer.workOrders.edges
      .map((e: any) => e.node)
      .filter((w: any) => w.ticket?.id === t3.id);
    if (race[0]!.errors) expect([raced.status, repairs.length, raced.workOrder?.id]).toEqual(['DISPATCHED', 1, repairs[0].id]);
    else expect([raced.status, repairs.length, raced.workOrder]).toEqual(['CLOSED_UNFOUNDED', 0, null]);

    // Two registrations of a new product's damage at once: one ticket, one follow-up.
    const both = await Promise.all(
      [1, 2].map(() =>
        execute<any>(REG_TICKET, { i: damage(customerId, { installedProductId: 'ip-tv', service: 'TV', cause: 'No signal' }) }, { token: exec }),
      ),
    );
    expect(both.map((r) => r.data?.registerDamageTicket.registration).sort()).toEqual(['CREATED', 'FOLLOWED_UP']);
    expect(new Set(both.map((r) => r.data?.registerDamageTicket.ticket.id)).size).toBe(1);
  });

  test('customers.ServiceProblemReported (a loyalty call, delivered twice) opens one ticket', async () => {
    const tenant = uniqueTenant('tkl');
    const clerk = await tokenFor(tenant, ['COMMERCIAL_CLERK']);
    const customerId = await customer(clerk, 'Llamada Fidelidad SRL');
    await once(clerk, `query($id: ID!) { customer(id: $id) { damageTickets { edges { node { id } } } } }`, { id: customerId });
    const problem = testEvent('customers', 'customers.ServiceProblemReported', tenant, customerId, {
      problemId: 'int-77',
      customerId,
      executiveId: 'emp-1',
      description: 'TV pixelates every evening',
      reportedAt: new Date().toISOString(),
    });
    await bus.publish(problem);
    await bus.publish(problem);
    const tickets = await waitFor('the loyalty ticket', async () => {
      const l = (await ok(clerk, CUSTOMER_TICKETS, { id: customerId })).customer.damageTickets.edges;
      return l.length ? l : undefined;
    });
    expect(tickets.map((e: any) => e.node)).toEqual([
      expect.objectContaining({ source: 'LOYALTY_CALL', cause: 'TV pixelates every evening', status: 'WITH_COORDINATOR' }),
    ]);
    expect((await ok(clerk, TICKET, { id: tickets[0].node.id })).damageTicket).toMatchObject({
      service: 'UNSPECIFIED',
      referencePhone: null,
      priority: 'NORMAL',
    });
  });
});

describe('techsupport: preventive management (§3 K)', () => {
  test("the executive's review list from portfolio and products; CROSS_SELL, SERVICE_PROBLEM, NO_ACTION, FIBER_MIGRATION quoted then accepted (R-TS-K1 charge + MIGRATION) or declined, infeasible refused; the daily report", async () => {
    const tenant = uniqueTenant('pv');
    const admin = await tokenFor(tenant, ['ADMIN']);
    const lead = await tokenFor(tenant, ['SALES_TEAM_LEAD']);
    const analyst = await tokenFor(tenant, ['TECHNICAL_ANALYST'], { sub: 'ana-9' });
    const exec = await tokenFor(tenant, ['ACCOUNT_EXECUTIVE'], { sub: 'emp-p1' });
    await ok(admin, `mutation($i: RegisterEmployeeInput!) { registerEmployee(input: $i) { employee { id } } }`, {
      i: { id: 'emp-p1', name: 'Ejecutiva Uno', email: 'emp-p1@pv.test', roles: ['ACCOUNT_EXECUTIVE'] },
    });
    const ids: string[] = [];
    for (const name of ['Alfa Preventiva SRL', 'Beta Preventiva SRL', 'Gamma Preventiva SRL', 'Delta Preventiva SRL']) {
      const id = await customer(lead, name);
      await ok(lead, `mutation($id: ID!) { assignPortfolio(input: { customerId: $id, executiveId: "emp-p1" }) { customer { id } } }`, { id });
      ids.push(id);
    }
    const [alfa, beta, gamma, delta] = ids as [string, string, string, string];
    await bus.publish(
      testEvent('postsale', 'postsale.InstalledProductRegistered', tenant, 'ip-a1', {
        installedProductId: 'ip-a1',
        customerId: alfa,
        planCode: 'ADSL-10',
        family: 'INTERNET',
        serviceNumber: '4441234',
        installationAddress: 'Av. Heroínas 123, Cochabamba',
      }),
    );
    await bus.publish(
      testEvent('postsale', 'postsale.InstalledProductRegistered', tenant, 'ip-a2', {
        installedProductId: 'ip-a2',
        customerId: alfa,
        planCode: 'LINE-B',
        family: 'FIXED_LINE',
        serviceNumber: '4441235',
        installationAddress: 'Av. Heroínas 123, Cochabamba',
      }),
    );
    await bus.publish(
      testEvent('postsale', 'postsale.InstalledProductWithdrawn', tenant, 'ip-a2', {
        installedProductId: 'ip-a2',
        customerId: alfa,
        reason: 'moved',
        remainingActiveProducts: 1,
        withdrawnAt: new Date().toISOString(),
      }),
    );
    const list = await waitFor('the review list', async () => {
      const edges = (await ok(analyst, LIST, { e: 'emp-p1' })).preventiveReviewList.edges;
      const a = edges.find((e: any) => e.node.customer.id === alfa);
      return edges.length === 4 && a?.node.products.length === 1 ? edges : undefined;
    });
    expect(list.find((e: any) => e.node.customer.id === alfa).node).toMatchObject({
      customerName: 'Alfa Preventiva SRL',
      products: [{ installedProduct: { id: 'ip-a1' }, planCode: 'ADSL-10', family: 'INTERNET', status: 'ACTIVE' }],
      lastReview: null,
    });

    // Fiber network near Alfa; nothing near Delta.
    const coord = await tokenFor(tenant, ['TECHNICAL_COORDINATOR']);
    await ok(coord, IMPORT, {
      i: {
        format: 'CSV',
        content:
          'code,kind,technology,district,latitude,longitude,coverageRadiusM,portsTotal,portsUsed,maxSpeedMbps\nNAP-P1,NAP,FIBER,Centro,-17.3935,-66.157,2000,16,0,300\n',
      },
    });

    const cross = (await ok(analyst, REVIEW, { i: { customerId: beta, outcome: 'CROSS_SELL', suggestion: 'Offer a MULTI pack with pay TV' } }))
      .recordPreventiveReview.review;
    expect(cross).toMatchObject({ outcome: 'CROSS_SELL', executiveId: 'emp-p1', analystId: 'ana-9', suggestion: 'Offer a MULTI pack with pay TV' });
    await refused(analyst, REVIEW, { i: { customerId: beta, outcome: 'CROSS_SELL' } }, 'BAD_USER_INPUT');
    await refused(exec, REVIEW, { i: { customerId: beta, outcome: 'NO_ACTION' } }, 'FORBIDDEN');
    const problem = (
      await ok(analyst, REVIEW, {
        i: { customerId: gamma, outcome: 'SERVICE_PROBLEM', service: 'INTERNET', referencePhone: '4412345', notes: 'Measured 3 of 10 Mbps' },
      })
    ).recordPreventiveReview.review;
    expect(problem.ticket).toMatchObject({ status: 'IN_REMOTE_DIAGNOSIS', source: 'PREVENTIVE_REVIEW' });
    await ok(analyst, REVIEW, { i: { customerId: gamma, outcome: 'NO_ACTION', notes: 'All fine' } });

    // 1 km from the NAP: 1000 m − 300 m included = 700 m × 5.00 Bs = 3500.00 Bs.
    const at1km = { latitude: -17.3935 + 1000 / 111_195, longitude: -66.157 };
    const quoted = (
      await ok(analyst, REVIEW, { i: { customerId: alfa, installedProductId: 'ip-a1', outcome: 'FIBER_MIGRATION', location: at1km, speedMbps: 100 } })
    ).recordPreventiveReview.review;
    expect(quoted).toMatchObject({
      migration: 'QUOTED',
      feasibility: { feasible: true, node: { code: 'NAP-P1' } },
      excessCableCost: { amount: '3500.00', currency: 'BOB' },
      workOrder: null,
    });
    // Alfa's contract bills on an account (opened by its activation), where R-TS-K1's charge must land to the cent.
    await bus.publish(
      testEvent('sales', 'sales.SalesOrderActivated', tenant, 'so-alfa', {
        orderId: 'so-alfa',
        customerId: alfa,
        planCode: 'ADSL-10',
        activatedAt: new Date().toISOString(),
        currency: 'BOB',
      }),
    );
    await waitFor("alfa's billing account", async () => ((await ok(admin, CHARGES, { id: alfa })).customer.billingAccounts.edges.length ? true : undefined));
    const accepted = (await ok(exec, DECIDE, { i: { reviewId: quoted.id, expectedVersion: quoted.version, accepted: true } })).decideFiberMigration.review;
    expect(accepted).toMatchObject({ migration: 'ACCEPTED', workOrder: { type: 'MIGRATION', status: 'CREATED', node: { code: 'NAP-P1', portsReserved: 1 } } });
    await refused(exec, DECIDE, { i: { reviewId: quoted.id, expectedVersion: accepted.version, accepted: true } }, 'FAILED_PRECONDITION');
    await waitFor('the cross-sell flag in the customer timeline', async () => {
      const types = (await ok(admin, TIMELINE, { id: beta })).customer.timeline.edges.map((e: any) => e.node.eventType);
      return types.includes('techsupport.CrossSellFlagged') ? types : undefined;
    });
    const charges = await waitFor("the excess-cable charge on alfa's next invoice", async () => {
      const pending = (await ok(admin, CHARGES, { id: alfa })).customer.billingAccounts.edges.flatMap((e: any) => e.node.pendingCharges);
      return pending.length ? pending : undefined;
    });
    expect(charges).toEqual([{ kind: 'EXCESS_CABLE', amount: { amount: '3500.00', currency: 'BOB' }, installedProductId: 'ip-a1' }]);
    await waitFor('the excess-cable charge in the customer timeline', async () => {
      const types = (await ok(admin, TIMELINE, { id: alfa })).customer.timeline.edges.map((e: any) => e.node.eventType);
      return types.includes('techsupport.ChargeRequested') && types.includes('techsupport.PreventiveReviewRecorded') ? types : undefined;
    });

    const declinedQuote = (await ok(analyst, REVIEW, { i: { customerId: beta, outcome: 'FIBER_MIGRATION', location: at1km } })).recordPreventiveReview.review;
    const declined = (await ok(exec, DECIDE, { i: { reviewId: declinedQuote.id, expectedVersion: declinedQuote.version, accepted: false } }))
      .decideFiberMigration.review;
    expect(declined).toMatchObject({ migration: 'DECLINED', workOrder: null });

    // An accept and a decline of one quote at once: exactly one wins; a lost accept leaves no MIGRATION
    // order and no reserved port (the review's write decides before the order is opened).
    const raceQuote = (await ok(analyst, REVIEW, { i: { customerId: gamma, outcome: 'FIBER_MIGRATION', location: at1km } })).recordPreventiveReview.review;
    const race = await Promise.all(
      [true, false].map((yes) => execute<any>(DECIDE, { i: { reviewId: raceQuote.id, expectedVersion: raceQuote.version, accepted: yes } }, { token: exec })),
    );
    expect(race.filter((r) => r.errors).map((r) => r.errors![0]!.extensions?.code)).toEqual(['CONFLICT']);
    const acceptWon = !race[0]!.errors;
    const gammaOrders = (await ok(coord, CUSTOMER_WOS, { id: gamma })).customer.workOrders.edges
      .map((e: any) => e.node)
      .filter((w: any) => w.type === 'MIGRATION');
    expect(gammaOrders).toHaveLength(acceptWon ? 1 : 0);
    const napP1 = (await ok(coord, `{ networkNodes(first: 5) { edges { node { code portsReserved } } } }`)).networkNodes.edges[0].node;
    expect(napP1).toEqual({ code: 'NAP-P1', portsReserved: acceptWon ? 2 : 1 });

    const far = (await ok(analyst, REVIEW, { i: { customerId: delta, outcome: 'FIBER_MIGRATION', location: { latitude: -17.5, longitude: -66.3 } } }))
      .recordPreventiveReview.review;
    expect(far).toMatchObject({ migration: 'INFEASIBLE', feasibility: { feasible: false, reason: 'NO_COVERAGE' }, excessCableCost: null });
    const k1 = await refused(exec, DECIDE, { i: { reviewId: far.id, expectedVersion: far.version, accepted: true } }, 'FAILED_PRECONDITION');
    expect(k1.extensions?.rule).toBe('R-TS-K1');

    const day = quoted.day;
    const report = (await ok(analyst, REPORT, { d: day })).preventiveDailyReport;
    expect(report).toMatchObject({ day, analystId: 'ana-9', total: 7 });
    expect(report.byOutcome).toEqual([
      { outcome: 'CROSS_SELL', count: 1 },
      { outcome: 'FIBER_MIGRATION', count: 4 },
      { outcome: 'SERVICE_PROBLEM', count: 1 },
      { outcome: 'NO_ACTION', count: 1 },
    ]);
    expect((await ok(analyst, LIST, { e: 'emp-p1' })).preventiveReviewList.edges.find((e: any) => e.node.customer.id === alfa).node.lastReview).toMatchObject({
      id: quoted.id,
      outcome: 'FIBER_MIGRATION',
    });
  });
});

describe('techsupport: support visits (§3 L)', () => {
  test('solved remotely; otherwise scheduled on the shared calendar (no double booking, even at once) → engineering record closes the work order → quality call (NOT_OK raises a ticket)', async () => {
    const tenant = uniqueTenant('sv');
    const exec = await tokenFor(tenant, ['ACCOUNT_EXECUTIVE'], { sub: 'emp-v1' });
    const analyst = await tokenFor(tenant, ['TECHNICAL_ANALYST'], { sub: 'ana-v1' });
    const lead = await tokenFor(tenant, ['SALES_TEAM_LEAD']);
    const coord = await tokenFor(tenant, ['TECHNICAL_COORDINATOR']);
    const customerId = await customer(exec, 'Visitada SRL');
    const req = (v: Vars = {}) => ({
      i: { customerId, channel: 'WHATSAPP', description: 'Intermittent VPN to the branch', address: 'Av. Ayacucho 300, Cochabamba', ...v },
    });
    const remote = (await once(exec, REQUEST, req())).requestSupportVisit.visit;
    expect(remote).toMatchObject({ status: 'REQUESTED', channel: 'WHATSAPP' });
    const solved = (await ok(analyst, REMOTE, { i: { visitId: remote.id, expectedVersion: remote.version, solved: true, notes: 'MTU fixed remotely' } }))
      .recordVisitRemoteAttempt.visit;
    expect(solved).toMatchObject({ status: 'RESOLVED_REMOTELY', remoteNotes: 'MTU fixed remotely', workOrder: null });

    const start = new Date(Date.now() + 3 * 86_400_000);
    start.setUTCHours(14, 0, 0, 0);
    const v1 = (await ok(exec, REQUEST, req())).requestSupportVisit.visit;
    const first = await refused(
      analyst,
      SCHEDULE,
      { i: { visitId: v1.id, expectedVersion: v1.version, analystId: 'ana-v1', start: start.toISOString(), durationMinutes: 60 } },
      'FAILED_PRECONDITION',
    );
    expect(first.extensions).toMatchObject({ currentStatus: 'REQUESTED', allowedFrom: ['REMOTE_FAILED'], nextAct: 'recordVisitRemoteAttempt' });
    const f1 = (await ok(analyst, REMOTE, { i: { visitId: v1.id, expectedVersion: v1.version, solved: false, notes: 'Needs on-site check' } }))
      .recordVisitRemoteAttempt.visit;
    const v2 = (await ok(exec, REQUEST, req({ description: 'Second branch router' }))).requestSupportVisit.visit;
    const f2 = (await ok(analyst, REMOTE, { i: { visitId: v2.id, expectedVersion: v2.version, solved: false, notes: 'Needs on-site check' } }))
      .recordVisitRemoteAttempt.visit;
    // Two bookings of the same analyst overlapping (14:00–15:00 and 14:30–15:30), at once: one wins.
    const half = new Date(start.getTime() + 30 * 60_000).toISOString();
    const results = await Promise.all([
      execute<any>(
        SCHEDULE,
        { i: { visitId: f1.id, expectedVersion: f1.version, analystId: 'ana-v1', start: start.toISOString(), durationMinutes: 60 } },
        { token: analyst },
      ),
      execute<any>(SCHEDULE, { i: { visitId: f2.id, expectedVersion: f2.version, analystId: 'ana-v1', start: half, durationMinutes: 60 } }, { token: analyst }),
    ]);
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.filter((r) => r.errors).map((r) => r.errors![0]!.extensions?.code)).toEqual(['CONFLICT']);
    const [winner, loserIndex] = results[0]!.errors ? [results[1]!.data.scheduleSupportVisit.visit, 0] : [results[0]!.data.scheduleSupportVisit.visit, 1];
    const loser = loserIndex === 0 ? f1 : f2;
    // The loser books right after the winner: its slots were freed, nothing half-written.
    const after = new Date(Date.parse(winner.end));
    const later = (
      await ok(coord, SCHEDULE, {
        i: { visitId: loser.id, expectedVersion: loser.version, analystId: 'ana-v1', start: after.toISOString(), durationMinutes: 30 },
      })
    ).scheduleSupportVisit.visit;
    expect(later.status).toBe('SCHEDULED');
    expect(winner).toMatchObject({
      status: 'SCHEDULED',
      analystId: 'ana-v1',
      workOrder: { type: 'REPAIR', status: 'ASSIGNED', technicianId: 'ana-v1', scheduledFor: winner.start },
    });

    // The shared calendar: the lead and the coordinator see it; an executive may not.
    const range = { f: new Date(start.getTime() - 86_400_000).toISOString(), t: new Date(start.getTime() + 86_400_000).toISOString() };
    for (const token of [lead, coord, analyst]) {
      expect((await ok(token, CALENDAR, range)).supportCalendar.map((v: Vars) => v.id).sort()).toEqual([winner.id, later.id].sort());
    }
    await refused(exec, CALENDAR, range, 'FORBIDDEN');

    // Visit → engineering-service record → its work order closed → quality call NOT_OK → damage ticket.
    await refused(analyst, QC, { i: { visitId: winner.id, expectedVersion: winner.version, outcome: 'OK' } }, 'FAILED_PRECONDITION');
    const visited = (
      await ok(analyst, ENGINEERING, {
        i: {
          visitId: winner.id,
          expectedVersion: winner.version,
          findings: 'Router firmware bug',
          actions: 'Firmware upgraded, VPN stable 30 min',
          resolved: true,
          equipmentUsed: [{ code: 'CONSOLE-CABLE', quantity: 1 }],
        },
      })
    ).recordEngineeringService.visit;
    expect(visited).toMatchObject({
      status: 'VISITED',
      engineeringRecord: { findings: 'Router firmware bug', resolved: true, by: 'ana-v1' },
      workOrder: { status: 'CLOSED_RESOLVED' },
    });
    await refused(analyst, QC, { i: { visitId: winner.id, expectedVersion: visited.version, outcome: 'NOT_OK' } }, 'BAD_USER_INPUT');
    // §3 L.8: the call is the analyst's; an executive may not record it.
    await refused(exec, QC, { i: { visitId: winner.id, expectedVersion: visited.version, outcome: 'OK' } }, 'FORBIDDEN');
    const qc = (
      await ok(analyst, QC, {
        i: {
          visitId: winner.id,
          expectedVersion: visited.version,
          outcome: 'NOT_OK',
          notes: 'VPN dropped again next morning',
          service: 'INTERNET',
          referencePhone: '70799999',
        },
      })
    ).recordVisitQualityCall.visit;
    expect(qc).toMatchObject({ status: 'CLOSED', qualityCall: 'NOT_OK', ticket: { status: 'IN_REMOTE_DIAGNOSIS', source: 'QUALITY_CALL' } });
    const laterVisited = (
      await ok(analyst, ENGINEERING, {
        i: { visitId: later.id, expectedVersion: later.version, findings: 'Loose patch cord', actions: 'Re-patched', resolved: true },
      })
    ).recordEngineeringService.visit;
    const okCall = (await ok(analyst, QC, { i: { visitId: later.id, expectedVersion: laterVisited.version, outcome: 'OK' } })).recordVisitQualityCall.visit;
    expect(okCall).toMatchObject({ status: 'CLOSED', qualityCall: 'OK', ticket: null });
    expect(okCall.history.map((h: Vars) => h.to)).toEqual(['REQUESTED', 'REMOTE_FAILED', 'SCHEDULED', 'VISITED', 'CLOSED']);
  });
});

describe('techsupport: entity extensions and tenant isolation', () => {
  test('Customer.damageTickets / supportVisits, InstalledProduct.damageTickets; another tenant sees none of it', async () => {
    const tenant = uniqueTenant('tx');
    const clerk = await tokenFor(tenant, ['COMMERCIAL_CLERK']);
    const customerId = await customer(clerk, 'Extendida SRL');
    const t = (await once(clerk, REG_TICKET, { i: damage(customerId, { installedProductId: 'ip-x1' }) })).registerDamageTicket.ticket;
    const v = (
      await ok(clerk, REQUEST, {
        i: { customerId, installedProductId: 'ip-x1', channel: 'EMAIL', description: 'PBX trunk check', address: 'Calle Colombia 55, Cochabamba' },
      })
    ).requestSupportVisit.visit;
    const Q = `query($id: ID!, $t: ID!) { customer(id: $id) { damageTickets { edges { node { id } } } supportVisits { edges { node { id status } } } }
      damageTicket(id: $t) { installedProduct { id damageTickets { edges { node { id } } } } } }`;
    const r = await ok(clerk, Q, { id: customerId, t: t.id });
    expect(r.customer.damageTickets.edges).toEqual([{ node: { id: t.id } }]);
    expect(r.customer.supportVisits.edges).toEqual([{ node: { id: v.id, status: 'REQUESTED' } }]);
    expect(r.damageTicket.installedProduct).toEqual({ id: 'ip-x1', damageTickets: { edges: [{ node: { id: t.id } }] } });
    const other = await tokenFor(uniqueTenant('ty'), ['ADMIN']);
    expect(await ok(other, `query($t: ID!, $v: ID!) { damageTicket(id: $t) { id } supportVisit(id: $v) { id } }`, { t: t.id, v: v.id })).toEqual({
      damageTicket: null,
      supportVisit: null,
    });
    await refused(other, DISPATCH, { i: { ticketId: t.id, expectedVersion: t.version } }, 'NOT_FOUND');
    // A partner reads work orders, not damage tickets: not through the customer, nor through a work order.
    const partner = await tokenFor(tenant, ['PARTNER']);
    await refused(partner, `query($id: ID!) { customer(id: $id) { damageTickets { edges { node { id } } } } }`, { id: customerId }, 'FORBIDDEN');
    await refused(partner, `query($id: ID!) { customer(id: $id) { supportVisits { edges { node { id } } } } }`, { id: customerId }, 'FORBIDDEN');
    const coord = await tokenFor(tenant, ['TECHNICAL_COORDINATOR']);
    const wo = (await ok(coord, DISPATCH, { i: { ticketId: t.id, expectedVersion: t.version } })).dispatchDamageTicket.ticket.workOrder;
    expect((await ok(partner, `query($id: ID!) { workOrder(id: $id) { id type } }`, { id: wo.id })).workOrder).toEqual({ id: wo.id, type: 'REPAIR' });
    await refused(partner, `query($id: ID!) { workOrder(id: $id) { id ticket { id } } }`, { id: wo.id }, 'FORBIDDEN');
  });
});
