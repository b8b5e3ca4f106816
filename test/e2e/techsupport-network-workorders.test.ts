/**
 * Technical support end to end, through the gateway on real Kafka + Mongo-wire: the network inventory
 * imported from a QGIS export (all or nothing), feasibility with the shared rule, work orders opened
 * from sales and post-sale events (published here: their producers are rebuilt in parallel) with the
 * port reserved on the serving node and consumed or released at closure, the withdrawal closing open
 * orders first, SLA clocks from tenant policy and settings, escalation, and concurrent closes.
 */
import mongoose from 'mongoose';
import { Kafka, logLevel } from 'kafkajs';
import { coverageReadModel, createEventConsumer, createLogger, dlqTopicOf, EventContracts, topicOf } from '@vinculo/common';
import { stackBus, refused, testEvent, testStack, tokenFor, uniqueTenant, waitFor } from '@vinculo/common/testing';
import { ok, execute } from './support/untyped-answers';

type Vars = Record<string, unknown>;
let seq = 7700000;
const REGISTER = `mutation($i: RegisterCustomerInput!) { registerCustomer(input: $i) { customer { id } } }`;
const IMPORT = `mutation($i: ImportNetworkNodesInput!) { importNetworkNodes(input: $i) { imported created updated errors { row field message } } }`;
const IMPORT_COUNTS = `mutation($i: ImportNetworkNodesInput!) { importNetworkNodes(input: $i) { imported created updated unchanged errors { row } } }`;
const NODES = `query($f: NetworkNodeFilter) { networkNodes(filter: $f, first: 50) { edges { node { id code kind technology district portsTotal portsUsed portsReserved nodeVersion active location { latitude longitude } } } } }`;
const NODE = `query($id: ID!) { networkNode(id: $id) { id code portsTotal portsUsed portsReserved nodeVersion } }`;
const FEASIBILITY = `query($l: GeoPointInput!, $t: Technology!, $s: Float) { technicalFeasibility(location: $l, technology: $t, speedMbps: $s) { feasible reason detail distanceM freePorts node { id code } } }`;
const WO_FIELDS = `id type status priority address notes requestId version technicianId crew scheduledFor equipmentToRetrieve createdAt closedAt
  salesOrder { id } installedProduct { id } node { id code portsReserved } sla { dueAt atRisk breached }
  resolution { notes equipmentUsed { code quantity } equipmentReturned { code condition } } history { from to by note }`;
const WO = `query($id: ID!) { workOrder(id: $id) { ${WO_FIELDS} } }`;
const CUSTOMER_WOS = `query($id: ID!) { customer(id: $id) { workOrders(first: 20) { edges { node { ${WO_FIELDS} } } } } }`;
const ASSIGN = `mutation($i: AssignWorkOrderInput!) { assignWorkOrder(input: $i) { workOrder { ${WO_FIELDS} } } }`;
const START = `mutation($i: WorkOrderVersionInput!) { startWorkOrder(input: $i) { workOrder { id status version } } }`;
const ESCALATE = `mutation($i: EscalateWorkOrderInput!) { escalateWorkOrder(input: $i) { workOrder { id priority version history { note } } } }`;
const CLOSE = `mutation($i: CloseWorkOrderInput!) { closeWorkOrder(input: $i) { workOrder { ${WO_FIELDS} } } }`;
const SETTINGS = `mutation($i: UpdateTechsupportSettingsInput!) { updateTechsupportSettings(input: $i) { version atRiskPercent includedCableM slaHours { type hours } excessCablePerMeter { amount currency } } }`;
const CREATE = `mutation($i: CreateWorkOrderInput!) { createWorkOrder(input: $i) { workOrder { ${WO_FIELDS} } } }`;
const BOARD = `query($f: WorkOrderFilter) { workOrders(filter: $f, first: 50) { edges { node { id type status sla { dueAt atRisk breached } } } } }`;

const HEADER = 'code,kind,technology,district,latitude,longitude,coverageRadiusM,portsTotal,portsUsed,maxSpeedMbps';
// Around Plaza 14 de Septiembre, Cochabamba.
const HERE = { latitude: -17.3935, longitude: -66.157 };

const bus = stackBus();

async function customer(token: string, name: string): Promise<string> {
  return (await ok(token, REGISTER, { i: { kind: 'BUSINESS', name, taxId: String(++seq) } })).registerCustomer.customer.id;
}
const nodeByCode = async (token: string, code: string) =>
  (await ok(token, NODES, {})).networkNodes.edges.map((e: { node: Vars }) => e.node).find((n: Vars) => n.code === code);
