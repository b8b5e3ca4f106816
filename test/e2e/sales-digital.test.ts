/**
 * Digital sales (DOMAIN.md §2) through the gateway on real Kafka + Mongo-wire: a request from a lost IVR
 * call to CLOSED (identification by identity card, R-DIG-1 impediment check from customers.EligibilityChanged,
 * R-DIG-2 capacity from techsupport.CoverageChanged, requirements, order entry with the ETA of tenant
 * policy, entry quality control, follow-up, satisfaction call once installed — R-DIG-3), the NOT_FEASIBLE branches with the reason
 * told, skipped steps refused with their R-id, role refusals, and the daily R-DIG-KPI.
 */
import mongoose from 'mongoose';
import { refused, stackBus, testEvent, testStack, tokenFor, uniqueTenant, waitFor } from '@vinculo/common/testing';
import { execute, ok } from './support/untyped-answers';
import { okOnceFilesKnown, uploadRequirements } from './support/files';

type Vars = Record<string, unknown>;

let seq = 9200000;
const bus = stackBus();

const REQ = `id status version channel identityCard customer { id } planCode installationAddress impediments { kind detail } feasibility { feasible reason }
  attachments { document attachmentId name mediaType sizeBytes } salesOrder { id status origin } eta { fromDay toDay } satisfaction notFeasibleReason history { from to by note }`;
const dm = (name: string, input: string) => `mutation($i: ${input}!) { ${name}(input: $i) { digitalSaleRequest { ${REQ} } } }`;
const RECEIVE = dm('receiveDigitalSaleRequest', 'ReceiveDigitalSaleRequestInput');
const CALLBACK = dm('recordDigitalSaleCallback', 'DigitalActInput');
const IMPEDIMENTS = dm('checkDigitalSaleImpediments', 'DigitalActInput');
const CAPACITY = dm('checkDigitalSaleCapacity', 'CheckDigitalSaleCapacityInput');
const REQUIREMENTS = dm('receiveDigitalSaleRequirements', 'ReceiveDigitalSaleRequirementsInput');
const FOLLOW = dm('followUpDigitalSale', 'FollowUpDigitalSaleInput');
const SATISFACTION = dm('recordDigitalSatisfactionCall', 'RecordDigitalSatisfactionCallInput');
const CLOSE = dm('closeDigitalSaleNotFeasible', 'CloseDigitalSaleNotFeasibleInput');
const ENTER = `mutation($i: EnterDigitalSaleOrderInput!) { enterDigitalSaleOrder(input: $i) { digitalSaleRequest { ${REQ} } salesOrder { id status version origin acceptedLines { monthlyFee { amount } } } } }`;
const CHECK_ENTRY = `mutation($i: OrderActInput!) { checkSalesOrderEntry(input: $i) { salesOrder { id status entryChecks { passed differences } } } }`;
const KPI = `query($d: Date!) { digitalSalesIndicator(day: $d) { rule period value status numerator denominator } }`;

const HERE = { latitude: -16.5, longitude: -68.13 };
const FAR = { latitude: -19.0, longitude: -65.26 };
/** The person's requirements as uploaded files (§2 step 4: received by WhatsApp, kept as files). */
const requirementFiles = (agent: string, customerId: string) => uploadRequirements(agent, customerId, ['IDENTITY_CARD', 'REQUEST_LETTER']);

async function setup(label: string) {
  const tenant = uniqueTenant(label);
  const agent = await tokenFor(tenant, ['DIGITAL_SALES_AGENT'], { sub: 'agent-1' });
  const clerk = await tokenFor(tenant, ['COMMERCIAL_CLERK'], { sub: 'clerk-1' });
  const director = await tokenFor(tenant, ['COMMERCIAL_DIRECTOR'], { sub: 'director-1' });
  await ok(director, `mutation($i: DefinePlanInput!) { definePlan(input: $i) { plan { id } } }`, {
    i: { code: 'HOGAR-50', name: 'Hogar 50', family: 'INTERNET', technology: 'FIBER', speedMbps: 50, monthlyFee: '199.00', installationCost: '0' },
  });
  const node = {
    nodeId: `nap-${tenant}`,
    nodeVersion: 1,
    kind: 'NAP',
    code: 'NAP-LPZ-7',
    technology: 'FIBER',
    location: HERE,
    coverageRadiusM: 800,
    portsTotal: 8,
    portsUsed: 1,
    maxSpeedMbps: 300,
    active: true,
  };
  await bus.publish(testEvent('techsupport', 'techsupport.CoverageChanged', tenant, node.nodeId, node));
  return { tenant, agent, clerk };
}

