/**
 * Every sale channel ends installed, activated and billed (issue 13, DOMAIN.md §1 A7–A8, §2 step 6),
 * through the gateway on the real engines, every event from its real producer (none is published
 * here): techsupport's network import feeds sales' coverage; the order's INSTALLATION work order is
 * opened by techsupport and closed by the coordinator; the completion call publishes
 * sales.SalesOrderActivated, from which postsale creates the subscription, collections opens the billing
 * account and customers makes the customer ACTIVE. After each flow the reconciliation report is empty.
 *
 * - 001 step 13 / R-DIG-3: the digital sales agent's satisfaction call completes a digital sale's order,
 *   and only once the service is installed.
 * - R-SAL-QC1: an order nobody sold or holds in portfolio is completed by a registered executive only.
 * - A7 dead ends: an installation closed unresolved, or a completion call that finds the service not
 *   working, is followed by a new INSTALLATION work order linked to the same order.
 */
import { refused, testStack, tokenFor, uniqueTenant, waitFor } from '@vinculo/common/testing';
import { execute, ok } from './support/untyped-answers';
import { digitalOrderEntered as enterDigitalOrder, SATISFACTION } from './support/digital-sale';
import { expectReconciled } from './support/reconciliation';

type Vars = Record<string, unknown>;

let seq = 7300000;
const HERE = { latitude: -17.3935, longitude: -66.157 };
const ADDRESS = 'Calle Jordán 455, Cochabamba';

const REQ = `id status version satisfaction salesOrder { id status version } history { from to note }`;
const dm = (name: string, input: string) => `mutation($i: ${input}!) { ${name}(input: $i) { digitalSaleRequest { ${REQ} } } }`;
const FOLLOW = dm('followUpDigitalSale', 'FollowUpDigitalSaleInput');
const GET_REQ = `query($id: ID!) { digitalSaleRequest(id: $id) { ${REQ} } }`;
const CHECK_ENTRY = `mutation($i: OrderActInput!) { checkSalesOrderEntry(input: $i) { salesOrder { id status version } } }`;
const QC = `mutation($i: RecordSalesQualityCallInput!) { recordSalesQualityCall(input: $i) { salesOrder { id status version qualityCall { outcome by } } } }`;
const WO = `id type status version salesOrder { id } node { id }`;
const ORDER = `id status version history { to } installationWorkOrder { ${WO} } workOrders(first: 10) { edges { node { id } } }
  subscriptions { edges { node { id planCode status billedProduct { status billingAccount { id } } } } }`;
const GET_ORDER = `query($id: ID!) { salesOrder(id: $id) { ${ORDER} } }`;
const CREATE_WO = `mutation($i: CreateWorkOrderInput!) { createWorkOrder(input: $i) { workOrder { ${WO} } } }`;
const NODE = `query($id: ID!) { networkNode(id: $id) { portsUsed portsReserved } }`;
const CUSTOMER = `query($id: ID!) { customer(id: $id) { status billingAccounts { edges { node { id } } } } }`;

beforeAll(() => {
  testStack();
});

async function staff(label: string) {
  const tenant = uniqueTenant(label);
  const [agent, clerk, coordinator, director, admin, exec] = await Promise.all([
    tokenFor(tenant, ['DIGITAL_SALES_AGENT'], { sub: 'agent-1' }),
    tokenFor(tenant, ['COMMERCIAL_CLERK'], { sub: 'clerk-1' }),
    tokenFor(tenant, ['TECHNICAL_COORDINATOR'], { sub: 'coord-1' }),
    tokenFor(tenant, ['COMMERCIAL_DIRECTOR'], { sub: 'director-1' }),
    tokenFor(tenant, ['ADMIN'], { sub: 'admin-1' }),
    tokenFor(tenant, ['ACCOUNT_EXECUTIVE'], { sub: 'exec-1' }),
  ]);
  return { tenant, agent, clerk, coordinator, director, admin, exec };
}
type Staff = Awaited<ReturnType<typeof staff>>;

const until = <T>(what: string, token: string, query: string, vars: Vars, pick: (d: any) => T | undefined) =>
  waitFor(what, async () => pick(await ok(token, query, vars)), { timeoutMs: 60_000, intervalMs: 200 });
const orderIn = (s: Staff, id: string, status: string) =>
  until(`order ${status}`, s.admin, GET_ORDER, { id }, (d) => (d.salesOrder.status === status ? d.salesOrder : undefined));