const workOrders = async (token: string, customerId: string) =>
  (await ok(token, CUSTOMER_WOS, { id: customerId })).customer.workOrders.edges.map((e: { node: Vars }) => e.node);

describe('techsupport: network inventory and feasibility', () => {
  test('an import with any invalid row writes nothing and lists the errors per row; a valid CSV and a GeoJSON then load the inventory', async () => {
    const tenant = uniqueTenant('net');
    const coord = await tokenFor(tenant, ['TECHNICAL_COORDINATOR']);
    const clerk = await tokenFor(tenant, ['COMMERCIAL_CLERK']);
    const bad = `${HEADER}\nNAP-OK,NAP,FIBER,Centro,-17.3935,-66.157,500,16,4,300\nNAP-BAD,NAP,LASER,Centro,-17.39,-66.15,500,16,20,300\n`;
    const refusedImport = (await ok(coord, IMPORT, { i: { format: 'CSV', content: bad } })).importNetworkNodes;
    expect(refusedImport.imported).toBe(0);
    expect(refusedImport.errors).toEqual([
      { row: 2, field: 'technology', message: expect.any(String) },
      { row: 2, field: 'portsUsed', message: 'portsUsed cannot exceed portsTotal' },
    ]);
    expect((await ok(coord, NODES, {})).networkNodes.edges).toEqual([]);
    await refused(clerk, IMPORT, { i: { format: 'CSV', content: bad } }, 'FORBIDDEN');

    const csv = `${HEADER}\nNAP-C1,NAP,FIBER,Centro,-17.3935,-66.157,500,16,4,300\nCAB-C1,CABINET,COPPER,Centro,-17.394,-66.158,1500,100,100,20\n`;
    expect((await ok(coord, IMPORT, { i: { format: 'CSV', content: csv } })).importNetworkNodes).toEqual({ imported: 2, created: 2, updated: 0, errors: [] });
    const geo = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [-66.157, -17.3935] },
          properties: {
            code: 'NAP-C1',
            kind: 'NAP',
            technology: 'FIBER',
            district: 'Centro',
            coverageRadiusM: 600,
            portsTotal: 32,
            portsUsed: 4,
            maxSpeedMbps: 500,
          },
        },
        {
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [-66.2, -17.45] },
          properties: { code: 'TAP-S1', kind: 'TAP', technology: 'COAX', coverageRadiusM: 400, portsTotal: 8, portsUsed: 0, maxSpeedMbps: 100 },
        },
      ],
    };
    expect((await ok(coord, IMPORT, { i: { format: 'GEOJSON', content: JSON.stringify(geo) } })).importNetworkNodes).toEqual({
      imported: 2,
      created: 1,
      updated: 1,
      errors: [],
    });
    const nap = await nodeByCode(clerk, 'NAP-C1');
    expect(nap).toMatchObject({
      kind: 'NAP',
      technology: 'FIBER',
      portsTotal: 32,
      portsUsed: 4,
      portsReserved: 0,
      nodeVersion: 2,
      location: { latitude: -17.3935, longitude: -66.157 },
    });
    expect((await ok(clerk, NODES, { f: { technology: 'COAX' } })).networkNodes.edges.map((e: any) => e.node.code)).toEqual(['TAP-S1']);

    // Feasibility: the shared rule, each reason.
    const f = async (l: Vars, t: string, s?: number) => (await ok(clerk, FEASIBILITY, { l, t, s })).technicalFeasibility;
    expect(await f(HERE, 'FIBER', 300)).toMatchObject({ feasible: true, reason: null, distanceM: 0, freePorts: 28, node: { id: nap.id, code: 'NAP-C1' } });
    expect(await f({ latitude: -16.5, longitude: -68.15 }, 'FIBER', 10)).toMatchObject({ feasible: false, reason: 'NO_COVERAGE', node: null });
    expect(await f(HERE, 'HSPA', 10)).toMatchObject({ feasible: false, reason: 'TECHNOLOGY_NOT_AVAILABLE' });
    expect(await f(HERE, 'FIBER', 1000)).toMatchObject({ feasible: false, reason: 'SPEED_NOT_SUPPORTED' });
    expect(await f(HERE, 'COPPER', 10)).toMatchObject({ feasible: false, reason: 'NO_FREE_PORTS' });
    await refused(clerk, FEASIBILITY, { l: { latitude: 95, longitude: 0 }, t: 'FIBER' }, 'BAD_USER_INPUT');
  });

  test('an import cut off part-way is finished by re-running the same file: written nodes come back unchanged (no new version, no event); two runs at once make one node per code', async () => {
    const tenant = uniqueTenant('netre');
    const coord = await tokenFor(tenant, ['TECHNICAL_COORDINATOR']);
    const rows = ['NAP-R1,NAP,FIBER,Centro,-17.3935,-66.157,500,16,4,300', 'NAP-R2,NAP,FIBER,Centro,-17.394,-66.158,500,16,0,300'];
    // What a crash after the first node leaves: only that node written.
    const partial = (await ok(coord, IMPORT_COUNTS, { i: { format: 'CSV', content: `${HEADER}\n${rows[0]}\n` } })).importNetworkNodes;
    expect(partial).toEqual({ imported: 1, created: 1, updated: 0, unchanged: 0, errors: [] });
    const file = `${HEADER}\n${rows.join('\n')}\n`;
    expect((await ok(coord, IMPORT_COUNTS, { i: { format: 'CSV', content: file } })).importNetworkNodes).toEqual({
      imported: 2,
      created: 1,
      updated: 0,
      unchanged: 1,
      errors: [],
    });
    expect((await ok(coord, IMPORT_COUNTS, { i: { format: 'CSV', content: file } })).importNetworkNodes).toEqual({
      imported: 2,
      created: 0,
      updated: 0,
      unchanged: 2,
      errors: [],
    });
    expect((await nodeByCode(coord, 'NAP-R1')).nodeVersion).toBe(1);

    const twice = `${HEADER}\nNAP-R3,NAP,FIBER,Norte,-17.37,-66.16,500,8,0,300\nNAP-R4,NAP,FIBER,Norte,-17.371,-66.161,500,8,0,300\n`;
    const runs = await Promise.all([1, 2].map(() => execute<any>(IMPORT_COUNTS, { i: { format: 'CSV', content: twice } }, { token: coord })));
    expect(runs.map((r) => r.errors)).toEqual([undefined, undefined]);
    const counts = runs.map((r) => r.data.importNetworkNodes);
    expect(counts.reduce((n: number, c: Vars) => n + (c.created as number), 0)).toBe(2);
    const codes = (await ok(coord, NODES, {})).networkNodes.edges.map((e: any) => e.node.code);
    expect(codes).toEqual(['NAP-R1', 'NAP-R2', 'NAP-R3', 'NAP-R4']);
  });
});

