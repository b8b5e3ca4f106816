/**
 * Issue 13, post-sale hand-offs through the gateway on the real engines, every event from its real
 * producer: a sold customer (the order-to-cash chain), then seed 002 C (R-PS-C2 relocation with a
 * technology change: the new product installed first, the old one withdrawn and its equipment
 * retrieved after), effective dates (R-PS-D2 judged on the day asked about, scheduled changes), 002 B
 * plan changes from the sales catalog, withdrawals of a service with no equipment, and missing
 * equipment marking EQUIPMENT_PENDING_RETURN (seed 001 step 14). The reconciliation report is empty
 * after each flow.
 */
import { refused, testStack, uniqueTenant, waitFor } from '@vinculo/common/testing';
import { execute, ok } from './support/untyped-answers';
import { actorsOf, sellToActivation, type Actors, type Sold } from './support/order-to-cash';
import { postsaleRequirementFiles } from './support/files';

const HERE = { latitude: -17.3935, longitude: -66.157 };
const SECTION = `discrepancies { invariant entityIds detail } faults { id type reason }`;
const SECTIONS = ['customers', 'sales', 'postsale', 'collections', 'techsupport', 'proposals'];
const REPORT = `{ reconciliation { ${SECTIONS.map((s) => `${s} { ${SECTION} }`).join(' ')} } }`;
const PRODUCT = `query($id: ID!) { installedProduct(id: $id) { id status planCode technology installationAddress monthlyFee { amount } suspension { startDate endDate }
  scheduledChanges { kind effectiveDate to } billedProduct { status } } }`;
const REQUEST_FIELDS = `id status resolution workOrderId workOrderOutcome charges { kind amount { amount } }
  planChange { planCode monthlyFee { amount } direction }
  relocation { technologyChange nodeId newPlanCode newMonthlyFee { amount } newInstalledProduct { id status planCode technology installationAddress monthlyFee { amount } } }
  withdrawal { equipment { code condition } }`;
const REQUEST = `query($id: ID!) { postSaleRequest(id: $id) { ${REQUEST_FIELDS} } }`;
const RECEIVE = `mutation($i: ReceivePostSaleRequestInput!) { receivePostSaleRequest(input: $i) { request { ${REQUEST_FIELDS} } } }`;
const ENTER = `mutation($i: EnterPostSaleRequestInput!) { enterPostSaleRequest(input: $i) { request { ${REQUEST_FIELDS} } } }`;
const QC = `mutation($i: RecordQualityControlCallInput!) { recordQualityControlCall(input: $i) { request { status } } }`;
const WO = `id type status version address requestId node { id } equipmentToRetrieve`;
const WORK_ORDERS = `query($id: ID!) { customer(id: $id) { workOrders(first: 20) { edges { node { ${WO} } } } } }`;
const NODE = `query($id: ID!) { networkNode(id: $id) { portsUsed portsReserved } }`;
const REGISTER_PRODUCT = `mutation($i: RegisterInstalledProductInput!) { registerInstalledProduct(input: $i) { installedProduct { id status } } }`;
const DEFINE_PLAN = `mutation($i: DefinePlanInput!) { definePlan(input: $i) { plan { code } } }`;

let seq = 5100000 + Math.floor(Math.random() * 100000);

beforeAll(() => {
  testStack();
});

async function soldCustomer(label: string): Promise<{ a: Actors; sold: Sold }> {
  const a = await actorsOf(uniqueTenant(label));
  return { a, sold: await sellToActivation(a) };
}

const localToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'America/La_Paz' }).format(new Date());
const plusDays = (d: string, n: number) => {
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
};

const receive = async (a: Actors, customerId: string, input: Record<string, unknown>) =>
  (await ok(a.clerk, RECEIVE, { i: { customerId, channel: 'EMAIL', requirementAttachments: await postsaleRequirementFiles(a.clerk, customerId), ...input } }))
    .receivePostSaleRequest.request;
