/**
 * Front ends find their pending work without knowing ids (issue 15, item 2): `me` tells a front end who
 * signed in (employee, roles, team, tenant and its policy); the sales work queues list the digital-sale
 * callbacks pending (lost calls, 001 step 1.2 — no customer yet) and the orders waiting for their
 * completion call, each filterable, longest waiting first, as cursor connections, with a policy per role.
 */
import { refused, tokenFor, uniqueTenant, waitFor } from '@vinculo/common/testing';
import { execute, ok } from './support/untyped-answers';
import { expectReconciled } from './support/reconciliation';

type Vars = Record<string, unknown>;
let seq = 9700000;
const HERE = { latitude: -16.5, longitude: -68.13 };
const ADDRESS = 'Av. Arce 2500, La Paz';
const WO = 'id status version';

const ME = `{ me { userId tenantId roles scopes employee { id name roles teamLead { id name } } tenant { id currency } policy { maxSuspensionMonths } } }`;
const RECEIVE = `mutation($i: ReceiveDigitalSaleRequestInput!) { receiveDigitalSaleRequest(input: $i) { digitalSaleRequest { id status version channel } } }`;
const CALLBACK = `mutation($i: DigitalActInput!) { recordDigitalSaleCallback(input: $i) { digitalSaleRequest { id status } } }`;
const CALLBACKS = `query($f: DigitalSaleQueueFilter, $first: Int, $after: String) { digitalSaleCallbacks(filter: $f, first: $first, after: $after) {
  edges { cursor node { id status channel receivedAt customer { id } } } pageInfo { hasNextPage endCursor } } }`;
const AWAITING_CALL = `query($f: CompletionCallQueueFilter, $first: Int, $after: String) { salesOrdersAwaitingCompletionCall(filter: $f, first: $first, after: $after) {
  edges { node { id status origin placedAt } } pageInfo { hasNextPage endCursor } } }`;
const GET_ORDER = `query($id: ID!) { salesOrder(id: $id) { id status version installationWorkOrder { ${WO} } } }`;
const QC = `mutation($i: RecordSalesQualityCallInput!) { recordSalesQualityCall(input: $i) { salesOrder { id status } } }`;

async function staff(label: string) {
  const tenant = uniqueTenant(label);
  const [agent, clerk, coordinator, director, admin, exec, reporting] = await Promise.all([
    tokenFor(tenant, ['DIGITAL_SALES_AGENT'], { sub: 'agent-1' }),
    tokenFor(tenant, ['COMMERCIAL_CLERK'], { sub: 'clerk-1' }),
    tokenFor(tenant, ['TECHNICAL_COORDINATOR'], { sub: 'coord-1' }),
    tokenFor(tenant, ['COMMERCIAL_DIRECTOR'], { sub: 'director-1' }),
    tokenFor(tenant, ['ADMIN'], { sub: 'admin-1' }),
    tokenFor(tenant, ['ACCOUNT_EXECUTIVE'], { sub: 'exec-q' }),
    tokenFor(tenant, ['REPORTING'], { sub: 'apikey:rep-1', scopes: ['read'] }),
  ]);
  return { tenant, agent, clerk, coordinator, director, admin, exec, reporting };
}
type Staff = Awaited<ReturnType<typeof staff>>;

async function person(clerk: string, name: string): Promise<string> {
  const card = String(++seq);
  await ok(clerk, `mutation($i: RegisterCustomerInput!) { registerCustomer(input: $i) { customer { id } } }`, {
    i: { kind: 'PERSON', name, identityCard: card },
  });
  return card;
}

async function networkAndPlan(s: Staff): Promise<void> {
  const csv = `code,kind,technology,district,latitude,longitude,coverageRadiusM,portsTotal,portsUsed,maxSpeedMbps\nNAP-WQ-1,NAP,FIBER,Centro,${HERE.latitude},${HERE.longitude},500,8,2,300`;
  await ok(s.coordinator, `mutation($i: ImportNetworkNodesInput!) { importNetworkNodes(input: $i) { imported } }`, { i: { format: 'CSV', content: csv } });
  await ok(s.director, `mutation($i: DefinePlanInput!) { definePlan(input: $i) { plan { code } } }`, {
    i: { code: 'HOGAR-50', name: 'Hogar Fibra 50', family: 'INTERNET', technology: 'FIBER', speedMbps: 50, monthlyFee: '199.00', installationCost: '0' },
  });
}