describe('techsupport: work orders from events, capacity, SLA', () => {
  test('sales.SalesOrderPlaced (delivered twice) → one INSTALLATION with a port reserved on nodeId; closing it resolved consumes the port', async () => {
    const tenant = uniqueTenant('woi');
    const coord = await tokenFor(tenant, ['TECHNICAL_COORDINATOR'], { sub: 'coord-1' });
    const clerk = await tokenFor(tenant, ['COMMERCIAL_CLERK']);
    await ok(coord, IMPORT, { i: { format: 'CSV', content: `${HEADER}\nNAP-I1,NAP,FIBER,Centro,-17.3935,-66.157,500,4,1,300\n` } });
    const nap = await nodeByCode(coord, 'NAP-I1');
    const customerId = await customer(clerk, 'Instalada SRL');
    const placed = testEvent('sales', 'sales.SalesOrderPlaced', tenant, 'so-1', {
      orderId: 'so-1',
      customerId,
      planCode: 'FIBER-300',
      installationAddress: 'Av. Heroínas 123, Cochabamba',
      technology: 'FIBER',
      location: HERE,
      nodeId: nap.id,
    });
    await bus.publish(placed);
    await bus.publish(placed);
    const [wo] = await waitFor('the installation work order', async () => {
      const list = await workOrders(coord, customerId);
      return list.length ? list : undefined;
    });
    expect(wo).toMatchObject({
      type: 'INSTALLATION',
      status: 'CREATED',
      priority: 'NORMAL',
      salesOrder: { id: 'so-1' },
      node: { id: nap.id, portsReserved: 1 },
    });
    const reserved = await ok(coord, NODE, { id: nap.id });
    expect(reserved.networkNode).toMatchObject({ portsUsed: 2, portsReserved: 1, nodeVersion: 2 });
    // The SLA default: workOrderDeadlineDays (5) to the end of that local day in La Paz (UTC-4).
    const localDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/La_Paz' }).format(new Date(wo.createdAt));
    const due = new Date(`${localDay}T23:59:59.999-04:00`);
    due.setUTCDate(due.getUTCDate() + 5);
    expect(wo.sla).toEqual({ dueAt: due.toISOString(), atRisk: false, breached: false });
    // A second event delivered twice still made one order.
    expect(await workOrders(coord, customerId)).toHaveLength(1);
    // SalesOrder (owned by sales) is extended with its installation: resolved by reference, as the gateway does.
    const entities = await execute<any>(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on SalesOrder { id installationWorkOrder { id type } } } }`,
      {
        r: [
          { __typename: 'SalesOrder', id: 'so-1' },
          { __typename: 'SalesOrder', id: 'so-none' },
        ],
      },
      { token: coord, url: testStack().urls.techsupport },
    );
    expect(entities.data?._entities).toEqual([
      { id: 'so-1', installationWorkOrder: { id: wo.id, type: 'INSTALLATION' } },
      { id: 'so-none', installationWorkOrder: null },
    ]);

    const assigned = (
      await ok(coord, ASSIGN, { i: { workOrderId: wo.id, expectedVersion: wo.version, crew: 'USM-3', scheduledFor: '2030-01-10T13:00:00.000Z' } })
    ).assignWorkOrder.workOrder;
    expect(assigned).toMatchObject({ status: 'ASSIGNED', crew: 'USM-3', technicianId: null, scheduledFor: '2030-01-10T13:00:00.000Z' });
    await refused(
      coord,
      CLOSE,
      { i: { workOrderId: wo.id, expectedVersion: assigned.version, outcome: 'CLOSED_RESOLVED', resolutionNotes: 'x' } },
      'BAD_USER_INPUT',
    );
    const started = (await ok(coord, START, { i: { workOrderId: wo.id, expectedVersion: assigned.version } })).startWorkOrder.workOrder;
    const closed = (
      await ok(coord, CLOSE, {
        i: {
          workOrderId: wo.id,
          expectedVersion: started.version,
          outcome: 'CLOSED_RESOLVED',
          resolutionNotes: 'ONT installed, 300 Mbps measured',
          equipmentUsed: [
            { code: 'ONT-HG8245', quantity: 1 },
            { code: 'DROP-50M', quantity: 1 },
          ],
        },
      })
    ).closeWorkOrder.workOrder;
    expect(closed).toMatchObject({
      status: 'CLOSED_RESOLVED',
      resolution: {
        notes: 'ONT installed, 300 Mbps measured',
        equipmentUsed: [
          { code: 'ONT-HG8245', quantity: 1 },
          { code: 'DROP-50M', quantity: 1 },
        ],
        equipmentReturned: [],
      },
    });
    expect(closed.history.map((h: Vars) => h.to)).toEqual(['CREATED', 'ASSIGNED', 'IN_PROGRESS', 'CLOSED_RESOLVED']);
    // The port: consumed (in service), no longer reserved.
    await waitFor('the port consumed', async () => {
      const n = (await ok(coord, NODE, { id: nap.id })).networkNode;
      return n.portsReserved === 0 && n.portsUsed === 2 && n.nodeVersion === 3 ? n : undefined;
    });
    // Closed is closed: FAILED_PRECONDITION naming the state (no act leads back).
    const err = await refused(coord, START, { i: { workOrderId: wo.id, expectedVersion: closed.version } }, 'FAILED_PRECONDITION');
    expect(err.message).toMatch(/CLOSED_RESOLVED/);
    expect(err.extensions).toMatchObject({ currentStatus: 'CLOSED_RESOLVED', allowedFrom: ['ASSIGNED'], nextAct: null });
  });

  test('postsale.RelocationEntered → RELOCATION reserving at the new node, released when closed unresolved; escalation raises priority', async () => {
    const tenant = uniqueTenant('wor');
    const coord = await tokenFor(tenant, ['TECHNICAL_COORDINATOR']);
    const clerk = await tokenFor(tenant, ['COMMERCIAL_CLERK']);
    await ok(coord, IMPORT, { i: { format: 'CSV', content: `${HEADER}\nNAP-R1,NAP,FIBER,Norte,-17.37,-66.16,500,8,0,300\n` } });
    const nap = await nodeByCode(coord, 'NAP-R1');
    const customerId = await customer(clerk, 'Trasladada SRL');
    await bus.publish(
      testEvent('postsale', 'postsale.RelocationEntered', tenant, 'req-r1', {
        requestId: 'req-r1',
        installedProductId: 'ip-r1',
        customerId,
        fromAddress: 'Calle Sucre 10',
        toAddress: 'Av. América 455',
        neighbourhood: 'Cala Cala',
        technology: 'FIBER',
        location: { latitude: -17.37, longitude: -66.16 },
        nodeId: nap.id,
      }),
    );
    const [wo] = await waitFor('the relocation work order', async () =>
      (await workOrders(coord, customerId)).length ? workOrders(coord, customerId) : undefined,
    );
    expect(wo).toMatchObject({
      type: 'RELOCATION',
      requestId: 'req-r1',
      installedProduct: { id: 'ip-r1' },
      address: 'Av. América 455, Cala Cala',
      node: { portsReserved: 1 },
    });
    const e1 = (await ok(coord, ESCALATE, { i: { workOrderId: wo.id, expectedVersion: wo.version, reason: 'customer without service' } })).escalateWorkOrder
      .workOrder;
    const e2 = (await ok(coord, ESCALATE, { i: { workOrderId: wo.id, expectedVersion: e1.version, reason: 'second call to operations' } })).escalateWorkOrder
      .workOrder;
    expect([e1.priority, e2.priority]).toEqual(['HIGH', 'URGENT']);
    await refused(coord, ESCALATE, { i: { workOrderId: wo.id, expectedVersion: e2.version, reason: 'third' } }, 'CONFLICT');
    const a = (await ok(coord, ASSIGN, { i: { workOrderId: wo.id, expectedVersion: e2.version, technicianId: 'tec-7' } })).assignWorkOrder.workOrder;
    await ok(coord, CLOSE, {
      i: { workOrderId: wo.id, expectedVersion: a.version, outcome: 'CLOSED_UNRESOLVED', resolutionNotes: 'No access to the building' },
    });
    await waitFor('the port released', async () => {
      const n = (await ok(coord, NODE, { id: nap.id })).networkNode;
      return n.portsReserved === 0 && n.portsUsed === 0 ? n : undefined;
    });
  });

  test("postsale.WithdrawalEntered closes the product's open work orders first, then EQUIPMENT_RETRIEVAL; its closure reports every item", async () => {
    const tenant = uniqueTenant('wow');
    const coord = await tokenFor(tenant, ['TECHNICAL_COORDINATOR']);
    const clerk = await tokenFor(tenant, ['COMMERCIAL_CLERK']);
    const customerId = await customer(clerk, 'Retirada SRL');
    await bus.publish(
      testEvent('postsale', 'postsale.RelocationEntered', tenant, 'req-w0', {
        requestId: 'req-w0',
        installedProductId: 'ip-w1',
        customerId,
        toAddress: 'Calle Baptista 77',
      }),
    );
    const [reloc] = await waitFor('the relocation', async () => ((await workOrders(coord, customerId)).length ? workOrders(coord, customerId) : undefined));
    const withdrawal = testEvent('postsale', 'postsale.WithdrawalEntered', tenant, 'req-w1', {
      requestId: 'req-w1',
      installedProductId: 'ip-w1',
      customerId,
      address: 'Calle Baptista 77',
      equipment: [{ code: 'ONT-9', description: 'ONT Huawei' }, { code: 'RTR-2' }],
    });
    await bus.publish(withdrawal);
    await bus.publish(withdrawal);
    const list = await waitFor('the retrieval', async () => {
      const l = await workOrders(coord, customerId);
      return l.length === 2 ? l : undefined;
    });
    const retrieval = list.find((w: Vars) => w.type === 'EQUIPMENT_RETRIEVAL');
    expect(retrieval).toMatchObject({ status: 'CREATED', requestId: 'req-w1', equipmentToRetrieve: ['ONT-9', 'RTR-2'] });
    expect((await ok(coord, WO, { id: reloc.id })).workOrder).toMatchObject({
      status: 'CLOSED_UNRESOLVED',
      resolution: { notes: expect.stringMatching(/withdrawn/) },
    });
    const a = (await ok(coord, ASSIGN, { i: { workOrderId: retrieval.id, expectedVersion: retrieval.version, crew: 'ALM-1' } })).assignWorkOrder.workOrder;
    await refused(
      coord,
      CLOSE,
      {
        i: {
          workOrderId: retrieval.id,
          expectedVersion: a.version,
          outcome: 'CLOSED_RESOLVED',
          resolutionNotes: 'picked up',
          equipmentReturned: [{ code: 'ONT-9', condition: 'OK' }],
        },
      },
      'BAD_USER_INPUT',
    );
    const closed = (
      await ok(coord, CLOSE, {
        i: {
          workOrderId: retrieval.id,
          expectedVersion: a.version,
          outcome: 'CLOSED_RESOLVED',
          resolutionNotes: 'picked up',
          equipmentReturned: [
            { code: 'ONT-9', condition: 'OK' },
            { code: 'RTR-2', condition: 'DAMAGED' },
          ],
        },
      })
    ).closeWorkOrder.workOrder;
    expect(closed.resolution.equipmentReturned).toEqual([
      { code: 'ONT-9', condition: 'OK' },
      { code: 'RTR-2', condition: 'DAMAGED' },
    ]);
  });

  test('SLA hours per type from the ADMIN settings; the board lists by status; two closes of one order at once → exactly one wins', async () => {
    const tenant = uniqueTenant('wos');
    const admin = await tokenFor(tenant, ['ADMIN']);
    const coord = await tokenFor(tenant, ['TECHNICAL_COORDINATOR']);
    const exec = await tokenFor(tenant, ['ACCOUNT_EXECUTIVE']);
    await refused(coord, SETTINGS, { i: { expectedVersion: 0, slaHours: [{ type: 'REPAIR', hours: 24 }] } }, 'FORBIDDEN');
    const s = (await ok(admin, SETTINGS, { i: { expectedVersion: 0, slaHours: [{ type: 'REPAIR', hours: 24 }], excessCablePerMeter: '7.50' } }))
      .updateTechsupportSettings;
    expect(s).toMatchObject({ version: 1, atRiskPercent: 75, excessCablePerMeter: { amount: '7.50', currency: 'BOB' } });
    expect(s.slaHours).toContainEqual({ type: 'REPAIR', hours: 24 });
    await refused(admin, SETTINGS, { i: { expectedVersion: 0, atRiskPercent: 50 } }, 'CONFLICT');
    await refused(admin, SETTINGS, { i: { expectedVersion: 1, atRiskPercent: 150 } }, 'BAD_USER_INPUT');

    const customerId = await customer(admin, 'Reparada SRL');
    const wo = await waitFor('the customer in the directory', async () => {
      const r = await execute<any>(CREATE, { i: { customerId, type: 'REPAIR', address: 'Calle Junín 99, Sacaba', priority: 'HIGH' } }, { token: coord });
      return r.errors ? undefined : r.data!.createWorkOrder.workOrder;
    });
    expect(new Date(wo.sla.dueAt).getTime() - new Date(wo.createdAt).getTime()).toBe(24 * 3_600_000);
    expect(wo.priority).toBe('HIGH');
    await refused(exec, ASSIGN, { i: { workOrderId: wo.id, expectedVersion: wo.version, crew: 'USM-1' } }, 'FORBIDDEN');
    const a = (await ok(coord, ASSIGN, { i: { workOrderId: wo.id, expectedVersion: wo.version, crew: 'USM-1' } })).assignWorkOrder.workOrder;
    expect((await ok(coord, BOARD, { f: { status: 'ASSIGNED' } })).workOrders.edges.map((e: any) => e.node.id)).toEqual([wo.id]);
    expect((await ok(coord, BOARD, { f: { breached: true } })).workOrders.edges).toEqual([]);
    const close = (outcome: string) =>
      execute<any>(CLOSE, { i: { workOrderId: wo.id, expectedVersion: a.version, outcome, resolutionNotes: `closed as ${outcome}` } }, { token: coord });
    const results = await Promise.all([close('CLOSED_RESOLVED'), close('CLOSED_UNFOUNDED')]);
    const wins = results.filter((r) => !r.errors);
    const losses = results.filter((r) => r.errors);
    expect(wins).toHaveLength(1);
    expect(losses.map((r) => r.errors![0]!.extensions?.code)).toEqual(['CONFLICT']);
    const final = (await ok(coord, WO, { id: wo.id })).workOrder;
    expect(final.status).toBe(wins[0]!.data.closeWorkOrder.workOrder.status);
    expect(final.history.filter((h: Vars) => String(h.to).startsWith('CLOSED'))).toHaveLength(1);
  });
});

describe('techsupport: SLA clocks from tenant policy and settings', () => {
  test("event-opened orders run from the fact's time: at risk past the settings' share, breached past due (the board lists them); the policy's workOrderDeadlineDays is the default", async () => {
    const tenant = uniqueTenant('sla');
    const admin = await tokenFor(tenant, ['ADMIN']);
    const coord = await tokenFor(tenant, ['TECHNICAL_COORDINATOR']);
    const customerId = await customer(admin, 'Reloj SRL');
    // The tenant shortens the policy deadline to 2 days (customers owns the policy; techsupport reads it).
    await ok(admin, `mutation($i: UpdateTenantPolicyInput!) { updateTenantPolicy(input: $i) { tenant { version } } }`, {
      i: { expectedVersion: 0, workOrderDeadlineDays: 2 },
    });
    await waitFor('the policy in techsupport', async () =>
      (await ok(coord, `{ techsupportSettings { defaultDeadlineDays } }`)).techsupportSettings.defaultDeadlineDays === 2 ? true : undefined,
    );
    await ok(admin, SETTINGS, { i: { expectedVersion: 0, slaHours: [{ type: 'INSTALLATION', hours: 100 }] } });
    const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
    const placed = (orderId: string, h: number) =>
      testEvent(
        'sales',
        'sales.SalesOrderPlaced',
        tenant,
        orderId,
        { orderId, customerId, planCode: 'FIBER-100', installationAddress: 'Av. Heroínas 9, Cochabamba' },
        { time: hoursAgo(h) },
      );
    await bus.publish(placed('so-fresh', 1)); // 1 h of 100: on time
    await bus.publish(placed('so-risk', 80)); // 80 h of 100: at risk (75 %)
    await bus.publish(placed('so-late', 101)); // past due
    // RELOCATION has no hours: the policy's 2 days, to the end of that local day.
    await bus.publish(
      testEvent(
        'postsale',
        'postsale.RelocationEntered',
        tenant,
        'req-old',
        { requestId: 'req-old', installedProductId: 'ip-s1', customerId, toAddress: 'Calle Tarija 4' },
        { time: hoursAgo(24 * 4) },
      ),
    );
    const list = await waitFor('four work orders', async () => {
      const l = await workOrders(coord, customerId);
      return l.length === 4 ? l : undefined;
    });
    const by = (pred: (w: any) => boolean) => list.find(pred);
    expect(by((w) => w.salesOrder?.id === 'so-fresh').sla).toMatchObject({ atRisk: false, breached: false });
    expect(by((w) => w.salesOrder?.id === 'so-risk').sla).toMatchObject({ atRisk: true, breached: false });
    const late = by((w) => w.salesOrder?.id === 'so-late');
    expect(late.sla).toMatchObject({ atRisk: false, breached: true });
    expect(new Date(late.sla.dueAt).getTime() - new Date(late.createdAt).getTime()).toBe(100 * 3_600_000);
    const reloc = by((w) => w.type === 'RELOCATION');
    expect(reloc.sla.breached).toBe(true);
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/La_Paz' }).format(new Date(reloc.createdAt));
    const due = new Date(`${day}T23:59:59.999-04:00`);
    due.setUTCDate(due.getUTCDate() + 2);
    expect(reloc.sla.dueAt).toBe(due.toISOString());
    // The board, most urgent first: breached by how long overdue; at risk by due time; not both at once.
    const breached = (await ok(coord, BOARD, { f: { breached: true } })).workOrders.edges.map((e: any) => e.node);
    expect(breached.map((w: Vars) => w.id)).toEqual([reloc.id, late.id]);
    expect(breached.every((w: any) => w.sla.breached)).toBe(true);
    const risky = (await ok(coord, BOARD, { f: { atRisk: true } })).workOrders.edges.map((e: any) => e.node);
    expect(risky.map((w: Vars) => w.id)).toEqual([by((w) => w.salesOrder?.id === 'so-risk').id]);
    expect(risky[0].sla).toMatchObject({ atRisk: true, breached: false });
    await refused(coord, BOARD, { f: { breached: true, atRisk: true } }, 'BAD_USER_INPUT');
  });
});

describe('techsupport.CoverageChanged feeds the shared coverage read model (what sales and postsale keep)', () => {
  test('node snapshots with increasing nodeVersion: the read model answers feasibility as techsupport does, reservations included', async () => {
    const tenant = uniqueTenant('cov');
    const coord = await tokenFor(tenant, ['TECHNICAL_COORDINATOR']);
    const clerk = await tokenFor(tenant, ['COMMERCIAL_CLERK']);
    const { mongoUri, kafkaBrokers, runId } = testStack();
    const conn = await mongoose.createConnection(mongoUri).asPromise();
    const db = conn.useDb(`t${runId}_coverage_${tenant}`);
    const coverage = coverageReadModel(db);
    const closedEvents: Vars[] = [];
    const kafka = new Kafka({ clientId: 'coverage-test', brokers: kafkaBrokers, logLevel: logLevel.NOTHING });
    const producer = kafka.producer();
    await producer.connect();
    const consumer = createEventConsumer({
      kafka,
      producer,
      connection: db,
      groupId: `coverage-${tenant}`,
      topics: [topicOf('techsupport')],
      dlqTopic: dlqTopicOf('coverage-test'),
      handlers: {
        'techsupport.CoverageChanged': async (e) => (e.tenantId === tenant ? coverage.handlers['techsupport.CoverageChanged']!(e) : undefined),
        'techsupport.WorkOrderClosed': async (e) => {
          if (e.tenantId === tenant) closedEvents.push(e.data as Vars);
        },
      },
      contracts: new EventContracts(),
      logger: createLogger('coverage-test', 'silent'),
    });
    await consumer.start();
    try {
      await ok(coord, IMPORT, { i: { format: 'CSV', content: `${HEADER}\nNAP-V1,NAP,FIBER,Centro,-17.3935,-66.157,500,2,1,300\n` } });
      const nap = await nodeByCode(coord, 'NAP-V1');
      const customerId = await customer(clerk, 'Cobertura SRL');
      await bus.publish(
        testEvent('sales', 'sales.SalesOrderPlaced', tenant, 'so-v1', {
          orderId: 'so-v1',
          customerId,
          planCode: 'FIBER-100',
          installationAddress: 'Av. Heroínas 1, Cochabamba',
          nodeId: nap.id,
        }),
      );
      // The reservation fills the node: version 2, no free port, in techsupport and in the read model alike.
      await waitFor('the read model at nodeVersion 2', async () => {
        const n = await coverage.model.findOne({ _id: nap.id, tenantId: tenant }).lean();
        return n?.nodeVersion === 2 ? n : undefined;
      });
      const q = { location: HERE, technology: 'FIBER' as const, speedMbps: 100 };
      expect(await coverage.assess(tenant, q)).toMatchObject({ feasible: false, reason: 'NO_FREE_PORTS' });
      expect((await ok(clerk, FEASIBILITY, { l: HERE, t: 'FIBER', s: 100 })).technicalFeasibility).toMatchObject({ feasible: false, reason: 'NO_FREE_PORTS' });
      // Closed unresolved: the port is released (version 3) and the location is feasible again everywhere.
      const [wo] = await workOrders(coord, customerId);
      const a = (await ok(coord, ASSIGN, { i: { workOrderId: wo.id, expectedVersion: wo.version, crew: 'USM-1' } })).assignWorkOrder.workOrder;
      await ok(coord, CLOSE, {
        i: { workOrderId: wo.id, expectedVersion: a.version, outcome: 'CLOSED_UNRESOLVED', resolutionNotes: 'Customer cancelled on site' },
      });
      await waitFor('the read model at nodeVersion 3', async () => {
        const n = await coverage.model.findOne({ _id: nap.id, tenantId: tenant }).lean();
        return n?.nodeVersion === 3 ? n : undefined;
      });
      expect(await coverage.assess(tenant, q)).toMatchObject({ feasible: true, nodeId: nap.id, freePorts: 1 });
      // techsupport.WorkOrderClosed names what the order served, for sales and postsale.
      const [closedEvent] = await waitFor('WorkOrderClosed on the topic', () => (closedEvents.length ? closedEvents : undefined));
      expect(closedEvent).toMatchObject({
        workOrderId: wo.id,
        customerId,
        type: 'INSTALLATION',
        outcome: 'CLOSED_UNRESOLVED',
        salesOrderId: 'so-v1',
        requestId: null,
        ticketId: null,
        resolutionNotes: 'Customer cancelled on site',
        equipmentUsed: [],
      });
    } finally {
      await consumer.stop();
      await producer.disconnect();
      await conn.close();
    }
  });
});