const enter = async (a: Actors, requestId: string, extra: Record<string, unknown> = {}) =>
  (await ok(a.clerk, ENTER, { i: { requestId, ...extra } })).enterPostSaleRequest.request;
const product = async (a: Actors, id: string) => (await ok(a.admin, PRODUCT, { id })).installedProduct;
const request = async (a: Actors, id: string) => (await ok(a.clerk, REQUEST, { id })).postSaleRequest;
const untilRequest = (a: Actors, id: string, what: string, pred: (r: any) => boolean) =>
  waitFor(what, async () => {
    const r = await request(a, id);
    return pred(r) ? r : undefined;
  });

/** A received request, retried while a read model (catalog, standing) is still catching up. */
async function receiveWhenKnown(a: Actors, customerId: string, input: Record<string, unknown>) {
  return waitFor('post-sale read models to catch up', async () => {
    const res = await execute<any>(
      RECEIVE,
      { i: { customerId, channel: 'EMAIL', requirementAttachments: await postsaleRequirementFiles(a.clerk, customerId), ...input } },
      { token: a.clerk },
    );
    if (res.errors?.length) {
      const e = res.errors[0]!;
      if (e.extensions?.reason === 'STILL_ARRIVING' || /not in the catalog/.test(e.message)) return undefined;
      throw new Error(JSON.stringify(res.errors));
    }
    return res.data.receivePostSaleRequest.request;
  });
}

async function closeWorkOrder(a: Actors, wo: { id: string; version: number }, close: Record<string, unknown>) {
  let w = (
    await ok(a.coordinator, `mutation($i: AssignWorkOrderInput!) { assignWorkOrder(input: $i) { workOrder { ${WO} } } }`, {
      i: { workOrderId: wo.id, expectedVersion: wo.version, crew: 'CUADRILLA-2' },
    })
  ).assignWorkOrder.workOrder;
  w = (
    await ok(a.coordinator, `mutation($i: WorkOrderVersionInput!) { startWorkOrder(input: $i) { workOrder { ${WO} } } }`, {
      i: { workOrderId: w.id, expectedVersion: w.version },
    })
  ).startWorkOrder.workOrder;
  await ok(a.coordinator, `mutation($i: CloseWorkOrderInput!) { closeWorkOrder(input: $i) { workOrder { status } } }`, {
    i: { workOrderId: w.id, expectedVersion: w.version, outcome: 'CLOSED_RESOLVED', ...close },
  });
}

const workOrderOf = (a: Actors, customerId: string, requestId: string, type: string) =>
  waitFor(`the ${type} work order`, async () =>
    (await ok(a.coordinator, WORK_ORDERS, { id: customerId })).customer.workOrders.edges
      .map((e: any) => e.node)
      .find((w: any) => w.requestId === requestId && w.type === type),
  );

/** The reconciliation report, once every section is empty (events still in flight settle first). */
async function expectReconciled(a: Actors): Promise<void> {
  let last: unknown;
  await waitFor('an empty reconciliation report', async () => {
    const rep = (await ok(a.admin, REPORT)).reconciliation;
    last = SECTIONS.flatMap((s) => [...rep[s].discrepancies, ...rep[s].faults].map((d: unknown) => ({ section: s, ...(d as object) })));
    return (last as unknown[]).length === 0 ? true : undefined;
  }).catch((err) => {
    throw new Error(`${(err as Error).message}: ${JSON.stringify(last)}`);
  });
}

