/**
 * The order-to-cash chain across subgraphs, with every event produced by the real service that owns it
 * (no event is published here): techsupport's network import feeds sales' coverage read model
 * (CoverageChanged) → a new capture is sold and its order placed (SalesOrderPlaced) → techsupport opens
 * the INSTALLATION work order and reserves the port → field operations close it (WorkOrderClosed) →
 * sales INSTALLED → the executive's quality-control call → SalesOrderActivated → postsale creates the
 * subscriptions, collections opens the billing account and mirrors them, customers makes the prospect
 * ACTIVE; the port is consumed. `withdraw` then runs a withdrawal in postsale (WithdrawalEntered):
 * techsupport opens the EQUIPMENT_RETRIEVAL work order, and its closure (WorkOrderClosed) lets postsale
 * finish it. Each step asserts what it needs before going on. Shared by the e2e tests that need a real
 * cross-subgraph history (flow-order-to-cash, reconciliation).
 */
import { tokenFor, waitFor } from '@vinculo/common/testing';
import { execute, ok } from './untyped-answers';
import { AcceptCommercialOfferDocument, EnterSalesOrderDocument, ReceivePostSaleRequestDocument } from '@vinculo/client';
import { okOnceFilesKnown, uploadRequirements } from './files';

type Vars = Record<string, unknown>;
const HERE = { latitude: -17.3935, longitude: -66.157 };
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

const REGISTER = `mutation($i: RegisterCustomerInput!) { registerCustomer(input: $i) { customer { id } } }`;
const IMPORT = `mutation($i: ImportNetworkNodesInput!) { importNetworkNodes(input: $i) { imported errors { row message } } }`;
const NODE = `query($id: ID!) { networkNode(id: $id) { portsUsed portsReserved nodeVersion } }`;
const DEFINE_PLAN = `mutation($i: DefinePlanInput!) { definePlan(input: $i) { plan { code } } }`;
const PROJECT = `id status version feasibility { feasible nodeId } salesOrder { id }`;
const pm = (name: string, input: string) => `mutation($i: ${input}!) { ${name}(input: $i) { saleProject { ${PROJECT} } } }`;
const ORDER = `id status version installationWorkOrder { id type status version node { id } } subscriptions { edges { node { id planCode family status monthlyFee { amount currency } billedProduct { status billingAccount { id } } } } }`;
const GET_ORDER = `query($id: ID!) { salesOrder(id: $id) { ${ORDER} } }`;
const WO = `id type status version`;

async function until<T>(what: string, token: string, query: string, vars: Vars, pick: (d: any) => T | undefined): Promise<T> {
  return waitFor(what, async () => pick(await ok(token, query, vars)));
}

/** The staff of a tenant the flow needs, one token each. */
export interface Actors {
  tenant: string;
  exec: string;
  lead: string;
  clerk: string;
  director: string;
  coordinator: string;
  admin: string;
}

export async function actorsOf(tenant: string): Promise<Actors> {
  const [exec, lead, clerk, director, coordinator, admin] = await Promise.all([
    tokenFor(tenant, ['ACCOUNT_EXECUTIVE'], { sub: 'exec-1' }),
    tokenFor(tenant, ['SALES_TEAM_LEAD'], { sub: 'lead-1' }),
    tokenFor(tenant, ['COMMERCIAL_CLERK'], { sub: 'clerk-1' }),
    tokenFor(tenant, ['COMMERCIAL_DIRECTOR'], { sub: 'director-1' }),
    tokenFor(tenant, ['TECHNICAL_COORDINATOR'], { sub: 'coord-1' }),
    tokenFor(tenant, ['ADMIN'], { sub: 'admin-1' }),
  ]);
  return { tenant, exec, lead, clerk, director, coordinator, admin };
}

/** What the sale left behind, for the steps and checks that follow. */
export interface Sold {
  customerId: string;
  orderId: string;
  nodeId: string;
  installationWorkOrderId: string;
  /** The order's one subscription (installed product). */
  subscriptionId: string;
  billingAccountId: string;
}