const step = async (token: string, m: string, field: string, i: Vars) => (await ok(token, m, { i }))[field].digitalSaleRequest;

/** The network (one fibre NAP covering HERE, imported in techsupport) and the plan. */
async function networkAndPlan(s: Staff): Promise<string> {
  const csv = `code,kind,technology,district,latitude,longitude,coverageRadiusM,portsTotal,portsUsed,maxSpeedMbps\nNAP-HS-1,NAP,FIBER,Centro,${HERE.latitude},${HERE.longitude},500,8,2,300`;
  expect(
    (
      await ok(s.coordinator, `mutation($i: ImportNetworkNodesInput!) { importNetworkNodes(input: $i) { imported errors { row } } }`, {
        i: { format: 'CSV', content: csv },
      })
    ).importNetworkNodes,
  ).toEqual({ imported: 1, errors: [] });
  await ok(s.director, `mutation($i: DefinePlanInput!) { definePlan(input: $i) { plan { code } } }`, {
    i: { code: 'HOGAR-50', name: 'Hogar Fibra 50', family: 'INTERNET', technology: 'FIBER', speedMbps: 50, monthlyFee: '199.00', installationCost: '0' },
  });
  return (await ok(s.coordinator, `{ networkNodes(first: 5) { edges { node { id } } } }`)).networkNodes.edges[0].node.id as string;
}

/** 001 steps 1–11 for a new person, on the plan and the coverage of `networkAndPlan`. */
const digitalOrderEntered = (s: Staff) =>
  enterDigitalOrder(s, { plan: { planCode: 'HOGAR-50', monthlyFee: '199.00', installationCost: '0' }, address: ADDRESS, location: HERE });

/** The coordinator takes a work order from CREATED to closed with `outcome`. */
async function fieldWork(s: Staff, wo: { id: string; version: number }, outcome: string) {
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
  const notes = outcome === 'CLOSED_RESOLVED' ? 'ONT installed, 50 Mbps measured' : 'No signal at the NAP, the drop cable must be replaced';
  w = (
    await ok(s.coordinator, `mutation($i: CloseWorkOrderInput!) { closeWorkOrder(input: $i) { workOrder { ${WO} } } }`, {
      i: { workOrderId: w.id, expectedVersion: w.version, outcome, resolutionNotes: notes },
    })
  ).closeWorkOrder.workOrder;
  expect(w.status).toBe(outcome);
  return w;
}

/** The order's effects: one subscription billed on one billing account, the customer ACTIVE. */
async function activatedAndBilled(s: Staff, orderId: string, customerId: string) {
  const sub = await until('the subscription billed by collections', s.admin, GET_ORDER, { id: orderId }, (d) => {
    const x = d.salesOrder.subscriptions.edges[0]?.node;
    return x?.billedProduct?.billingAccount && x.billedProduct.status === 'ACTIVE' ? x : undefined;
  });
  expect(sub).toMatchObject({ planCode: 'HOGAR-50', status: 'ACTIVE' });
  const c = await until('the customer ACTIVE', s.admin, CUSTOMER, { id: customerId }, (d) => (d.customer.status === 'ACTIVE' ? d.customer : undefined));
  expect(c.billingAccounts.edges.map((e: any) => e.node.id)).toEqual([sub.billedProduct.billingAccount.id]);
  expect((await ok(s.admin, GET_ORDER, { id: orderId })).salesOrder.subscriptions.edges).toHaveLength(1);
}

const satisfaction = (s: Staff, r: { id: string; version: number }, outcome: string) =>
  execute<any>(
    SATISFACTION,
    {
      i: {
        requestId: r.id,
        expectedVersion: r.version,
        outcome,
        note: outcome === 'SATISFIED' ? 'Service working, customer satisfied' : 'No internet since the visit',
      },
    },
    { token: s.agent },
  );