/** A direct order placed and installed in the field: INSTALLED, waiting for its completion call. */
async function installedOrder(s: Staff, name: string): Promise<{ id: string; version: number }> {
  const customerId = (
    await ok(s.clerk, `mutation($i: RegisterCustomerInput!) { registerCustomer(input: $i) { customer { id } } }`, {
      i: { kind: 'BUSINESS', name, taxId: String(++seq) },
    })
  ).registerCustomer.customer.id as string;
  const placed = await waitFor('sales to know the customer', async () => {
    const res = await execute<any>(
      `mutation($i: PlaceSalesOrderInput!) { placeSalesOrder(input: $i) { salesOrder { id } } }`,
      { i: { customerId, planCode: 'HOGAR-50', installationAddress: ADDRESS } },
      { token: s.clerk },
    );
    if (res.errors?.[0]?.extensions?.code === 'NOT_FOUND') return undefined;
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.placeSalesOrder.salesOrder as { id: string };
  });
  const wo = await waitFor(
    'the installation work order',
    async () => (await ok(s.coordinator, GET_ORDER, { id: placed.id })).salesOrder.installationWorkOrder ?? undefined,
  );
  let w = (
    await ok(s.coordinator, `mutation($i: AssignWorkOrderInput!) { assignWorkOrder(input: $i) { workOrder { ${WO} } } }`, {
      i: { workOrderId: wo.id, expectedVersion: wo.version, crew: 'CUADRILLA-2' },
    })
  ).assignWorkOrder.workOrder;
  w = (
    await ok(s.coordinator, `mutation($i: WorkOrderVersionInput!) { startWorkOrder(input: $i) { workOrder { ${WO} } } }`, {
      i: { workOrderId: w.id, expectedVersion: w.version },
    })
  ).startWorkOrder.workOrder;
  await ok(s.coordinator, `mutation($i: CloseWorkOrderInput!) { closeWorkOrder(input: $i) { workOrder { ${WO} } } }`, {
    i: { workOrderId: w.id, expectedVersion: w.version, outcome: 'CLOSED_RESOLVED', resolutionNotes: 'ONT installed, 50 Mbps measured' },
  });
  return waitFor('the order INSTALLED', async () => {
    const o = (await ok(s.admin, GET_ORDER, { id: placed.id })).salesOrder;
    return o.status === 'INSTALLED' ? { id: o.id as string, version: o.version as number } : undefined;
  });
}

const ids = (conn: any): string[] => conn.edges.map((e: any) => e.node.id);