/** Network import → sale → installation work order → activation → subscription + billing account, the customer ACTIVE, the port consumed. */
export async function sellToActivation(a: Actors): Promise<Sold> {
  const { exec, lead, clerk, director, coordinator, admin } = a;

  // techsupport owns the network: one fibre NAP covering HERE.
  const csv = `code,kind,technology,district,latitude,longitude,coverageRadiusM,portsTotal,portsUsed,maxSpeedMbps\nNAP-O2C-1,NAP,FIBER,Centro,${HERE.latitude},${HERE.longitude},500,8,2,300`;
  const imported = (await ok(coordinator, IMPORT, { i: { format: 'CSV', content: csv } })).importNetworkNodes;
  expect(imported).toEqual({ imported: 1, errors: [] });
  const nodeId = (await ok(coordinator, `{ networkNodes(first: 5) { edges { node { id code } } } }`)).networkNodes.edges[0].node.id as string;

  await ok(director, DEFINE_PLAN, {
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
  const customerId = (await ok(clerk, REGISTER, { i: { kind: 'BUSINESS', name: 'Distribuidora Illimani SRL', taxId: '7700112233' } })).registerCustomer.customer
    .id as string;

  // Sales: draft (once sales knows the customer) → Vo.Bo. → feasibility (once CoverageChanged arrived) → offer → accepted.
  const draftInput = {
    customerId,
    kind: 'NEW_CAPTURE',
    needs: 'Internet for the warehouse',
    items: [{ planCode: 'FIB-100' }],
    installationAddress: 'Av. Blanco Galindo km 4',
    location: HERE,
  };
  let p = await waitFor('sales to know the customer', async () => {
    const r = await execute<any>(pm('draftSaleProject', 'DraftSaleProjectInput'), { i: draftInput }, { token: exec });
    if (r.errors?.[0]?.extensions?.code === 'NOT_FOUND') return undefined;
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return r.data!.draftSaleProject.saleProject;
  });
  p = (await ok(lead, pm('approveSaleProject', 'ProjectActInput'), { i: { projectId: p.id, expectedVersion: p.version } })).approveSaleProject.saleProject;
  p = await waitFor('sales to learn the coverage', async () => {
    const r = (await ok(clerk, pm('checkSaleProjectFeasibility', 'ProjectActInput'), { i: { projectId: p.id, expectedVersion: p.version } }))
      .checkSaleProjectFeasibility.saleProject;
    p = r;
    return r.status === 'FEASIBLE' ? r : undefined;
  });
  expect(p.feasibility).toEqual({ feasible: true, nodeId });
  p = (
    await ok(exec, pm('makeCommercialOffer', 'MakeCommercialOfferInput'), {
      i: { projectId: p.id, expectedVersion: p.version, validUntil: inDays(15), channel: 'EMAIL' },
    })
  ).makeCommercialOffer.saleProject;
  // R-SAL-2: each requirement counts only with its file, uploaded first (customers.AttachmentStored reaches sales).
  const docs = await uploadRequirements(clerk, customerId, ['REQUEST_LETTER', 'TAX_ID', 'LEGAL_REPRESENTATIVE_ID', 'POWER_OF_ATTORNEY']);
  const accepted = (
    await okOnceFilesKnown(exec, AcceptCommercialOfferDocument, { input: { projectId: p.id, expectedVersion: p.version, backingAttachments: docs } })
  ).acceptCommercialOffer.saleProject;

  // A6: the clerk enters the order; the entry check passes → PLACED (sales.SalesOrderPlaced).
  const lines = [{ planCode: 'FIB-100', monthlyFee: '250.00', installationCost: '100.00' }];
  let order: { id: string; version: number; status?: string } = (
    await okOnceFilesKnown(clerk, EnterSalesOrderDocument, {
      input: { projectId: accepted.id, expectedVersion: accepted.version, lines, requirementAttachments: docs },
    })
  ).enterSalesOrder.salesOrder;
  order = (
    await ok(clerk, `mutation($i: OrderActInput!) { checkSalesOrderEntry(input: $i) { salesOrder { id version status } } }`, {
      i: { orderId: order.id, expectedVersion: order.version },
    })
  ).checkSalesOrderEntry.salesOrder;
  expect(order.status).toBe('PLACED');

  // techsupport: the INSTALLATION work order, with the port reserved on the serving node.
  const wo0 = await until('the installation work order', clerk, GET_ORDER, { id: order.id }, (d) => d.salesOrder.installationWorkOrder ?? undefined);
  expect(wo0).toMatchObject({ type: 'INSTALLATION', status: 'CREATED', node: { id: nodeId } });
  expect((await ok(coordinator, NODE, { id: nodeId })).networkNode).toMatchObject({ portsUsed: 3, portsReserved: 1 });
  let wo = (
    await ok(coordinator, `mutation($i: AssignWorkOrderInput!) { assignWorkOrder(input: $i) { workOrder { ${WO} } } }`, {
      i: { workOrderId: wo0.id, expectedVersion: wo0.version, crew: 'CUADRILLA-3' },
    })
  ).assignWorkOrder.workOrder;
  wo = (
    await ok(coordinator, `mutation($i: WorkOrderVersionInput!) { startWorkOrder(input: $i) { workOrder { ${WO} } } }`, {
      i: { workOrderId: wo.id, expectedVersion: wo.version },
    })
  ).startWorkOrder.workOrder;
  wo = (
    await ok(coordinator, `mutation($i: CloseWorkOrderInput!) { closeWorkOrder(input: $i) { workOrder { ${WO} } } }`, {
      i: {
        workOrderId: wo.id,
        expectedVersion: wo.version,
        outcome: 'CLOSED_RESOLVED',
        resolutionNotes: 'ONT installed, 100 Mbps measured',
        equipmentUsed: [{ code: 'ONT-HG8245', quantity: 1 }],
      },
    })
  ).closeWorkOrder.workOrder;
  expect(wo.status).toBe('CLOSED_RESOLVED');

  // sales: WorkOrderClosed → INSTALLED; the executive's QC call → COMPLETED (sales.SalesOrderActivated).
  order = await until('the order INSTALLED', exec, GET_ORDER, { id: order.id }, (d) => (d.salesOrder.status === 'INSTALLED' ? d.salesOrder : undefined));
  await ok(exec, `mutation($i: RecordSalesQualityCallInput!) { recordSalesQualityCall(input: $i) { salesOrder { status } } }`, {
    i: { orderId: order.id, expectedVersion: order.version, outcome: 'OK', note: 'Working' },
  });

  // postsale: one subscription per item; collections: the account opened and the product mirrored.
  const sub = await until('the subscription billed by collections', admin, GET_ORDER, { id: order.id }, (d) => {
    const s = d.salesOrder.subscriptions.edges[0]?.node;
    return s?.billedProduct?.billingAccount && s.billedProduct.status === 'ACTIVE' ? s : undefined;
  });
  expect(sub).toMatchObject({
    planCode: 'FIB-100',
    family: 'INTERNET',
    status: 'ACTIVE',
    monthlyFee: { amount: '250.00', currency: 'BOB' },
    billedProduct: { status: 'ACTIVE' },
  });
  // One billing account for the order, the one the product bills to.
  const accounts = (await ok(admin, `query($id: ID!) { customer(id: $id) { billingAccounts { edges { node { id } } } } }`, { id: customerId })).customer
    .billingAccounts.edges;
  expect(accounts.map((e: any) => e.node.id)).toEqual([sub.billedProduct.billingAccount.id]);
  // customers: the prospect became ACTIVE; techsupport: the reserved port is now in service.
  await until('the customer ACTIVE', admin, `query($id: ID!) { customer(id: $id) { status } }`, { id: customerId }, (d) =>
    d.customer.status === 'ACTIVE' ? true : undefined,
  );
  await until('the port consumed', coordinator, NODE, { id: nodeId }, (d) =>
    d.networkNode.portsReserved === 0 && d.networkNode.portsUsed === 3 ? true : undefined,
  );
  return {
    customerId,
    orderId: order.id,
    nodeId,
    installationWorkOrderId: wo0.id,
    subscriptionId: sub.id,
    billingAccountId: sub.billedProduct.billingAccount.id,
  };
}

export interface WithdrawalActors {
  admin: string;
  clerk: string;
  exec: string;
  coordinator: string;
  customerId: string;
  installedProductId: string;
}

const REQUEST = `id status resolution workOrderId workOrderOutcome charges { kind amount { amount } } withdrawal { penalty { amount } equipment { code condition receivable { amount } } }`;
const GET_REQUEST = `query($id: ID!) { postSaleRequest(id: $id) { ${REQUEST} } }`;

/**
 * H withdrawal of the only product: retention refused (R-PS-H1), penalty accepted (R-PS-H2: 12 months of
 * permanence unmet) → postsale.WithdrawalEntered → techsupport's EQUIPMENT_RETRIEVAL work order, closed
 * with the ONT damaged → postsale.RECEIVABLE charge (R-PS-H4), product WITHDRAWN, collections' mirror
 * WITHDRAWN, and customers makes the customer CHURNED (no product left).
 */
export async function withdraw(a: WithdrawalActors): Promise<void> {
  // Each requirement brought with the request counts only with its uploaded file.
  const files = await uploadRequirements(a.clerk, a.customerId, ['REQUEST_LETTER', 'ID_DOCUMENT', 'TAX_ID', 'POWER_OF_ATTORNEY'] as const);
  const received = (
    await okOnceFilesKnown(a.clerk, ReceivePostSaleRequestDocument, {
      input: {
        type: 'WITHDRAWAL',
        customerId: a.customerId,
        installedProductId: a.installedProductId,
        channel: 'LETTER',
        requirementAttachments: files.map((f) => ({ requirement: f.document, attachmentId: f.attachmentId })),
        withdrawal: { reason: 'Closing the warehouse', equipment: [{ code: 'ONT-HG8245', description: 'Fibre ONT', value: '350.00' }] },
      },
    })
  ).receivePostSaleRequest.request;
  expect(received.status).toBe('RECEIVED');
  await ok(a.exec, `mutation($i: RecordRetentionOfferInput!) { recordRetentionOffer(input: $i) { request { status } } }`, {
    i: { requestId: received.id, offer: 'Three months at half price', accepted: false },
  });
  const entered = (
    await ok(a.clerk, `mutation($i: EnterPostSaleRequestInput!) { enterPostSaleRequest(input: $i) { request { ${REQUEST} } } }`, {
      i: { requestId: received.id, acceptEarlyTerminationPenalty: true },
    })
  ).enterPostSaleRequest.request;
  expect(entered).toMatchObject({ status: 'IN_FIELD', withdrawal: { penalty: { amount: '3000.00' } } });

  // techsupport opened the EQUIPMENT_RETRIEVAL work order from postsale.WithdrawalEntered.
  const retrieval = await until(
    'the retrieval work order',
    a.coordinator,
    `query($id: ID!) { customer(id: $id) { workOrders(first: 10) { edges { node { ${WO} } } } } }`,
    { id: a.customerId },
    (d) => d.customer.workOrders.edges.map((e: any) => e.node).find((w: any) => w.type === 'EQUIPMENT_RETRIEVAL'),
  );
  let wo = (
    await ok(a.coordinator, `mutation($i: AssignWorkOrderInput!) { assignWorkOrder(input: $i) { workOrder { ${WO} } } }`, {
      i: { workOrderId: retrieval.id, expectedVersion: retrieval.version, crew: 'CUADRILLA-1' },
    })
  ).assignWorkOrder.workOrder;
  wo = (
    await ok(a.coordinator, `mutation($i: WorkOrderVersionInput!) { startWorkOrder(input: $i) { workOrder { ${WO} } } }`, {
      i: { workOrderId: wo.id, expectedVersion: wo.version },
    })
  ).startWorkOrder.workOrder;
  await ok(a.coordinator, `mutation($i: CloseWorkOrderInput!) { closeWorkOrder(input: $i) { workOrder { status } } }`, {
    i: {
      workOrderId: wo.id,
      expectedVersion: wo.version,
      outcome: 'CLOSED_RESOLVED',
      resolutionNotes: 'ONT collected, casing broken',
      equipmentReturned: [{ code: 'ONT-HG8245', condition: 'DAMAGED' }],
    },
  });
  const done = await until('the withdrawal back from the field', a.clerk, GET_REQUEST, { id: received.id }, (d) =>
    d.postSaleRequest.status === 'QC_PENDING' ? d.postSaleRequest : undefined,
  );
  expect(done).toMatchObject({
    workOrderId: retrieval.id,
    workOrderOutcome: 'CLOSED_RESOLVED',
    withdrawal: { equipment: [{ code: 'ONT-HG8245', condition: 'DAMAGED', receivable: { amount: '350.00' } }] },
  });
  expect(done.charges.map((c: any) => [c.kind, c.amount.amount])).toEqual([
    ['PENALTY', '3000.00'],
    ['RECEIVABLE', '350.00'],
  ]);

  // Billing and the customer follow from postsale's events.
  await until(
    'collections to mirror the withdrawal',
    a.admin,
    `query($id: ID!) { installedProduct(id: $id) { status billedProduct { status } } }`,
    { id: a.installedProductId },
    (d) => (d.installedProduct.status === 'WITHDRAWN' && d.installedProduct.billedProduct?.status === 'WITHDRAWN' ? true : undefined),
  );
  await until('the customer CHURNED', a.admin, `query($id: ID!) { customer(id: $id) { status } }`, { id: a.customerId }, (d) =>
    d.customer.status === 'CHURNED' ? true : undefined,
  );
}