describe('every sale channel ends installed, activated and billed', () => {
  test('001 step 13 R-DIG-3 a digital sale (WhatsApp) is activated by the agent’s satisfaction call — subscription, billing account, customer ACTIVE — and the call is refused before the service is installed', async () => {
    const s = await staff('hs-dig');
    const nodeId = await networkAndPlan(s);
    const { customerId, request, order } = await digitalOrderEntered(s);
    let r = request;

    // R-DIG-3: nothing is installed yet — the satisfaction call is refused, nothing written.
    const early = await satisfaction(s, r, 'SATISFIED');
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'FAILED_PRECONDITION', rule: 'R-DIG-3' });
    expect(early.errors![0]!.message).toMatch(/is ENTERED, the service is not installed yet/);
    expect((await ok(s.agent, GET_REQ, { id: r.id })).digitalSaleRequest).toMatchObject({ status: 'ORDER_ENTERED', version: r.version, satisfaction: null });

    const placed = (await ok(s.clerk, CHECK_ENTRY, { i: { orderId: order.id, expectedVersion: order.version } })).checkSalesOrderEntry.salesOrder;
    expect(placed.status).toBe('PLACED');
    r = await step(s.agent, FOLLOW, 'followUpDigitalSale', { requestId: r.id, expectedVersion: r.version, note: 'Installation scheduled for Thursday' });
    const stillPlaced = await satisfaction(s, r, 'SATISFIED');
    expect(stillPlaced.errors?.[0]?.extensions).toMatchObject({ code: 'FAILED_PRECONDITION', rule: 'R-DIG-3' });

    // techsupport's INSTALLATION work order, closed resolved → INSTALLED.
    const wo = await until('the installation work order', s.coordinator, GET_ORDER, { id: order.id }, (d) => d.salesOrder.installationWorkOrder ?? undefined);
    expect(wo).toMatchObject({ type: 'INSTALLATION', status: 'CREATED', node: { id: nodeId } });
    await fieldWork(s, wo, 'CLOSED_RESOLVED');
    const installed = await orderIn(s, order.id, 'INSTALLED');

    // The digital order is the agent's to complete, not an executive's.
    const byExec = await refused(s.exec, QC, { i: { orderId: order.id, expectedVersion: installed.version, outcome: 'OK' } }, 'FAILED_PRECONDITION');
    expect(byExec.extensions?.rule).toBe('R-DIG-3');

    // Step 13: the satisfaction call completes the order (sales.SalesOrderActivated) and closes the request.
    const done = await satisfaction(s, r, 'SATISFIED');
    expect(done.errors).toBeUndefined();
    expect(done.data.recordDigitalSatisfactionCall.digitalSaleRequest).toMatchObject({
      status: 'CLOSED',
      satisfaction: 'SATISFIED',
      salesOrder: { id: order.id, status: 'COMPLETED' },
    });
    const completed = (await ok(s.admin, `query($id: ID!) { salesOrder(id: $id) { status qualityCall { outcome by } history { to } } }`, { id: order.id }))
      .salesOrder;
    expect(completed).toMatchObject({ status: 'COMPLETED', qualityCall: { outcome: 'OK', by: 'agent-1' } });
    expect(completed.history.map((h: any) => h.to)).toEqual(['ENTERED', 'PLACED', 'INSTALLED', 'COMPLETED']);

    await activatedAndBilled(s, order.id, customerId);
    await until('the port consumed', s.coordinator, NODE, { id: nodeId }, (d) =>
      d.networkNode.portsUsed === 3 && d.networkNode.portsReserved === 0 ? true : undefined,
    );
    await expectReconciled(s.director, { completedOrders: [order.id] });
  }, 300_000);

  test('R-SAL-QC1 an order nobody sold or holds in portfolio: a non-employee executive token is refused, a registered executive completes it; QC NOT_OK → a new INSTALLATION linked to the order → completed', async () => {
    const s = await staff('hs-qc');
    await networkAndPlan(s);
    const customerId = (
      await ok(s.clerk, `mutation($i: RegisterCustomerInput!) { registerCustomer(input: $i) { customer { id } } }`, {
        i: { kind: 'BUSINESS', name: 'Panadería El Trigal SRL', taxId: String(++seq) },
      })
    ).registerCustomer.customer.id as string;
    const placed = await waitFor('sales to know the customer', async () => {
      const res = await execute<any>(
        `mutation($i: PlaceSalesOrderInput!) { placeSalesOrder(input: $i) { salesOrder { id status } } }`,
        { i: { customerId, planCode: 'HOGAR-50', installationAddress: ADDRESS } },
        { token: s.clerk },
      );
      if (res.errors?.[0]?.extensions?.code === 'NOT_FOUND') return undefined;
      if (res.errors) throw new Error(JSON.stringify(res.errors));
      return res.data!.placeSalesOrder.salesOrder;
    });
    const wo = await until('the installation work order', s.coordinator, GET_ORDER, { id: placed.id }, (d) => d.salesOrder.installationWorkOrder ?? undefined);
    await fieldWork(s, wo, 'CLOSED_RESOLVED');
    let o = await orderIn(s, placed.id, 'INSTALLED');

    // A token with the role but naming no employee customers registered: refused, nothing written.
    const ghost = await tokenFor(s.tenant, ['ACCOUNT_EXECUTIVE'], { sub: 'exec-ghost' });
    const refusal = await refused(ghost, QC, { i: { orderId: o.id, expectedVersion: o.version, outcome: 'OK' } }, 'FORBIDDEN');
    expect(refusal.extensions?.rule).toBe('R-SAL-QC1');
    expect((await ok(s.admin, GET_ORDER, { id: o.id })).salesOrder).toMatchObject({ status: 'INSTALLED', version: o.version });

    // A registered, active account executive of the tenant makes the call (once sales heard of the registration).
    await ok(s.admin, `mutation($i: RegisterEmployeeInput!) { registerEmployee(input: $i) { employee { id } } }`, {
      i: { id: 'exec-qc', name: 'Ejecutiva Calidad', email: 'calidad@vinculo.test', roles: ['ACCOUNT_EXECUTIVE'] },
    });
    const exec = await tokenFor(s.tenant, ['ACCOUNT_EXECUTIVE'], { sub: 'exec-qc' });
    const call = (outcome: string, version: number) =>
      waitFor(`the quality-control call ${outcome}`, async () => {
        const res = await execute<any>(
          QC,
          { i: { orderId: o.id, expectedVersion: version, outcome, note: outcome === 'OK' ? 'Working' : 'Customer reports no service' } },
          { token: exec },
        );
        if (res.errors?.[0]?.extensions?.code === 'FORBIDDEN') return undefined; // the employee's registration still on its way
        if (res.errors) throw new Error(JSON.stringify(res.errors));
        return res.data!.recordSalesQualityCall.salesOrder;
      });
    o = await call('NOT_OK', o.version);
    expect(o).toMatchObject({ status: 'TECHNICAL_FOLLOW_UP', qualityCall: { outcome: 'NOT_OK', by: 'exec-qc' } });

    // Not a dead end: a new INSTALLATION linked to the same order; its closure installs the order again.
    const again = (
      await ok(s.coordinator, CREATE_WO, {
        i: { customerId, type: 'INSTALLATION', address: ADDRESS, notes: 'Revisit: no service at the QC call', salesOrderId: o.id },
      })
    ).createWorkOrder.workOrder;
    expect(again).toMatchObject({ type: 'INSTALLATION', status: 'CREATED', salesOrder: { id: o.id } });
    await fieldWork(s, again, 'CLOSED_RESOLVED');
    o = await orderIn(s, o.id, 'INSTALLED');
    o = await call('OK', o.version);
    expect(o.status).toBe('COMPLETED');
    expect((await ok(s.admin, GET_ORDER, { id: o.id })).salesOrder.history.map((h: any) => h.to)).toEqual([
      'PLACED',
      'INSTALLED',
      'TECHNICAL_FOLLOW_UP',
      'INSTALLED',
      'COMPLETED',
    ]);

    await activatedAndBilled(s, o.id, customerId);
    await expectReconciled(s.director, { completedOrders: [o.id] });
  }, 300_000);

  test('A7 dead end: an installation closed unresolved, then a NOT_SATISFIED call, each followed by a new INSTALLATION linked to the order; the port is reserved again only when it was released; then activated', async () => {
    const s = await staff('hs-dead');
    const nodeId = await networkAndPlan(s);
    const { customerId, request, order } = await digitalOrderEntered(s);
    let r = request;
    await ok(s.clerk, CHECK_ENTRY, { i: { orderId: order.id, expectedVersion: order.version } });
    const first = await until(
      'the installation work order',
      s.coordinator,
      GET_ORDER,
      { id: order.id },
      (d) => d.salesOrder.installationWorkOrder ?? undefined,
    );
    expect((await ok(s.coordinator, NODE, { id: nodeId })).networkNode).toEqual({ portsUsed: 3, portsReserved: 1 }); // a reserved port counts as used

    // The field could not install it: technical follow-up, the port released.
    await fieldWork(s, first, 'CLOSED_UNRESOLVED');
    await orderIn(s, order.id, 'TECHNICAL_FOLLOW_UP');
    await until('the port released', s.coordinator, NODE, { id: nodeId }, (d) =>
      d.networkNode.portsReserved === 0 && d.networkNode.portsUsed === 2 ? true : undefined,
    );
    const notYet = await satisfaction(s, r, 'SATISFIED');
    expect(notYet.errors?.[0]?.extensions).toMatchObject({ code: 'FAILED_PRECONDITION', rule: 'R-DIG-3' });
    expect(notYet.errors![0]!.message).toMatch(/TECHNICAL_FOLLOW_UP/);

    // The link is checked: an INSTALLATION only, the order's own customer.
    await refused(s.coordinator, CREATE_WO, { i: { customerId, type: 'REPAIR', address: ADDRESS, salesOrderId: order.id } }, 'BAD_USER_INPUT');
    await refused(s.coordinator, CREATE_WO, { i: { customerId, type: 'INSTALLATION', address: ADDRESS, salesOrderId: 'so-nobody' } }, 'NOT_FOUND');
    // A new INSTALLATION linked to the order: a port reserved again on the node.
    const second = (
      await ok(s.coordinator, CREATE_WO, { i: { customerId, type: 'INSTALLATION', address: ADDRESS, notes: 'Replace the drop cable', salesOrderId: order.id } })
    ).createWorkOrder.workOrder;
    expect(second).toMatchObject({ type: 'INSTALLATION', salesOrder: { id: order.id }, node: { id: nodeId } });
    expect((await ok(s.coordinator, NODE, { id: nodeId })).networkNode).toEqual({ portsUsed: 3, portsReserved: 1 });
    // One at a time: while it is open, no other.
    await refused(s.coordinator, CREATE_WO, { i: { customerId, type: 'INSTALLATION', address: ADDRESS, salesOrderId: order.id } }, 'FAILED_PRECONDITION');
    expect((await ok(s.admin, GET_ORDER, { id: order.id })).salesOrder.installationWorkOrder.id).toBe(second.id);
    await fieldWork(s, second, 'CLOSED_RESOLVED');
    let o = await orderIn(s, order.id, 'INSTALLED');
    await until('the port consumed', s.coordinator, NODE, { id: nodeId }, (d) =>
      d.networkNode.portsUsed === 3 && d.networkNode.portsReserved === 0 ? true : undefined,
    );

    // The customer is not satisfied: the order back to technical follow-up, the request open for the next call.
    const unhappy = await satisfaction(s, r, 'NOT_SATISFIED');
    expect(unhappy.errors).toBeUndefined();
    r = unhappy.data.recordDigitalSatisfactionCall.digitalSaleRequest;
    expect(r).toMatchObject({ status: 'FOLLOWED_UP', satisfaction: 'NOT_SATISFIED', salesOrder: { status: 'TECHNICAL_FOLLOW_UP' } });
    // Installed once already (its port in use): the next linked installation reserves none.
    const third = (
      await ok(s.coordinator, CREATE_WO, { i: { customerId, type: 'INSTALLATION', address: ADDRESS, notes: 'Check the ONT', salesOrderId: order.id } })
    ).createWorkOrder.workOrder;
    expect(third).toMatchObject({ salesOrder: { id: order.id }, node: null });
    await fieldWork(s, third, 'CLOSED_RESOLVED');
    o = await orderIn(s, order.id, 'INSTALLED');
    const done = await satisfaction(s, r, 'SATISFIED');
    expect(done.errors).toBeUndefined();
    expect(done.data.recordDigitalSatisfactionCall.digitalSaleRequest).toMatchObject({
      status: 'CLOSED',
      satisfaction: 'SATISFIED',
      salesOrder: { status: 'COMPLETED' },
    });
    o = (await ok(s.admin, GET_ORDER, { id: order.id })).salesOrder;
    expect(o.history.map((h: any) => h.to)).toEqual(['ENTERED', 'PLACED', 'TECHNICAL_FOLLOW_UP', 'INSTALLED', 'TECHNICAL_FOLLOW_UP', 'INSTALLED', 'COMPLETED']);
    expect(o.workOrders.edges).toHaveLength(3);
    expect((await ok(s.coordinator, NODE, { id: nodeId })).networkNode).toEqual({ portsUsed: 3, portsReserved: 0 });

    await activatedAndBilled(s, order.id, customerId);
    // Three installations of one order, each after the last was closed: no WORK_ORDER_DUPLICATED.
    await expectReconciled(s.director, { completedOrders: [order.id] });
  }, 300_000);
});