describe('me and the sales work queues', () => {
  test('me: a registered employee sees their record, roles, team lead, tenant and policy; a machine caller has no employee record', async () => {
    const s = await staff('me');
    await ok(s.admin, `mutation($i: RegisterEmployeeInput!) { registerEmployee(input: $i) { employee { id } } }`, {
      i: { id: 'lead-q', name: 'Líder Ventas', email: 'lider@vinculo.test', roles: ['SALES_TEAM_LEAD'] },
    });
    await ok(s.admin, `mutation($i: RegisterEmployeeInput!) { registerEmployee(input: $i) { employee { id } } }`, {
      i: { id: 'exec-q', name: 'Ejecutiva Cola', email: 'cola@vinculo.test', roles: ['ACCOUNT_EXECUTIVE'], teamLeadId: 'lead-q' },
    });
    const me = (await ok(s.exec, ME)).me;
    expect(me).toMatchObject({
      userId: 'exec-q',
      tenantId: s.tenant,
      roles: ['ACCOUNT_EXECUTIVE'],
      scopes: ['read', 'write'],
      employee: { id: 'exec-q', name: 'Ejecutiva Cola', roles: ['ACCOUNT_EXECUTIVE'], teamLead: { id: 'lead-q', name: 'Líder Ventas' } },
      tenant: { id: s.tenant },
    });
    expect(me.policy.maxSuspensionMonths).toBeGreaterThan(0);
    const machine = (await ok(s.reporting, ME)).me;
    expect(machine).toMatchObject({ userId: 'apikey:rep-1', roles: ['REPORTING'], employee: null, tenant: { id: s.tenant } });
  });

  test('digital-sale callbacks pending: the lost calls only, oldest first, by channel, paged; a callback leaves the queue; agents and managers only', async () => {
    const s = await staff('wq-cb');
    await ok(s.director, `mutation($i: DefinePlanInput!) { definePlan(input: $i) { plan { code } } }`, {
      i: { code: 'HOGAR-50', name: 'Hogar Fibra 50', family: 'INTERNET', technology: 'FIBER', speedMbps: 50, monthlyFee: '199.00', installationCost: '0' },
    });
    const cards = [await person(s.clerk, 'Ana Callback'), await person(s.clerk, 'Bruno Callback'), await person(s.clerk, 'Carla Callback')];
    const receive = async (card: string, extra: Vars) =>
      (await ok(s.agent, RECEIVE, { i: { channel: 'PHONE_IVR', identityCard: card, planCode: 'HOGAR-50', ...extra } })).receiveDigitalSaleRequest
        .digitalSaleRequest;
    const lost1 = await receive(cards[0]!, { lostCall: true });
    const lost2 = await receive(cards[1]!, { lostCall: true });
    const answered = await receive(cards[2]!, { channel: 'WHATSAPP' });
    expect(lost1.status).toBe('CALLBACK_PENDING');
    expect(answered.status).toBe('RECEIVED');

    const all = (await ok(s.agent, CALLBACKS, {})).digitalSaleCallbacks;
    expect(ids(all)).toEqual([lost1.id, lost2.id]);
    expect(all.edges[0].node).toMatchObject({ status: 'CALLBACK_PENDING', customer: null });
    // Paged with a stable order: page 1 then page 2 = the whole queue.
    const page1 = (await ok(s.agent, CALLBACKS, { first: 1 })).digitalSaleCallbacks;
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = (await ok(s.agent, CALLBACKS, { first: 1, after: page1.pageInfo.endCursor })).digitalSaleCallbacks;
    expect([...ids(page1), ...ids(page2)]).toEqual([lost1.id, lost2.id]);
    expect(page2.pageInfo.hasNextPage).toBe(false);
    // Only IVR calls can be lost: the channel filter keeps them and drops the rest.
    expect(ids((await ok(s.agent, CALLBACKS, { f: { channel: 'PHONE_IVR' } })).digitalSaleCallbacks)).toEqual([lost1.id, lost2.id]);
    expect(ids((await ok(s.agent, CALLBACKS, { f: { channel: 'WHATSAPP' } })).digitalSaleCallbacks)).toEqual([]);

    await ok(s.agent, CALLBACK, { i: { requestId: lost1.id, expectedVersion: lost1.version } });
    expect(ids((await ok(s.director, CALLBACKS, {})).digitalSaleCallbacks)).toEqual([lost2.id]);
    await refused(s.exec, CALLBACKS, {}, 'FORBIDDEN');
    await refused(s.clerk, CALLBACKS, {}, 'FORBIDDEN');
  });

  test('orders waiting for their completion call: INSTALLED ones only, oldest first, by origin; the call takes one off; executives and agents', async () => {
    const s = await staff('wq-qc');
    await networkAndPlan(s);
    const first = await installedOrder(s, 'Ferretería Primera SRL');
    const second = await installedOrder(s, 'Ferretería Segunda SRL');
    const queue = (await ok(s.exec, AWAITING_CALL, {})).salesOrdersAwaitingCompletionCall;
    expect(ids(queue)).toEqual([first.id, second.id]);
    expect(queue.edges.every((e: any) => e.node.status === 'INSTALLED' && e.node.origin === 'DIRECT')).toBe(true);
    expect(ids((await ok(s.agent, AWAITING_CALL, { f: { origin: 'DIGITAL_SALE' } })).salesOrdersAwaitingCompletionCall)).toEqual([]);

    await ok(s.admin, `mutation($i: RegisterEmployeeInput!) { registerEmployee(input: $i) { employee { id } } }`, {
      i: { id: 'exec-q', name: 'Ejecutiva Cola', email: 'cola@vinculo.test', roles: ['ACCOUNT_EXECUTIVE'] },
    });
    await waitFor('the call recorded (once sales knows the executive)', async () => {
      const res = await execute<any>(QC, { i: { orderId: first.id, expectedVersion: first.version, outcome: 'OK' } }, { token: s.exec });
      if (res.errors?.[0]?.extensions?.code === 'FORBIDDEN') return undefined;
      if (res.errors) throw new Error(JSON.stringify(res.errors));
      return res.data!.recordSalesQualityCall.salesOrder;
    });
    expect(ids((await ok(s.exec, AWAITING_CALL, {})).salesOrdersAwaitingCompletionCall)).toEqual([second.id]);
    await refused(s.clerk, AWAITING_CALL, {}, 'FORBIDDEN');
    await expectReconciled(s.director);
  }, 300_000);

  test('damage tickets by status and support visits to schedule: open ones oldest first, filterable; a move takes one off; staff only', async () => {
    const s = await staff('wq-ts');
    const analyst = await tokenFor(s.tenant, ['TECHNICAL_ANALYST'], { sub: 'ana-q' });
    const customerId = (
      await ok(s.clerk, `mutation($i: RegisterCustomerInput!) { registerCustomer(input: $i) { customer { id } } }`, {
        i: { kind: 'BUSINESS', name: 'Soporte Cola SRL', taxId: String(++seq) },
      })
    ).registerCustomer.customer.id as string;
    const REG = `mutation($i: RegisterDamageTicketInput!) { registerDamageTicket(input: $i) { ticket { id status version } } }`;
    const damage = (over: Vars) => ({
      customerId,
      service: 'LINE',
      cause: 'No dial tone',
      address: 'Calle Junín 99, Sacaba',
      referencePhone: '70712345',
      ...over,
    });
    const register = (over: Vars) =>
      waitFor('techsupport to know the customer', async () => {
        const r = await execute<any>(REG, { i: damage(over) }, { token: s.exec });
        if (r.errors?.[0]?.extensions?.code === 'NOT_FOUND') return undefined;
        if (r.errors) throw new Error(JSON.stringify(r.errors));
        return r.data!.registerDamageTicket.ticket;
      });
    const line = await register({ installedProductId: 'ip-line', service: 'LINE' });
    const net = await register({ installedProductId: 'ip-net', service: 'INTERNET', cause: 'No sync' });
    expect([line.status, net.status]).toEqual(['WITH_COORDINATOR', 'IN_REMOTE_DIAGNOSIS']);
    const TICKETS = `query($f: DamageTicketQueueFilter, $first: Int) { damageTicketQueue(filter: $f, first: $first) { edges { node { id status } } pageInfo { hasNextPage } } }`;
    expect(ids((await ok(s.coordinator, TICKETS, {})).damageTicketQueue)).toEqual([line.id, net.id]);
    expect(ids((await ok(analyst, TICKETS, { f: { status: ['IN_REMOTE_DIAGNOSIS'] } })).damageTicketQueue)).toEqual([net.id]);
    expect(ids((await ok(analyst, TICKETS, { f: { service: 'LINE' } })).damageTicketQueue)).toEqual([line.id]);
    const dispatched = (
      await ok(s.coordinator, `mutation($i: DispatchDamageTicketInput!) { dispatchDamageTicket(input: $i) { ticket { id status } } }`, {
        i: { ticketId: line.id, expectedVersion: line.version },
      })
    ).dispatchDamageTicket.ticket;
    expect(dispatched.status).toBe('DISPATCHED');
    expect(ids((await ok(s.coordinator, TICKETS, { f: { status: ['WITH_COORDINATOR'] } })).damageTicketQueue)).toEqual([]);
    expect(ids((await ok(s.coordinator, TICKETS, { f: { status: ['DISPATCHED'] } })).damageTicketQueue)).toEqual([line.id]);
    await refused(s.reporting, TICKETS, {}, 'FORBIDDEN');

    const VISIT = `id status version`;
    const request = async (description: string) =>
      (
        await ok(s.exec, `mutation($i: RequestSupportVisitInput!) { requestSupportVisit(input: $i) { visit { ${VISIT} } } }`, {
          i: { customerId, channel: 'WHATSAPP', description, address: 'Av. Ayacucho 300, Cochabamba' },
        })
      ).requestSupportVisit.visit;
    const attempt = async (v: any, solved: boolean) =>
      (
        await ok(analyst, `mutation($i: RecordVisitRemoteAttemptInput!) { recordVisitRemoteAttempt(input: $i) { visit { ${VISIT} } } }`, {
          i: { visitId: v.id, expectedVersion: v.version, solved, notes: solved ? 'Fixed by phone' : 'Needs on-site check' },
        })
      ).recordVisitRemoteAttempt.visit;
    const v1 = await request('VPN drops at the branch');
    const v2 = await request('Router reboots at night');
    const v3 = await request('Slow Wi-Fi upstairs');
    const f2 = await attempt(v2, false);
    await attempt(v1, true);
    const f3 = await attempt(v3, false);
    const TO_SCHEDULE = `{ supportVisitsToSchedule(first: 10) { edges { node { id status } } } }`;
    // Only the failed remote attempts wait for a booking, oldest request first; a solved one never does.
    expect(ids((await ok(s.coordinator, TO_SCHEDULE)).supportVisitsToSchedule)).toEqual([f2.id, f3.id]);
    await refused(s.reporting, TO_SCHEDULE, {}, 'FORBIDDEN');
  });
});