async function person(clerk: string, name: string) {
  const card = String(++seq);
  const id = (
    await ok(clerk, `mutation($i: RegisterCustomerInput!) { registerCustomer(input: $i) { customer { id } } }`, {
      i: { kind: 'PERSON', name, identityCard: card },
    })
  ).registerCustomer.customer.id as string;
  return { id, card };
}

const step = async (token: string, m: string, field: string, i: Vars) => (await ok(token, m, { i }))[field].digitalSaleRequest;
const receive = async (agent: string, card: string, extra: Vars = {}) =>
  step(agent, RECEIVE, 'receiveDigitalSaleRequest', { channel: 'WHATSAPP', identityCard: card, planCode: 'HOGAR-50', ...extra });
/** The impediment check, once sales knows the card and the eligibility (customers.CustomerRegistered) — retried until then. */
const identify = (agent: string, r: any) =>
  waitFor('sales to know the identity card and the eligibility', async () => {
    const res = await execute<any>(IMPEDIMENTS, { i: { requestId: r.id, expectedVersion: r.version } }, { token: agent });
    // Read-model lag (the card or the eligibility not arrived yet) says so: retryable, never a plain refusal.
    if (res.errors?.[0]?.extensions?.retryable === true) return undefined;
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.checkDigitalSaleImpediments.digitalSaleRequest;
  });
const capacity = (agent: string, r: any, location = HERE) =>
  waitFor('coverage in the read model', async () => {
    const res = await execute<any>(
      CAPACITY,
      { i: { requestId: r.id, expectedVersion: r.version, installationAddress: 'Calle Comercio 1020, La Paz', location } },
      { token: agent },
    );
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.checkDigitalSaleCapacity.digitalSaleRequest;
  });