describe('issue 13: post-sale hand-offs', () => {
  test('002 C R-PS-C2 relocation with technology change: catalog plan, INSTALLATION at the new address with a port reserved, old product withdrawn only once the new one is installed, then retrieval', async () => {
    const { a, sold } = await soldCustomer('c2');
    // The customer's copper line at the old address (plan ADSL-10), billed on its account.
    const adsl = await waitFor('post-sale to know the customer', async () => {
      const res = await execute<any>(
        REGISTER_PRODUCT,
        {
          i: {
            customerId: sold.customerId,
            planCode: 'ADSL-10',
            family: 'INTERNET',
            serviceNumber: `44${++seq}`,
            installationAddress: 'Calle Jordán 210, Cochabamba',
            technology: 'COPPER',
            monthlyFee: '120.00',
          },
        },
        { token: a.clerk },
      );
      return res.errors?.length ? undefined : (res.data.registerInstalledProduct.installedProduct.id as string);
    });
    const to = { toAddress: 'Av. Blanco Galindo km 4.2, Cochabamba', latitude: HERE.latitude + 0.001, longitude: HERE.longitude, technology: 'FIBER' };

    // R-PS-C2: the new product needs its plan, and it must be a FIBER plan of the catalog.
    expect(
      (
        await refused(
          a.clerk,
          RECEIVE,
          {
            i: {
              customerId: sold.customerId,
              channel: 'EMAIL',
              requirementAttachments: await postsaleRequirementFiles(a.clerk, sold.customerId),
              type: 'RELOCATION',
              installedProductId: adsl,
              relocation: to,
            },
          },
          'BAD_USER_INPUT',
        )
      ).message,
    ).toMatch(/planCode/);
    await refused(
      a.clerk,
      RECEIVE,
      {
        i: {
          customerId: sold.customerId,
          channel: 'EMAIL',
          requirementAttachments: await postsaleRequirementFiles(a.clerk, sold.customerId),
          type: 'RELOCATION',
          installedProductId: adsl,
          relocation: { ...to, planCode: 'NO-SUCH-PLAN' },
        },
      },
      'BAD_USER_INPUT',
    );
    const req = await receiveWhenKnown(a, sold.customerId, {
      type: 'RELOCATION',
      installedProductId: adsl,
      relocation: { ...to, planCode: 'FIB-100', equipment: [{ code: 'MODEM-ADSL', value: '180.00' }] },
    });
    const entered = await enter(a, req.id);
    expect(entered).toMatchObject({
      status: 'IN_FIELD',
      relocation: { technologyChange: true, nodeId: sold.nodeId, newPlanCode: 'FIB-100', newMonthlyFee: { amount: '250.00' }, newInstalledProduct: null },
    });

    // techsupport: an INSTALLATION at the new address, a port reserved on the new node; no retrieval yet.
    const installation = await workOrderOf(a, sold.customerId, req.id, 'INSTALLATION');
    expect(installation).toMatchObject({ status: 'CREATED', node: { id: sold.nodeId }, address: expect.stringContaining('Blanco Galindo km 4.2') });
    expect((await ok(a.coordinator, NODE, { id: sold.nodeId })).networkNode).toMatchObject({ portsReserved: 1 });
    const before = (await ok(a.coordinator, WORK_ORDERS, { id: sold.customerId })).customer.workOrders.edges.map((e: any) => e.node);
    expect(before.filter((w: any) => w.requestId === req.id).map((w: any) => w.type)).toEqual(['INSTALLATION']);
    // The customer keeps the old service while the new one is not installed.
    expect(await product(a, adsl)).toMatchObject({ status: 'ACTIVE', planCode: 'ADSL-10' });

    await closeWorkOrder(a, installation, { resolutionNotes: 'ONT installed at the new address', equipmentUsed: [{ code: 'ONT-HG8245', quantity: 1 }] });
    const installed = await untilRequest(a, req.id, 'the new product installed', (r) => r.relocation.newInstalledProduct !== null);
    // The new product starts now on the catalog plan, billed; the old one is withdrawn now.
    expect(installed.relocation.newInstalledProduct).toMatchObject({
      status: 'ACTIVE',
      planCode: 'FIB-100',
      technology: 'FIBER',
      installationAddress: to.toAddress,
      monthlyFee: { amount: '250.00' },
    });
    expect(installed.status).toBe('IN_FIELD');
    const newId = installed.relocation.newInstalledProduct.id as string;
    await waitFor('collections to bill the new product and end the old one', async () => {
      const [n, o] = [await product(a, newId), await product(a, adsl)];
      return n.billedProduct?.status === 'ACTIVE' && o.status === 'WITHDRAWN' && o.billedProduct?.status === 'WITHDRAWN' ? true : undefined;
    });
    await waitFor('the port consumed', async () => ((await ok(a.coordinator, NODE, { id: sold.nodeId })).networkNode.portsReserved === 0 ? true : undefined));

    // Then the old equipment is retrieved at the old address.
    const retrieval = await workOrderOf(a, sold.customerId, req.id, 'EQUIPMENT_RETRIEVAL');
    expect(retrieval).toMatchObject({ address: 'Calle Jordán 210, Cochabamba', equipmentToRetrieve: ['MODEM-ADSL'] });
    await closeWorkOrder(a, retrieval, { resolutionNotes: 'Modem collected', equipmentReturned: [{ code: 'MODEM-ADSL', condition: 'OK' }] });
    await untilRequest(a, req.id, 'the relocation back from the field', (r) => r.status === 'QC_PENDING');
    expect((await ok(a.exec, QC, { i: { requestId: req.id, outcome: 'OK' } })).recordQualityControlCall.request.status).toBe('CLOSED');
    expect((await ok(a.admin, `query($id: ID!) { customer(id: $id) { status } }`, { id: sold.customerId })).customer.status).toBe('ACTIVE');
    await expectReconciled(a);
  });

  test('R-PS-D2 effective dates: a suspension shows from its start, a reconnection from its date; a later suspension is judged by R-PS-D2; 002 B plan change from the catalog', async () => {
    const { a, sold } = await soldCustomer('eff');
    const today = localToday();
    const p = sold.subscriptionId;

    // A suspension entered to start tomorrow: ACTIVE today, the suspension scheduled.
    const extra = await waitFor('post-sale to know the customer', async () => {
      const res = await execute<any>(
        REGISTER_PRODUCT,
        {
          i: {
            customerId: sold.customerId,
            planCode: 'FIB-100',
            family: 'INTERNET',
            serviceNumber: `45${++seq}`,
            installationAddress: 'Calle Sucre 15, Cochabamba',
            technology: 'FIBER',
            monthlyFee: '250.00',
          },
        },
        { token: a.clerk },
      );
      return res.errors?.length ? undefined : (res.data.registerInstalledProduct.installedProduct.id as string);
    });
    const later = await receiveWhenKnown(a, sold.customerId, {
      type: 'SUSPENSION',
      installedProductId: extra,
      suspension: { startDate: plusDays(today, 1), endDate: plusDays(today, 20) },
    });
    await enter(a, later.id);
    expect(await product(a, extra)).toMatchObject({
      status: 'ACTIVE',
      suspension: { startDate: plusDays(today, 1), endDate: plusDays(today, 20) },
      scheduledChanges: [{ kind: 'SUSPENDED', effectiveDate: plusDays(today, 1) }],
    });

    // A suspension from today, then a reconnection dated in 7 days: SUSPENDED until then.
    const now = await receiveWhenKnown(a, sold.customerId, {
      type: 'SUSPENSION',
      installedProductId: p,
      suspension: { startDate: today, endDate: plusDays(today, 30) },
    });
    await enter(a, now.id);
    expect((await product(a, p)).status).toBe('SUSPENDED');
    const rc = await receive(a, sold.customerId, { type: 'RECONNECTION', installedProductId: p, reconnection: { date: plusDays(today, 7) } });
    await enter(a, rc.id);
    expect(await product(a, p)).toMatchObject({
      status: 'SUSPENDED',
      suspension: { startDate: today, endDate: plusDays(today, 6) },
      scheduledChanges: [{ kind: 'RECONNECTED', effectiveDate: plusDays(today, 7) }],
    });
    // Another suspension this year: R-PS-D2 (one per product per calendar year), not "only an ACTIVE product".
    const d2 = await refused(
      a.clerk,
      RECEIVE,
      {
        i: {
          customerId: sold.customerId,
          channel: 'EMAIL',
          requirementAttachments: await postsaleRequirementFiles(a.clerk, sold.customerId),
          type: 'SUSPENSION',
          installedProductId: p,
          suspension: { startDate: today, endDate: plusDays(today, 1) },
        },
      },
      'FAILED_PRECONDITION',
    );
    expect(d2.extensions?.rule).toBe('R-PS-D2');
    for (const id of [later.id, now.id, rc.id]) await ok(a.exec, QC, { i: { requestId: id, outcome: 'OK' } });

    // 002 B: the plan comes from the catalog, with its fee; a typed fee must be the catalog's.
    await ok(a.director, DEFINE_PLAN, {
      i: {
        code: 'FIB-300',
        name: 'Fibra 300 Empresas',
        family: 'INTERNET',
        technology: 'FIBER',
        speedMbps: 300,
        monthlyFee: '400.00',
        installationCost: '0.00',
      },
    });
    await refused(
      a.clerk,
      RECEIVE,
      {
        i: {
          customerId: sold.customerId,
          channel: 'EMAIL',
          requirementAttachments: await postsaleRequirementFiles(a.clerk, sold.customerId),
          type: 'PLAN_CHANGE',
          installedProductId: extra,
          planChange: { planCode: 'TYPED-BY-HAND', monthlyFee: '1.00' },
        },
      },
      'BAD_USER_INPUT',
    );
    const feeRefused = await waitFor('the catalog read model', async () => {
      const res = await execute<any>(
        RECEIVE,
        {
          i: {
            customerId: sold.customerId,
            channel: 'EMAIL',
            requirementAttachments: await postsaleRequirementFiles(a.clerk, sold.customerId),
            type: 'PLAN_CHANGE',
            installedProductId: extra,
            planChange: { planCode: 'FIB-300', monthlyFee: '1.00' },
          },
        },
        { token: a.clerk },
      );
      return res.errors?.[0]?.message.includes('catalog') && !res.errors[0].message.includes('not in the catalog') ? res.errors[0] : undefined;
    });
    expect(feeRefused.extensions?.code).toBe('BAD_USER_INPUT');
    // Dated in 5 days: the plan in force stays until then, the change is scheduled.
    const pc = await receive(a, sold.customerId, {
      type: 'PLAN_CHANGE',
      installedProductId: extra,
      planChange: { planCode: 'FIB-300', effectiveDate: plusDays(today, 5) },
    });
    expect(pc.planChange).toEqual({ planCode: 'FIB-300', monthlyFee: { amount: '400.00' }, direction: 'DEARER' });
    await enter(a, pc.id);
    expect(await product(a, extra)).toMatchObject({
      planCode: 'FIB-100',
      monthlyFee: { amount: '250.00' },
      scheduledChanges: [
        { kind: 'SUSPENDED', effectiveDate: plusDays(today, 1) },
        { kind: 'PLAN_CHANGED', effectiveDate: plusDays(today, 5), to: 'FIB-300' },
      ],
    });
    await ok(a.exec, QC, { i: { requestId: pc.id, outcome: 'OK' } });
    await expectReconciled(a);
  });

  test('002 H dead ends: a withdrawal with no equipment withdraws at once (no retrieval work order); missing equipment marks EQUIPMENT_PENDING_RETURN (seed 001 step 14)', async () => {
    const { a, sold } = await soldCustomer('deadend');
    // A service with nothing installed at the customer's (waste collection).
    const waste = await waitFor('post-sale to know the customer', async () => {
      const res = await execute<any>(
        REGISTER_PRODUCT,
        {
          i: {
            customerId: sold.customerId,
            planCode: 'ASEO-RES',
            family: 'OTHER',
            serviceNumber: `46${++seq}`,
            installationAddress: 'Calle Tarija 88, Cochabamba',
            monthlyFee: '30.00',
          },
        },
        { token: a.clerk },
      );
      return res.errors?.length ? undefined : (res.data.registerInstalledProduct.installedProduct.id as string);
    });
    const w1 = await receive(a, sold.customerId, { type: 'WITHDRAWAL', installedProductId: waste, withdrawal: { reason: 'Moving the office', equipment: [] } });
    await ok(a.exec, `mutation($i: RecordRetentionOfferInput!) { recordRetentionOffer(input: $i) { request { status } } }`, {
      i: { requestId: w1.id, offer: 'One month free', accepted: false },
    });
    expect(await enter(a, w1.id)).toMatchObject({ status: 'QC_PENDING', workOrderId: null });
    expect((await product(a, waste)).status).toBe('WITHDRAWN');
    await ok(a.exec, QC, { i: { requestId: w1.id, outcome: 'OK' } });

    // The fibre product: its ONT never comes back.
    const w2 = await receive(a, sold.customerId, {
      type: 'WITHDRAWAL',
      installedProductId: sold.subscriptionId,
      withdrawal: { reason: 'Closing the warehouse', equipment: [{ code: 'ONT-HG8245', value: '350.00' }] },
    });
    await ok(a.exec, `mutation($i: RecordRetentionOfferInput!) { recordRetentionOffer(input: $i) { request { status } } }`, {
      i: { requestId: w2.id, offer: 'Half price', accepted: false },
    });
    expect((await enter(a, w2.id, { acceptEarlyTerminationPenalty: true })).status).toBe('IN_FIELD');
    const retrieval = await workOrderOf(a, sold.customerId, w2.id, 'EQUIPMENT_RETRIEVAL');
    await closeWorkOrder(a, retrieval, { resolutionNotes: 'Customer lost the ONT', equipmentReturned: [{ code: 'ONT-HG8245', condition: 'MISSING' }] });
    await untilRequest(a, w2.id, 'the withdrawal back from the field', (r) => r.status === 'QC_PENDING');
    const ELIG = `query($id: ID!) { customer(id: $id) { status eligibility { eligible reasons { kind } } } }`;
    const c = await waitFor('EQUIPMENT_PENDING_RETURN on the customer', async () => {
      const cu = (await ok(a.admin, ELIG, { id: sold.customerId })).customer;
      return cu.eligibility.reasons.some((r: any) => r.kind === 'EQUIPMENT_PENDING_RETURN') && cu.status === 'CHURNED' ? cu : undefined;
    });
    expect(c.eligibility.eligible).toBe(false);
    // The customer brings the ONT back to an office: the impediment clears.
    const RETURNED = `mutation($i: RecordEquipmentReturnedInput!) { recordEquipmentReturned(input: $i) { request { status withdrawal { equipment { code condition returnedOn } } } } }`;
    await refused(a.clerk, RETURNED, { i: { requestId: w2.id, codes: ['NOT-LISTED'] } }, 'BAD_USER_INPUT');
    const back = (await ok(a.clerk, RETURNED, { i: { requestId: w2.id, codes: ['ONT-HG8245'] } })).recordEquipmentReturned.request;
    expect(back).toMatchObject({ status: 'QC_PENDING', withdrawal: { equipment: [{ code: 'ONT-HG8245', condition: 'MISSING', returnedOn: localToday() }] } });
    await waitFor('EQUIPMENT_PENDING_RETURN cleared', async () =>
      (await ok(a.admin, ELIG, { id: sold.customerId })).customer.eligibility.eligible ? true : undefined,
    );
    // Only the retrieval of the product with equipment was ever opened.
    const wos = (await ok(a.coordinator, WORK_ORDERS, { id: sold.customerId })).customer.workOrders.edges.map((e: any) => e.node);
    expect(wos.filter((w: any) => w.type === 'EQUIPMENT_RETRIEVAL').map((w: any) => w.requestId)).toEqual([w2.id]);
    await ok(a.exec, QC, { i: { requestId: w2.id, outcome: 'OK' } });
    await expectReconciled(a);
  });
});