describe('sales: digital sales (§2)', () => {
  test('lost call → callback → R-DIG-1 clear → R-DIG-2 capacity → requirements → order entered with the ETA → entry QC → follow-up → satisfaction; KPI', async () => {
    const s = await setup('dig');
    const c = await person(s.clerk, 'Juana Quispe');
    let r = await receive(s.agent, c.card, { channel: 'PHONE_IVR', lostCall: true });
    expect(r).toMatchObject({ status: 'CALLBACK_PENDING', customer: null });
    await refused(s.clerk, CALLBACK, { i: { requestId: r.id, expectedVersion: r.version } }, 'FORBIDDEN');
    r = await step(s.agent, CALLBACK, 'recordDigitalSaleCallback', { requestId: r.id, expectedVersion: r.version });
    // Skipping the impediment check is refused with R-DIG-1.
    const skip = await refused(
      s.agent,
      CAPACITY,
      { i: { requestId: r.id, expectedVersion: r.version, installationAddress: 'Calle Comercio 1020, La Paz', location: HERE } },
      'FAILED_PRECONDITION',
    );
    expect(skip.extensions?.rule).toBe('R-DIG-1');
    r = await identify(s.agent, r);
    expect(r).toMatchObject({ status: 'CLEARED', customer: { id: c.id }, impediments: [] });
    const att = await requirementFiles(s.agent, c.id);
    const early = await refused(s.agent, REQUIREMENTS, { i: { requestId: r.id, expectedVersion: r.version, attachments: att } }, 'FAILED_PRECONDITION');
    expect(early.extensions?.rule).toBe('R-DIG-2');
    r = await capacity(s.agent, r);
    if (r.status !== 'FEASIBLE') throw new Error(`expected FEASIBLE, got ${JSON.stringify(r)}`);
    // R-SAL-2 a requirement whose file does not exist here is refused, nothing written (the same version passes next).
    const missingFile = await refused(
      s.agent,
      REQUIREMENTS,
      { i: { requestId: r.id, expectedVersion: r.version, attachments: [att[0], { document: 'REQUEST_LETTER', attachmentId: `att_cus_${'0'.repeat(32)}` }] } },
      'FAILED_PRECONDITION',
    );
    expect(missingFile.extensions).toMatchObject({
      rule: 'R-SAL-2',
      missing: ['REQUEST_LETTER'],
      refusedFiles: [{ document: 'REQUEST_LETTER', reason: 'UNKNOWN' }],
    });
    r = (await okOnceFilesKnown(s.agent, REQUIREMENTS, { i: { requestId: r.id, expectedVersion: r.version, attachments: att } })).receiveDigitalSaleRequirements
      .digitalSaleRequest;
    // Name, type and size are the uploaded file's, whatever the caller says.
    expect(r.attachments).toEqual(
      att.map((f) => ({ ...f, name: `${f.document.toLowerCase()}.pdf`, mediaType: 'application/pdf', sizeBytes: expect.any(Number) })),
    );
    const entered = (
      await ok(s.agent, ENTER, {
        i: { requestId: r.id, expectedVersion: r.version, lines: [{ planCode: 'HOGAR-50', monthlyFee: '199.00', installationCost: '0' }] },
      })
    ).enterDigitalSaleOrder;
    r = entered.digitalSaleRequest;
    expect(r.status).toBe('ORDER_ENTERED');
    expect(r.eta).toEqual({ fromDay: expect.any(String), toDay: expect.any(String) });
    expect((Date.parse(r.eta.toDay) - Date.parse(r.eta.fromDay)) / 86_400_000).toBe(13); // default policy 2–15 days
    expect(entered.salesOrder).toMatchObject({ status: 'ENTERED', origin: 'DIGITAL_SALE', acceptedLines: [{ monthlyFee: { amount: '199.00' } }] });
    const checked = (await ok(s.clerk, CHECK_ENTRY, { i: { orderId: entered.salesOrder.id, expectedVersion: entered.salesOrder.version } }))
      .checkSalesOrderEntry.salesOrder;
    expect(checked).toMatchObject({ status: 'PLACED', entryChecks: [{ passed: true, differences: [] }] });
    r = await step(s.agent, FOLLOW, 'followUpDigitalSale', { requestId: r.id, expectedVersion: r.version, note: 'Technician visit confirmed' });
    // R-DIG-3: the satisfaction call confirms the installed service — not before the installation.
    const notInstalled = await refused(
      s.agent,
      SATISFACTION,
      { i: { requestId: r.id, expectedVersion: r.version, outcome: 'SATISFIED' } },
      'FAILED_PRECONDITION',
    );
    expect(notInstalled.extensions?.rule).toBe('R-DIG-3');
    // techsupport closes the installation (contract techsupport.WorkOrderClosed) → INSTALLED.
    await bus.publish(
      testEvent('techsupport', 'techsupport.WorkOrderClosed', s.tenant, `wo-${r.id}`, {
        workOrderId: `wo-${r.id}`,
        customerId: c.id,
        type: 'INSTALLATION',
        outcome: 'CLOSED_RESOLVED',
        closedAt: new Date().toISOString(),
        salesOrderId: entered.salesOrder.id,
      }),
    );
    await waitFor(
      'the order INSTALLED',
      async () => (await ok(s.agent, `query($id: ID!) { salesOrder(id: $id) { status } }`, { id: entered.salesOrder.id })).salesOrder.status === 'INSTALLED',
    );
    r = await step(s.agent, SATISFACTION, 'recordDigitalSatisfactionCall', { requestId: r.id, expectedVersion: r.version, outcome: 'SATISFIED' });
    expect(r).toMatchObject({ status: 'CLOSED', satisfaction: 'SATISFIED', salesOrder: { status: 'COMPLETED' } });
    expect(r.history.map((h: any) => h.to)).toEqual([
      'CALLBACK_PENDING',
      'RECEIVED',
      'CLEARED',
      'FEASIBLE',
      'REQUIREMENTS_RECEIVED',
      'ORDER_ENTERED',
      'FOLLOWED_UP',
      'CLOSED',
    ]);

    // A second request of the day with no capacity at the address → NOT_FEASIBLE with the reason told.
    let r2 = await identify(s.agent, await receive(s.agent, c.card, { channel: 'FACEBOOK' }));
    r2 = await capacity(s.agent, r2, FAR);
    expect(r2).toMatchObject({
      status: 'NOT_FEASIBLE',
      feasibility: { feasible: false, reason: 'NO_COVERAGE' },
      notFeasibleReason: expect.stringContaining('Please visit an office'),
    });
    await refused(s.agent, FOLLOW, { i: { requestId: r2.id, expectedVersion: r2.version, note: 'x' } }, 'FAILED_PRECONDITION');

    // R-DIG-KPI for the day: 1 efficient of 2 received → 50 % OBSERVED.
    // "Today" is the tenant's day (La Paz, UTC−4): the UTC day or the one before.
    const lead = await tokenFor(s.tenant, ['SALES_TEAM_LEAD'], { sub: 'lead-1' });
    const days = [0, -1].map((n) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10));
    const kpis = await Promise.all(days.map(async (d) => (await ok(lead, KPI, { d })).digitalSalesIndicator));
    const kpi = kpis.find((k) => k.denominator > 0);
    expect(kpi).toMatchObject({ rule: 'R-DIG-KPI', value: 50, status: 'OBSERVED', numerator: 1, denominator: 2 });
    // The digital steps reach the customer's timeline.
    await waitFor('the digital sale in the timeline', async () => {
      const t = (
        await ok(
          s.clerk,
          `query($id: ID!) { customer(id: $id) { timeline(first: 100) { edges { node { eventType } } } digitalSaleRequests { edges { node { id } } } } }`,
          { id: c.id },
        )
      ).customer;
      return (
        t.timeline.edges.filter((e: any) => e.node.eventType === 'sales.DigitalSaleRequestChanged').length >= 7 && t.digitalSaleRequests.edges.length === 2
      );
    });
  });

  test('R-DIG-3 a satisfaction call cut off between its two writes (order COMPLETED, request still open) is finished by the order’s own activation event', async () => {
    const s = await setup('cut');
    const c = await person(s.clerk, 'Luis Vargas');
    let r = await capacity(s.agent, await identify(s.agent, await receive(s.agent, c.card)));
    if (r.status !== 'FEASIBLE') throw new Error(`expected FEASIBLE, got ${JSON.stringify(r)}`);
    r = (
      await okOnceFilesKnown(s.agent, REQUIREMENTS, { i: { requestId: r.id, expectedVersion: r.version, attachments: await requirementFiles(s.agent, c.id) } })
    ).receiveDigitalSaleRequirements.digitalSaleRequest;
    const entered = (
      await ok(s.agent, ENTER, {
        i: { requestId: r.id, expectedVersion: r.version, lines: [{ planCode: 'HOGAR-50', monthlyFee: '199.00', installationCost: '0' }] },
      })
    ).enterDigitalSaleOrder;
    r = entered.digitalSaleRequest;
    const orderId = entered.salesOrder.id as string;
    await ok(s.clerk, CHECK_ENTRY, { i: { orderId, expectedVersion: entered.salesOrder.version } });
    await bus.publish(
      testEvent('techsupport', 'techsupport.WorkOrderClosed', s.tenant, `wo-${r.id}`, {
        workOrderId: `wo-${r.id}`,
        customerId: c.id,
        type: 'INSTALLATION',
        outcome: 'CLOSED_RESOLVED',
        closedAt: new Date().toISOString(),
        salesOrderId: orderId,
      }),
    );
    await waitFor(
      'the order INSTALLED',
      async () => (await ok(s.agent, `query($id: ID!) { salesOrder(id: $id) { status } }`, { id: orderId })).salesOrder.status === 'INSTALLED',
    );
    // The call's first write (the order) went through, the process died before the second (the request).
    const at = new Date();
    const { mongoUri, runId } = testStack();
    const conn = await mongoose.createConnection(mongoUri, { dbName: `t${runId}_sales` }).asPromise();
    try {
      const res = await conn.collection<{ _id: string }>('sales_orders').updateOne(
        { _id: orderId, status: 'INSTALLED' },
        {
          $set: { status: 'COMPLETED', qualityCall: { outcome: 'OK', note: 'Working', by: 'agent-1', at } },
          $push: { history: { from: 'INSTALLED', to: 'COMPLETED', by: 'agent-1', at, note: 'Working' } } as never,
          $inc: { version: 1 },
        },
      );
      expect(res.modifiedCount).toBe(1);
    } finally {
      await conn.close();
    }
    // Its outbox event reaches sales' own consumer: the request is closed, as the agent, with the call.
    await bus.publish(
      testEvent(
        'sales',
        'sales.SalesOrderActivated',
        s.tenant,
        orderId,
        {
          orderId,
          customerId: c.id,
          planCode: 'HOGAR-50',
          activatedAt: at.toISOString(),
          installationAddress: 'Calle Comercio 1020, La Paz',
          nodeId: null,
          currency: 'BOB',
        },
        { actor: { userId: 'agent-1', role: 'DIGITAL_SALES_AGENT' } },
      ),
    );
    const closed = await waitFor('the request CLOSED', async () => {
      const x = (await ok(s.agent, `query($id: ID!) { digitalSaleRequest(id: $id) { ${REQ} } }`, { id: r.id })).digitalSaleRequest;
      return x.status === 'CLOSED' ? x : undefined;
    });
    expect(closed).toMatchObject({ satisfaction: 'SATISFIED', salesOrder: { status: 'COMPLETED' } });
    expect(closed.history.at(-1)).toMatchObject({ from: 'ORDER_ENTERED', to: 'CLOSED', by: 'agent-1' });
  });

  test('R-DIG-1 an impediment from customers.EligibilityChanged closes the request NOT_FEASIBLE with the reason; closing by hand keeps its reason', async () => {
    const s = await setup('imp');
    const c = await person(s.clerk, 'Pedro Mamani');
    await bus.publish(
      testEvent('customers', 'customers.EligibilityChanged', s.tenant, c.id, {
        customerId: c.id,
        eligible: false,
        reasons: [{ kind: 'RISK_REGISTRY', detail: 'Listed in the risk registry', since: new Date().toISOString() }],
      }),
    );
    const r = await waitFor('the impediment in sales', async () => {
      const x = await identify(s.agent, await receive(s.agent, c.card));
      return x.status === 'NOT_FEASIBLE' ? x : undefined;
    });
    expect(r).toMatchObject({
      impediments: [{ kind: 'RISK_REGISTRY', detail: 'Listed in the risk registry' }],
      notFeasibleReason: expect.stringContaining('RISK_REGISTRY'),
    });
    const r2 = await receive(s.agent, c.card, { channel: 'WEB' });
    const closed = await step(s.agent, CLOSE, 'closeDigitalSaleNotFeasible', {
      requestId: r2.id,
      expectedVersion: r2.version,
      reason: 'Customer stopped answering',
    });
    expect(closed).toMatchObject({ status: 'NOT_FEASIBLE', notFeasibleReason: 'Customer stopped answering' });
    await refused(s.agent, RECEIVE, { i: { channel: 'WEB', identityCard: c.card, planCode: 'NOPE-1' } }, 'BAD_USER_INPUT');
    await refused(s.agent, RECEIVE, { i: { channel: 'WEB', identityCard: c.card, planCode: 'HOGAR-50', lostCall: true } }, 'BAD_USER_INPUT');
  });

  test('R-DIG-1 an unknown eligibility (sales has not heard of the customer yet) is refused FAILED_PRECONDITION, still arriving, nothing written; once it arrives the check passes', async () => {
    const s = await setup('unk');
    const c = await person(s.clerk, 'Rosa Condori');
    // Sales knows the customer (the card identifies it) once its registration is in; that same event makes the eligibility known.
    const probe = await identify(s.agent, await receive(s.agent, c.card));
    expect(probe).toMatchObject({ status: 'CLEARED', customer: { id: c.id } });
    // The read model as it is for a customer it has not heard of: no eligibility entry (events on their way, or data older than this rule).
    const { mongoUri, runId } = testStack();
    const conn = await mongoose.createConnection(mongoUri, { dbName: `t${runId}_sales` }).asPromise();
    try {
      const gone = await conn.collection<{ _id: string }>('sales_eligibility').deleteOne({ _id: `${s.tenant}:${c.id}` });
      expect(gone.deletedCount).toBe(1);
    } finally {
      await conn.close();
    }
    const r = await receive(s.agent, c.card, { channel: 'WEB' });
    const err = await refused(s.agent, IMPEDIMENTS, { i: { requestId: r.id, expectedVersion: r.version } }, 'FAILED_PRECONDITION');
    expect(err.extensions).toMatchObject({ rule: 'R-DIG-1', reason: 'STILL_ARRIVING' });
    expect(err.message).toMatch(/still arriving/);
    // Nothing written: the request is as received (not CLEARED, not NOT_FEASIBLE, no customer, same version).
    const after = (await ok(s.agent, `query($id: ID!) { digitalSaleRequest(id: $id) { ${REQ} } }`, { id: r.id })).digitalSaleRequest;
    expect(after).toMatchObject({ status: 'RECEIVED', version: r.version, customer: null, impediments: [] });
    expect(after.history.map((h: any) => h.to)).toEqual(['RECEIVED']);
    // The customer's eligibility arrives (customers.EligibilityChanged): the same request now clears.
    await bus.publish(testEvent('customers', 'customers.EligibilityChanged', s.tenant, c.id, { customerId: c.id, eligible: true, reasons: [] }));
    expect(await identify(s.agent, r)).toMatchObject({ status: 'CLEARED', customer: { id: c.id } });
  });
});
