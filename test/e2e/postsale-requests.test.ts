/**
 * Post-sale end to end, through the gateway on real Kafka + Mongo-wire: subscriptions created from
 * sales.SalesOrderActivated (mirrored by collections from postsale.SubscriptionChanged), every request
 * type's flow (requirements → entry with fee → work order round trip → QC call → closed), the rules
 * R-PS-C1, D1–D3, H1–H4, G1 on the resolver path, concurrent requests on one product, the automatic
 * reactivation driven by its ADMIN mutation, PQR deadlines, work queues, the R-PS-KPI indicators, and
 * the states a crash leaves behind. techsupport's real consumers open the work orders; work-order
 * closings, account standing and coverage are published here with the test kit so that each test
 * decides them.
 */
import { stackBus, expectNoGraphQLErrors, refused, testEvent, testStack, tokenFor, uniqueTenant, waitFor } from '@vinculo/common/testing';
import { execute, ok } from './support/untyped-answers';
import { postsaleRequirementFiles, uploadRequirement } from './support/files';
import { idFromEvent, topicOf, type EventEnvelope } from '@vinculo/common';
import { Kafka, logLevel } from 'kafkajs';
import mongoose from 'mongoose';

const bus = stackBus();

let seq = 8100000 + Math.floor(Math.random() * 100000);
const REGISTER = `mutation($i: RegisterCustomerInput!) { registerCustomer(input: $i) { customer { id } } }`;
const PRODUCT_FIELDS = `id status planCode family technology serviceNumber installationAddress monthlyFee { amount currency } installationDate minimumPermanenceEnd
  supplementaryServices suspension { startDate endDate } pendingRequest { id } salesOrder { id } history { from to } changes { kind from to effectiveDate request { id } }`;
const PRODUCT = `query($id: ID!) { installedProduct(id: $id) { ${PRODUCT_FIELDS} } }`;
const REQUEST_FIELDS = `id type status resolution effective missingRequirements receivedOn team assigneeId qcExecutiveId fee { amount currency }
  charges { chargeId kind amount { amount currency } description } workOrderId workOrderOutcome qcOutcome
  planChange { fromPlanCode planCode direction effectiveDate monthlyFee { amount } }
  relocation { toAddress technology technologyChange nodeId infeasibility newInstalledProduct { id status technology installationAddress } }
  suspension { startDate endDate } reconnection { date restoration withinHours }
  callDetail { months chargeableMonths price { amount } }
  withdrawal { reason retention { offer accepted } penalty { amount } penaltyAccepted effectiveDate
    finalBilling { billing wholePart { amount } days daysInMonth amount { amount } } equipment { code condition value { amount } receivable { amount } } }
  pqr { kind subject answer answeredOn sla { deadline businessDaysLeft breached } }
  history { from to note }`;
const REQUEST = `query($id: ID!) { postSaleRequest(id: $id) { ${REQUEST_FIELDS} } }`;
const RECEIVE = `mutation($i: ReceivePostSaleRequestInput!) { receivePostSaleRequest(input: $i) { request { ${REQUEST_FIELDS} } } }`;
const PROVIDE = `mutation($i: ProvideRequirementsInput!) { provideRequirements(input: $i) { request { id status missingRequirements } } }`;
const CLOSE_INCOMPLETE = `mutation($i: CloseIncompleteRequestInput!) { closeIncompleteRequest(input: $i) { request { id status resolution effective } } }`;
const ENTER = `mutation($i: EnterPostSaleRequestInput!) { enterPostSaleRequest(input: $i) { request { ${REQUEST_FIELDS} } } }`;
const QC = `mutation($i: RecordQualityControlCallInput!) { recordQualityControlCall(input: $i) { request { id status resolution effective qcOutcome } } }`;
const RETENTION = `mutation($i: RecordRetentionOfferInput!) { recordRetentionOffer(input: $i) { request { id status resolution withdrawal { retention { accepted } } } } }`;
const ANSWER = `mutation($i: AnswerPqrInput!) { answerPqr(input: $i) { request { ${REQUEST_FIELDS} } } }`;
const REACTIVATE = `mutation { reactivateExpiredSuspensions { reactivated { id status } } }`;
const ADVANCE_CLOCK = `mutation($i: AdvanceBusinessClockInput!) { advanceBusinessClock(input: $i) { businessClock { now } } }`;
const QUEUE = `query($f: PostSaleRequestFilter, $first: Int, $after: String) { postSaleRequests(filter: $f, first: $first, after: $after) { edges { node { id type status } } pageInfo { hasNextPage endCursor } } }`;
const SETTLEMENT = `query($id: ID!) { postSaleRequest(id: $id) { id status charges { chargeId kind amount { amount } settlement }
  withdrawal { equipmentSettlement equipment { code condition receivable { amount } note } } history { note } } }`;
const NOTES = `mutation($i: RecordWithdrawalEquipmentNotesInput!) { recordWithdrawalEquipmentNotes(input: $i) { request { id status withdrawal { equipment { code condition note } } } } }`;
const REGISTER_PRODUCT = `mutation($i: RegisterInstalledProductInput!) { registerInstalledProduct(input: $i) { installedProduct { id status monthlyFee { amount } minimumPermanenceEnd } } }`;

interface Actors {
  tenant: string;
  clerk: string;
  exec: string;
  admin: string;
  lead: string;
  customerId: string;
  /** The customer's files for every requirement (REQUEST_LETTER, ID_DOCUMENT, TAX_ID, POWER_OF_ATTORNEY), known to post-sale. */
  docs: { requirement: 'REQUEST_LETTER' | 'ID_DOCUMENT' | 'TAX_ID' | 'POWER_OF_ATTORNEY'; attachmentId: string }[];
}

async function actors(label: string): Promise<Actors> {
  const tenant = uniqueTenant(label);
  const clerk = await tokenFor(tenant, ['COMMERCIAL_CLERK'], { sub: 'clerk-1' });
  const exec = await tokenFor(tenant, ['ACCOUNT_EXECUTIVE'], { sub: 'exec-1' });
  const admin = await tokenFor(tenant, ['ADMIN'], { sub: 'admin-1' });
  const lead = await tokenFor(tenant, ['SALES_TEAM_LEAD'], { sub: 'lead-1' });
  const customerId = (await ok(admin, REGISTER, { i: { kind: 'BUSINESS', name: `Postventa ${label} SRL`, taxId: String(++seq) } })).registerCustomer.customer
    .id as string;
  // Every requirement a request may need, as the customer's files post-sale knows.
  const docs = await postsaleRequirementFiles(clerk, customerId);
  return { tenant, clerk, exec, admin, lead, customerId, docs };
}

/**
 * A product registered by hand once post-sale's directory knows the customer — and so its account
 * standing (R-PS-D1): post-sale stores the standing of a registered customer before its directory entry.
 */
async function product(a: Actors, over: Record<string, unknown> = {}): Promise<string> {
  const input = {
    customerId: a.customerId,
    planCode: 'INET-50',
    family: 'INTERNET',
    serviceNumber: `77${++seq}`,
    installationAddress: 'Calle Colombia 120, Cochabamba',
    technology: 'COPPER',
    monthlyFee: '150.00',
    ...over,
  };
  return waitFor('post-sale to know the customer', async () => {
    const res = await execute<any>(REGISTER_PRODUCT, { i: input }, { token: a.clerk });
    return res.errors?.length ? undefined : (res.data.registerInstalledProduct.installedProduct.id as string);
  });
}

const receive = async (a: Actors, input: Record<string, unknown>) =>
  (await ok(a.clerk, RECEIVE, { i: { customerId: a.customerId, channel: 'EMAIL', requirementAttachments: a.docs, ...input } })).receivePostSaleRequest.request;
const enter = async (a: Actors, requestId: string, extra: Record<string, unknown> = {}) =>
  (await ok(a.clerk, ENTER, { i: { requestId, ...extra } })).enterPostSaleRequest.request;
const getProduct = async (a: Actors, id: string) => (await ok(a.clerk, PRODUCT, { id })).installedProduct;
const getRequest = async (a: Actors, id: string) => (await ok(a.clerk, REQUEST, { id })).postSaleRequest;
const localToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'America/La_Paz' }).format(new Date());
const plusDays = (d: string, n: number) => {
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
};
/** Plans of the sales catalog, as sales publishes them (sales.PlanChanged), for post-sale's catalog read model. */
async function catalogPlans(a: Actors, plans: { code: string; fee: number; technology?: string; family?: string }[]): Promise<void> {
  for (const p of plans) {
    await bus.publish(
      testEvent('sales', 'sales.PlanChanged', a.tenant, p.code, {
        code: p.code,
        name: `Plan ${p.code}`,
        family: p.family ?? 'INTERNET',
        technology: p.technology ?? 'COPPER',
        speedMbps: null,
        monthlyFeeMinor: p.fee,
        minimumPermanenceMonths: 0,
        currency: 'BOB',
        active: true,
        planVersion: 0,
      }),
    );
  }
}

/** Wait until post-sale's catalog knows a plan: a plan change with a wrong fee is then refused for the fee, not the code (nothing is written). */
async function catalogKnows(a: Actors, productId: string, code: string): Promise<void> {
  await waitFor(`the catalog read model to know ${code}`, async () => {
    const res = await execute<any>(
      RECEIVE,
      {
        i: {
          type: 'PLAN_CHANGE',
          customerId: a.customerId,
          installedProductId: productId,
          channel: 'EMAIL',
          planChange: { planCode: code, monthlyFee: '0.01' },
        },
      },
      { token: a.clerk },
    );
    return res.errors?.[0]?.message.includes('is the catalog') ? true : undefined;
  });
}

const workOrderClosed = (tenant: string, data: Record<string, unknown>) =>
  testEvent('techsupport', 'techsupport.WorkOrderClosed', tenant, data.workOrderId as string, {
    closedAt: new Date().toISOString(),
    outcome: 'CLOSED_RESOLVED',
    ...data,
  });

describe('postsale: subscriptions from activated sales orders', () => {
  test('one subscription per item (ids from order + item), one of planCode without items; redelivery creates nothing; collections mirrors SubscriptionChanged', async () => {
    const a = await actors('sub');
    const orderId = `so-${a.customerId}`;
    const activated = testEvent('sales', 'sales.SalesOrderActivated', a.tenant, orderId, {
      orderId,
      customerId: a.customerId,
      planCode: 'DUO-FIB',
      activatedAt: '2026-01-10T03:30:00.000Z',
      installationAddress: 'Av. Heroínas 500, Cochabamba',
      technology: 'FIBER',
      currency: 'BOB',
      items: [
        {
          itemId: 'i1',
          planCode: 'FIJA-BASICA',
          family: 'FIXED_LINE',
          monthlyFeeMinor: 8000,
          serviceNumber: `44-${++seq}`,
          supplementaryServices: ['CALLER_ID'],
          minimumPermanenceMonths: 12,
        },
        { itemId: 'i2', planCode: 'INET-100', family: 'internet', speedMbps: 100, monthlyFeeMinor: 25000 },
      ],
    });
    await bus.publish(activated);
    await bus.publish(activated);
    const bare = `so2-${a.customerId}`;
    await bus.publish(
      testEvent('sales', 'sales.SalesOrderActivated', a.tenant, bare, {
        orderId: bare,
        customerId: a.customerId,
        planCode: 'TV-HOGAR',
        activatedAt: '2026-02-01T15:00:00.000Z',
      }),
    );

    const SUBS = `query($id: ID!) { customer(id: $id) { subscriptions(first: 10) { edges { node { id planCode family status salesOrder { id } } } } } }`;
    const subs = await waitFor('three subscriptions', async () => {
      const edges = (await ok(a.clerk, SUBS, { id: a.customerId })).customer.subscriptions.edges;
      return edges.length === 3 ? edges.map((e: { node: unknown }) => e.node) : undefined;
    });
    const i1 = idFromEvent('inp', `${a.tenant}:${orderId}:i1`);
    const i2 = idFromEvent('inp', `${a.tenant}:${orderId}:i2`);
    expect(subs.map((s: { id: string }) => s.id).sort()).toEqual([i1, i2, idFromEvent('inp', `${a.tenant}:${bare}:main`)].sort());
    const line = await getProduct(a, i1);
    // Activated at 23:30 local on 9 January (03:30 UTC on the 10th): installed on the local day.
    expect(line).toMatchObject({
      status: 'ACTIVE',
      family: 'FIXED_LINE',
      technology: 'FIBER',
      monthlyFee: { amount: '80.00', currency: 'BOB' },
      installationDate: '2026-01-09',
      minimumPermanenceEnd: '2027-01-09',
      supplementaryServices: ['CALLER_ID'],
      salesOrder: { id: orderId },
      changes: [{ kind: 'ACTIVATED', effectiveDate: '2026-01-09' }],
    });
    expect((await getProduct(a, i2)).family).toBe('INTERNET');
    const BY_ORDER = `query($id: ID!) { _entities(representations: [{ __typename: "SalesOrder", id: $id }]) { ... on SalesOrder { subscriptions(first: 5) { edges { node { id } } } } } }`;
    const res = await execute<any>(BY_ORDER, { id: orderId }, { token: a.clerk, url: testStack().urls.postsale });
    expect(res.data?._entities[0].subscriptions.edges.map((e: { node: { id: string } }) => e.node.id).sort()).toEqual([i1, i2].sort());

    // collections mirrors the subscriptions from postsale.SubscriptionChanged ACTIVATED.
    const accountId = idFromEvent('bac', `${a.tenant}:order:${orderId}`);
    const ACCOUNT = `query($id: ID!) { billingAccount(id: $id) { products { installedProductId status changeCount } } }`;
    type Billed = { installedProductId: string; status: string; changeCount: number };
    const mirrored = await waitFor("collections to mirror the order's subscriptions", async () => {
      const p: Billed[] = (await ok(a.clerk, ACCOUNT, { id: accountId })).billingAccount?.products ?? [];
      const ours = p.filter((x) => x.installedProductId === i1 || x.installedProductId === i2);
      return ours.length === 2 && ours.every((x) => x.changeCount === 1) ? ours : undefined;
    });
    expect(mirrored.map((p) => p.status)).toEqual(['ACTIVE', 'ACTIVE']);
  });
});

describe('postsale: requests A, B, G — requirements, entry with fee, QC call, queues and indicators', () => {
  test('incomplete → WAITING_CUSTOMER → completed; entered with fee; QC closes; never completed → CLOSED_INCOMPLETE; roles enforced', async () => {
    const a = await actors('abg');
    const line = await product(a, { planCode: 'FIJA-1', family: 'FIXED_LINE', monthlyFee: '80.00' });

    // A: requirements incomplete, then completed.
    const sup = await receive(a, {
      type: 'SUPPLEMENTARY_SERVICE',
      installedProductId: line,
      requirementAttachments: [],
      supplementaryService: { service: 'CALL_WAITING', action: 'ENABLE' },
    });
    expect(sup).toMatchObject({
      status: 'WAITING_CUSTOMER',
      missingRequirements: ['ID_DOCUMENT', 'TAX_ID', 'POWER_OF_ATTORNEY'],
      qcExecutiveId: null,
      assigneeId: 'clerk-1',
    });
    const incomplete = await refused(a.clerk, ENTER, { i: { requestId: sup.id } }, 'FAILED_PRECONDITION');
    expect(incomplete.extensions).toMatchObject({ currentStatus: 'WAITING_CUSTOMER', allowedFrom: ['RECEIVED'], nextAct: 'provideRequirements' });
    // A requirement brought later counts only with its uploaded file (issue #16; documents-attachments.test.ts).
    const provide = async (names: string[]) => {
      const attachments = await Promise.all(
        names.map(async (requirement) => ({ requirement, attachmentId: await uploadRequirement(a.clerk, a.customerId, `${requirement}.pdf`) })),
      );
      return waitFor('post-sale to know the files', async () => {
        const r = await execute<any>(PROVIDE, { i: { requestId: sup.id, attachments } }, { token: a.clerk });
        return r.errors?.[0]?.extensions?.code === 'FAILED_PRECONDITION' ? undefined : expectNoGraphQLErrors(r).provideRequirements.request;
      });
    };
    expect(await provide(['ID_DOCUMENT'])).toMatchObject({ status: 'WAITING_CUSTOMER', missingRequirements: ['TAX_ID', 'POWER_OF_ATTORNEY'] });
    expect((await provide(['TAX_ID', 'POWER_OF_ATTORNEY'])).status).toBe('RECEIVED');
    await refused(a.exec, ENTER, { i: { requestId: sup.id } }, 'FORBIDDEN');
    const supEntered = await enter(a, sup.id);
    expect(supEntered).toMatchObject({
      status: 'QC_PENDING',
      fee: { amount: '10.00', currency: 'BOB' },
      charges: [{ chargeId: `${sup.id}-fee`, kind: 'FEE', amount: { amount: '10.00' } }],
    });
    expect((await getProduct(a, line)).supplementaryServices).toEqual(['CALL_WAITING']);
    await refused(a.clerk, QC, { i: { requestId: sup.id, outcome: 'OK' } }, 'FORBIDDEN');
    expect((await ok(a.exec, QC, { i: { requestId: sup.id, outcome: 'OK' } })).recordQualityControlCall.request).toMatchObject({
      status: 'CLOSED',
      resolution: 'DONE',
      effective: true,
    });
    await refused(a.exec, QC, { i: { requestId: sup.id, outcome: 'OK' } }, 'FAILED_PRECONDITION');

    // The tenant's procedure fees are ADMIN settings (documented defaults until set).
    const FEES = `mutation($i: ConfigurePostSaleFeesInput!) { configurePostSaleFees(input: $i) { fees { type fee { amount currency } } } }`;
    await refused(a.clerk, FEES, { i: { fees: [{ type: 'PLAN_CHANGE', fee: '5.00' }] } }, 'FORBIDDEN');
    await refused(a.admin, FEES, { i: { fees: [{ type: 'PLAN_CHANGE', fee: '5.001' }] } }, 'BAD_USER_INPUT');
    const fees = (await ok(a.admin, FEES, { i: { fees: [{ type: 'PLAN_CHANGE', fee: '5.00' }] } })).configurePostSaleFees.fees;
    expect(fees.find((f: { type: string }) => f.type === 'PLAN_CHANGE').fee).toEqual({ amount: '5.00', currency: 'BOB' });
    expect(fees.find((f: { type: string }) => f.type === 'RELOCATION').fee).toEqual({ amount: '50.00', currency: 'BOB' });

    // B: plan change to a dearer plan of the catalog; the product's plan and fee change; QC NOT_OK → not effective.
    await catalogPlans(a, [{ code: 'FIJA-PLUS', fee: 9550, family: 'FIXED_LINE' }]);
    await catalogKnows(a, line, 'FIJA-PLUS');
    const plan = await receive(a, { type: 'PLAN_CHANGE', installedProductId: line, team: 'norte', planChange: { planCode: 'FIJA-PLUS', monthlyFee: '95.50' } });
    const planEntered = await enter(a, plan.id);
    expect(planEntered).toMatchObject({
      status: 'QC_PENDING',
      fee: { amount: '5.00' },
      charges: [{ kind: 'FEE', amount: { amount: '5.00' } }],
      planChange: { fromPlanCode: 'FIJA-1', planCode: 'FIJA-PLUS', direction: 'DEARER', effectiveDate: localToday(), monthlyFee: { amount: '95.50' } },
    });
    const changed = await getProduct(a, line);
    expect(changed).toMatchObject({ planCode: 'FIJA-PLUS', monthlyFee: { amount: '95.50' }, pendingRequest: null });
    expect(changed.changes.map((c: { kind: string }) => c.kind)).toEqual(['ACTIVATED', 'SUPPLEMENTARY_ENABLED', 'PLAN_CHANGED']);
    expect((await ok(a.exec, QC, { i: { requestId: plan.id, outcome: 'NOT_OK', note: 'no dial tone' } })).recordQualityControlCall.request).toMatchObject({
      resolution: 'QC_FAILED',
      effective: false,
    });

    // G: call detail of the current and two previous months (own carrier): 2 × 12.00; a future month → R-PS-G1.
    const month = localToday().slice(0, 7);
    const prev = (n: number) => {
      const [y, m] = month.split('-').map(Number) as [number, number];
      const d = new Date(Date.UTC(y, m - 1 - n, 1));
      return d.toISOString().slice(0, 7);
    };
    const future = await refused(
      a.clerk,
      RECEIVE,
      {
        i: {
          type: 'CALL_DETAIL',
          customerId: a.customerId,
          installedProductId: line,
          channel: 'IN_PERSON',
          callDetail: { months: [prev(-1)], carrier: 'OWN', deliveryChannel: 'EMAIL' },
        },
      },
      'FAILED_PRECONDITION',
    );
    expect(future.extensions?.rule).toBe('R-PS-G1');
    const calls = await receive(a, {
      type: 'CALL_DETAIL',
      installedProductId: line,
      callDetail: { months: [month, prev(1), prev(2)], carrier: 'OWN', deliveryChannel: 'WHATSAPP' },
    });
    expect(calls.callDetail).toEqual({ months: [prev(2), prev(1), month], chargeableMonths: [prev(2), prev(1)], price: { amount: '24.00' } });
    // Two clerks enter it at once: exactly one wins; the other clashes on the version (CONFLICT) or, when it
    // read the request after the winner's write, finds it entered already (FAILED_PRECONDITION); one charge.
    const both = await Promise.all([1, 2].map(() => execute<any>(ENTER, { i: { requestId: calls.id } }, { token: a.clerk })));
    const codes = both.map((r) => (r.errors?.length ? r.errors[0]?.extensions?.code : 'OK'));
    expect(codes.filter((c) => c === 'OK')).toHaveLength(1);
    expect(['CONFLICT', 'FAILED_PRECONDITION']).toContain(codes.find((c) => c !== 'OK'));
    expect((await getRequest(a, calls.id)).charges).toEqual([
      { chargeId: `${calls.id}-calls`, kind: 'CALL_DETAIL', amount: { amount: '24.00', currency: 'BOB' }, description: expect.stringContaining('R-PS-G1') },
    ]);

    // Never completed → CLOSED_INCOMPLETE.
    // Seed 002 G: the own carrier's detail needs the request letter only.
    const lost = await receive(a, {
      type: 'CALL_DETAIL',
      installedProductId: line,
      requirementAttachments: [],
      callDetail: { months: [month], carrier: 'OWN', deliveryChannel: 'EMAIL' },
    });
    expect(lost).toMatchObject({ status: 'WAITING_CUSTOMER', missingRequirements: ['REQUEST_LETTER'] });
    expect(
      (await ok(a.clerk, CLOSE_INCOMPLETE, { i: { requestId: lost.id, note: 'the customer never sent the letter' } })).closeIncompleteRequest.request,
    ).toMatchObject({ status: 'CLOSED_INCOMPLETE', resolution: 'INCOMPLETE', effective: false });

    // Bad input writes nothing.
    await refused(
      a.clerk,
      RECEIVE,
      {
        i: {
          type: 'PLAN_CHANGE',
          customerId: a.customerId,
          installedProductId: line,
          channel: 'EMAIL',
          planChange: { planCode: 'FIJA-PLUS', monthlyFee: '10.00' },
        },
      },
      'BAD_USER_INPUT',
    );
    await refused(a.clerk, RECEIVE, { i: { type: 'SUSPENSION', customerId: a.customerId, installedProductId: line, channel: 'EMAIL' } }, 'BAD_USER_INPUT');

    // Work queues, oldest first: the executive's QC calls due and the lead's view by status.
    const qcDue = (await ok(a.exec, QUEUE, { f: { status: ['QC_PENDING'] } })).postSaleRequests.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(qcDue).toEqual([calls.id]);
    const page1 = (await ok(a.lead, QUEUE, { f: { assigneeId: 'clerk-1' }, first: 2 })).postSaleRequests;
    expect(page1.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([sup.id, plan.id]);
    const page2 = (await ok(a.lead, QUEUE, { f: { assigneeId: 'clerk-1' }, first: 2, after: page1.pageInfo.endCursor })).postSaleRequests;
    expect(page2.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([calls.id, lost.id]);

    // R-PS-KPI of the month: 3 counted (the incomplete one never became ready); the failed QC call is not effective; all timely.
    const KPI = `query($m: String!) { postSaleIndicators(month: $m) { timelinessHours overall { requests effective timely efficacyPercent timelinessPercent efficacyStatus timelinessStatus }
      byTeam { key value { requests effective } } byType { key value { requests effective timely } } } }`;
    await refused(a.exec, KPI, { m: month }, 'FORBIDDEN');
    const kpi = (await ok(a.lead, KPI, { m: month })).postSaleIndicators;
    expect(kpi.overall).toEqual({
      requests: 3,
      effective: 2,
      timely: 3,
      efficacyPercent: 66.67,
      timelinessPercent: 100,
      efficacyStatus: 'OBSERVED',
      timelinessStatus: 'ACCEPTED',
    });
    expect(kpi.byTeam).toEqual([
      { key: 'NORTE', value: { requests: 1, effective: 0 } },
      { key: 'POSTSALE', value: { requests: 2, effective: 2 } },
    ]);
    expect(kpi.byType.map((g: { key: string }) => g.key)).toEqual(['CALL_DETAIL', 'PLAN_CHANGE', 'SUPPLEMENTARY_SERVICE']);

    // Every step carries customerId: the customer's timeline shows the closing of the incomplete request.
    const TIMELINE = `query($id: ID!) { customer(id: $id) { timeline(first: 100) { edges { node { eventType summary } } } } }`;
    const timeline = await waitFor('the post-sale steps in the customer timeline', async () => {
      const items: { eventType: string }[] = (await ok(a.clerk, TIMELINE, { id: a.customerId })).customer.timeline.edges.map(
        (e: { node: { eventType: string } }) => e.node,
      );
      const types = new Set(items.map((i) => i.eventType));
      const others = ['postsale.SubscriptionChanged', 'postsale.ChargeRequested', 'postsale.InstalledProductRegistered', 'postsale.InstalledProductChanged'];
      return items.filter((i) => i.eventType === 'postsale.PostSaleRequestStatusChanged').length === 12 && others.every((t) => types.has(t))
        ? items
        : undefined;
    });
    expect(timeline.filter((i) => i.eventType === 'postsale.InstalledProductChanged')).toHaveLength(1);
    // Seed 002 G: the partner carrier's detail needs no document: received at once (after the counts above).
    const partner = await receive(a, {
      type: 'CALL_DETAIL',
      installedProductId: line,
      requirementAttachments: [],
      callDetail: { months: [month], carrier: 'PARTNER', deliveryChannel: 'EMAIL' },
    });
    expect(partner).toMatchObject({ status: 'RECEIVED', missingRequirements: [] });
  });
});

describe('postsale: D suspension and reconnection', () => {
  test('R-PS-D1 overdue debt, R-PS-D3 5 months, R-PS-D2 second suspension in a year; automatic reactivation when the business clock passes the end; reconnection R-PS-D4', async () => {
    const a = await actors('susp');
    const tv = await product(a, { planCode: 'TV-COBRE', family: 'PAY_TV', monthlyFee: '120.00' });
    const today = localToday();
    const suspend = (startDate: string, endDate: string) => ({
      type: 'SUSPENSION',
      customerId: a.customerId,
      installedProductId: tv,
      channel: 'LETTER',
      requirementAttachments: a.docs,
      suspension: { startDate, endDate },
    });

    // R-PS-D1: collections reports the account overdue → refused; up to date again → accepted.
    const account = `bac-${a.customerId}`;
    const standing = (s: string, overdue: number) =>
      testEvent('collections', 'collections.AccountStandingChanged', a.tenant, account, {
        billingAccountId: account,
        customerId: a.customerId,
        standing: s,
        overdueAmount: overdue,
        currency: 'BOB',
        since: new Date().toISOString(),
      });
    await bus.publish(standing('OVERDUE', 15000));
    // Polled with a suspension R-PS-D3 refuses too (checked after R-PS-D1): before the read model sees
    // the debt the poll is refused by R-PS-D3 and writes nothing, instead of receiving a request.
    const d1 = await waitFor('the standing read model to see the debt', async () => {
      const res = await execute<any>(RECEIVE, { i: suspend(today, plusDays(today, 200)) }, { token: a.clerk });
      const e = res.errors?.[0];
      return e?.extensions?.rule === 'R-PS-D1' && e.extensions.reason !== 'STILL_ARRIVING' ? e : undefined;
    });
    // Refused for the debt, not because the standing is still arriving.
    expect(d1.extensions).toMatchObject({ code: 'FAILED_PRECONDITION', rule: 'R-PS-D1' });
    expect(d1.extensions?.reason).toBeUndefined();
    await bus.publish(standing('UP_TO_DATE', 0));
    await waitFor('the standing read model to see the payment', async () => {
      const res = await execute<any>(RECEIVE, { i: suspend(today, plusDays(today, 200)) }, { token: a.clerk });
      return res.errors?.[0]?.extensions?.rule === 'R-PS-D3' ? true : undefined;
    });

    // R-PS-D3: five months refused; four accepted.
    const d3 = await refused(a.clerk, RECEIVE, { i: suspend(today, plusDays(today, 153)) }, 'FAILED_PRECONDITION');
    expect(d3.extensions?.rule).toBe('R-PS-D3');
    const end = plusDays(today, 2);
    const s1 = (await ok(a.clerk, RECEIVE, { i: suspend(today, end) })).receivePostSaleRequest.request;
    expect((await enter(a, s1.id)).status).toBe('QC_PENDING');
    const suspended = await getProduct(a, tv);
    expect(suspended).toMatchObject({ status: 'SUSPENDED', suspension: { startDate: today, endDate: end }, pendingRequest: null });
    expect(suspended.history.at(-1)).toEqual({ from: 'ACTIVE', to: 'SUSPENDED' });

    // Reconnection before the end date: R-PS-D4 pay TV on copper needs a technician within 24 h.
    const rec = await receive(a, { type: 'RECONNECTION', installedProductId: tv, reconnection: {} });
    const recEntered = await enter(a, rec.id);
    expect(recEntered.reconnection).toEqual({ date: today, restoration: 'TECHNICIAN_WITHIN_24H', withinHours: 24 });
    expect((await getProduct(a, tv)).status).toBe('ACTIVE');
    await refused(
      a.clerk,
      RECEIVE,
      { i: { type: 'RECONNECTION', customerId: a.customerId, installedProductId: tv, channel: 'PHONE', reconnection: {} } },
      'FAILED_PRECONDITION',
    );

    // R-PS-D2: a second suspension of the product in the same calendar year (starting today, whatever the date).
    const d2 = await refused(a.clerk, RECEIVE, { i: suspend(today, today) }, 'FAILED_PRECONDITION');
    expect(d2.extensions?.rule).toBe('R-PS-D2');

    // Automatic reactivation on another product: the suspension-end job runs when the tenant's business clock passes the end.
    const line = await product(a, { planCode: 'INET-10', family: 'INTERNET' });
    const s2 = (await ok(a.clerk, RECEIVE, { i: { ...suspend(today, today), installedProductId: line } })).receivePostSaleRequest.request;
    await enter(a, s2.id);
    // A reconnection asked for but not entered before the suspension ends on its own.
    const late = await receive(a, { type: 'RECONNECTION', installedProductId: line, reconnection: {} });
    await refused(a.clerk, REACTIVATE, {}, 'FORBIDDEN');
    const notYet = (await ok(a.admin, REACTIVATE, {})).reactivateExpiredSuspensions.reactivated;
    expect(notYet).toEqual([]);
    // Two days later in this tenant's business time: the job ends the suspension by itself; "run now" then finds nothing.
    await ok(a.admin, ADVANCE_CLOCK, { i: { to: new Date(Date.now() + 2 * 86_400_000).toISOString() } });
    // The status in force is ACTIVE as soon as the clock passes the end (effective dates); the job's own
    // effect is the RECONNECTED change it writes, so that is what is awaited.
    const back = await waitFor('the suspension-end job at the advanced business time', async () => {
      const p = await getProduct(a, line);
      return p.status === 'ACTIVE' && p.changes.at(-1)?.kind === 'RECONNECTED' ? p : undefined;
    });
    expect((await ok(a.admin, REACTIVATE, {})).reactivateExpiredSuspensions.reactivated).toEqual([]);
    expect(back.changes.at(-1)).toMatchObject({ kind: 'RECONNECTED', effectiveDate: plusDays(today, 1), request: { id: s2.id } });

    // That reconnection is no longer wanted; cancelled, it stops holding the product.
    expect(back.pendingRequest).toEqual({ id: late.id });
    const CANCEL = `mutation($i: CancelPostSaleRequestInput!) { cancelPostSaleRequest(input: $i) { request { id status resolution effective history { to note } } } }`;
    await refused(a.lead, CANCEL, { i: { requestId: late.id, reason: 'service already back' } }, 'FORBIDDEN');
    await refused(a.clerk, CANCEL, { i: { requestId: late.id, reason: ' ' } }, 'BAD_USER_INPUT');
    expect((await getRequest(a, late.id)).status).toBe('RECEIVED');
    const cancelled = (await ok(a.clerk, CANCEL, { i: { requestId: late.id, reason: 'The suspension ended on its own: service already back' } }))
      .cancelPostSaleRequest.request;
    expect(cancelled).toMatchObject({ status: 'CLOSED', resolution: 'CANCELLED', effective: false });
    expect(cancelled.history.at(-1)).toEqual({ to: 'CLOSED', note: 'The suspension ended on its own: service already back' });
    expect((await getProduct(a, line)).pendingRequest).toBeNull();
    await refused(a.clerk, CANCEL, { i: { requestId: late.id, reason: 'again' } }, 'FAILED_PRECONDITION');
  });
});

describe('postsale: D suspension fails closed on an unknown standing', () => {
  test('R-PS-D1 an unknown standing (post-sale has not heard of the customer yet) is refused FAILED_PRECONDITION, still arriving, nothing written; once it arrives the suspension is received', async () => {
    const a = await actors('unk');
    const line = await product(a, { planCode: 'INET-20', family: 'INTERNET' });
    const today = localToday();
    const suspension = {
      type: 'SUSPENSION',
      customerId: a.customerId,
      installedProductId: line,
      channel: 'LETTER',
      requirementAttachments: a.docs,
      suspension: { startDate: today, endDate: plusDays(today, 10) },
    };
    // The read model as it is for a customer it has not heard of: no standing entry (events on their way, or data older than this rule).
    const { mongoUri, runId } = testStack();
    const conn = await mongoose.createConnection(mongoUri, { dbName: `t${runId}_postsale` }).asPromise();
    try {
      const gone = await conn.collection<{ _id: string }>('customer_standing').deleteOne({ _id: `${a.tenant}:${a.customerId}` });
      expect(gone.deletedCount).toBe(1);
    } finally {
      await conn.close();
    }
    const err = await refused(a.clerk, RECEIVE, { i: suspension }, 'FAILED_PRECONDITION');
    expect(err.extensions).toMatchObject({ rule: 'R-PS-D1', reason: 'STILL_ARRIVING' });
    expect(err.message).toMatch(/still arriving/);
    // Nothing written: no request, the product neither held nor suspended.
    const SUSPENSIONS = `query($id: ID!) { customer(id: $id) { postSaleRequests(first: 10) { edges { node { id } } } } }`;
    expect((await ok(a.clerk, SUSPENSIONS, { id: a.customerId })).customer.postSaleRequests.edges).toEqual([]);
    expect(await getProduct(a, line)).toMatchObject({ status: 'ACTIVE', pendingRequest: null });
    // collections' standing arrives (the account is up to date): the same request is received.
    const account = `bac-${a.customerId}`;
    await bus.publish(
      testEvent('collections', 'collections.AccountStandingChanged', a.tenant, account, {
        billingAccountId: account,
        customerId: a.customerId,
        standing: 'UP_TO_DATE',
        overdueAmount: 0,
        currency: 'BOB',
        since: new Date().toISOString(),
      }),
    );
    const received = await waitFor('the standing read model to know the customer', async () => {
      const res = await execute<any>(RECEIVE, { i: suspension }, { token: a.clerk });
      if (res.errors?.[0]?.extensions?.reason === 'STILL_ARRIVING') return undefined;
      if (res.errors) throw new Error(JSON.stringify(res.errors));
      return res.data.receivePostSaleRequest.request;
    });
    expect(received).toMatchObject({ type: 'SUSPENSION', status: 'RECEIVED' });
  });
});

describe('postsale: C relocation with the work-order round trip', () => {
  test('R-PS-C1 no coverage closes the request; with coverage R-PS-C3 fee, RelocationEntered, WorkOrderClosed (twice) moves the product; R-PS-C2 technology change replaces it', async () => {
    const a = await actors('reloc');
    const inet = await product(a, { planCode: 'INET-20', family: 'INTERNET' });
    const where = { toAddress: 'Av. América 800, Cochabamba', neighbourhood: 'Queru Queru', latitude: -17.37, longitude: -66.15 };

    const first = await receive(a, { type: 'RELOCATION', installedProductId: inet, relocation: where });
    const c1 = await refused(a.clerk, ENTER, { i: { requestId: first.id } }, 'FAILED_PRECONDITION');
    expect(c1.extensions?.rule).toBe('R-PS-C1');
    expect(await getRequest(a, first.id)).toMatchObject({
      status: 'CLOSED',
      resolution: 'NOT_FEASIBLE',
      relocation: { infeasibility: expect.stringContaining('NO_COVERAGE') },
    });
    expect((await getProduct(a, inet)).pendingRequest).toBeNull();

    // techsupport announces a copper NAP and a fiber node there (CoverageChanged, published here).
    const node = (nodeId: string, technology: string) =>
      testEvent('techsupport', 'techsupport.CoverageChanged', a.tenant, nodeId, {
        nodeId,
        nodeVersion: 1,
        kind: 'NAP',
        code: nodeId.toUpperCase(),
        district: 'Norte',
        technology,
        location: { latitude: -17.3701, longitude: -66.1501 },
        coverageRadiusM: 800,
        portsTotal: 16,
        portsUsed: 3,
        maxSpeedMbps: 300,
        active: true,
      });
    const copperNode = `nap-${a.tenant}`;
    await bus.publish(node(copperNode, 'COPPER'));
    await bus.publish(node(`fib-${a.tenant}`, 'FIBER'));

    // Until post-sale's coverage read model sees the nodes, an entry is refused by R-PS-C1 and its request
    // closes (freeing the product): each poll receives a fresh request.
    const entered = await waitFor('the coverage read model', async () => {
      const attempt = await receive(a, { type: 'RELOCATION', installedProductId: inet, relocation: where });
      const res = await execute<any>(ENTER, { i: { requestId: attempt.id } }, { token: a.clerk });
      return res.errors?.length ? undefined : res.data.enterPostSaleRequest.request;
    });
    const second = { id: entered.id as string };
    expect(entered).toMatchObject({
      status: 'IN_FIELD',
      relocation: { nodeId: copperNode, technologyChange: false },
      charges: [{ kind: 'FEE', amount: { amount: '50.00' } }],
    });
    // The product is held while the work order is in the field.
    await refused(
      a.clerk,
      RECEIVE,
      {
        i: { type: 'WITHDRAWAL', customerId: a.customerId, installedProductId: inet, channel: 'EMAIL', withdrawal: { reason: 'moving abroad', equipment: [] } },
      },
      'FAILED_PRECONDITION',
    );

    // techsupport opens the RELOCATION work order from RelocationEntered (its real consumer); its
    // WorkOrderCreated links it to the request while in the field. Its closing is published here.
    const inField = await waitFor('the work order link', async () => {
      const r = await getRequest(a, second.id);
      return r.workOrderId ? r : undefined;
    });
    expect(inField).toMatchObject({ status: 'IN_FIELD', workOrderId: expect.any(String), workOrderOutcome: null });
    const workOrderId = inField.workOrderId as string;
    const closed = workOrderClosed(a.tenant, { workOrderId, customerId: a.customerId, type: 'RELOCATION', requestId: second.id, installedProductId: inet });
    await bus.publish(closed);
    await bus.publish(closed);
    const qc = await waitFor('the relocation work order to close', async () => {
      const r = await getRequest(a, second.id);
      return r.status === 'QC_PENDING' ? r : undefined;
    });
    expect(qc).toMatchObject({ workOrderId, workOrderOutcome: 'CLOSED_RESOLVED' });
    const moved = await getProduct(a, inet);
    expect(moved).toMatchObject({ installationAddress: where.toAddress, pendingRequest: null });
    expect(moved.changes.filter((c: { kind: string }) => c.kind === 'RELOCATED')).toHaveLength(1);

    // R-PS-C2: to fiber on a FIBER plan of the catalog — the new product installed at the new address
    // (INSTALLATION closed), then the old one retired (no equipment listed: nothing to retrieve).
    await catalogPlans(a, [{ code: 'FIB-50', fee: 20000, technology: 'FIBER' }]);
    const fiberMove = {
      type: 'RELOCATION',
      installedProductId: inet,
      relocation: { ...where, toAddress: 'Av. América 810, Cochabamba', technology: 'FIBER', planCode: 'FIB-50' },
    };
    const toFiber = await waitFor('the catalog read model', async () => {
      const res = await execute<any>(
        RECEIVE,
        { i: { customerId: a.customerId, channel: 'EMAIL', requirementAttachments: a.docs, ...fiberMove } },
        { token: a.clerk },
      );
      return res.errors?.length ? undefined : res.data.receivePostSaleRequest.request;
    });
    expect((await enter(a, toFiber.id)).relocation).toMatchObject({ technologyChange: true, technology: 'FIBER', newInstalledProduct: null });
    await bus.publish(workOrderClosed(a.tenant, { workOrderId: `wo-${toFiber.id}`, customerId: a.customerId, type: 'INSTALLATION', requestId: toFiber.id }));
    const replaced = await waitFor('the replacement', async () => {
      const r = await getRequest(a, toFiber.id);
      return r.status === 'QC_PENDING' ? r : undefined;
    });
    expect(replaced.relocation.newInstalledProduct).toEqual({
      id: expect.any(String),
      status: 'ACTIVE',
      technology: 'FIBER',
      installationAddress: 'Av. América 810, Cochabamba',
    });
    expect((await getProduct(a, inet)).status).toBe('WITHDRAWN');
  });
});

describe('postsale: H withdrawal, concurrency and PQR', () => {
  test('R-PS-H1 retention first, R-PS-H2 penalty, R-PS-H3 final billing, R-PS-H4 equipment on WorkOrderClosed; concurrent requests on one product → one wins', async () => {
    const a = await actors('wd');
    const multi = await product(a, { planCode: 'MULTI-FULL', family: 'MULTI', monthlyFee: '250.00', minimumPermanenceMonths: 12 });

    // Concurrent suspension and withdrawal on one product: exactly one wins; the other finds the product held
    // (FAILED_PRECONDITION) or clashes on its write (CONFLICT).
    const today = localToday();
    const [r1, r2] = await Promise.all([
      execute<any>(
        RECEIVE,
        {
          i: {
            type: 'SUSPENSION',
            customerId: a.customerId,
            installedProductId: multi,
            channel: 'EMAIL',
            requirementAttachments: a.docs,
            suspension: { startDate: plusDays(today, 1), endDate: plusDays(today, 10) },
          },
        },
        { token: a.clerk },
      ),
      execute<any>(
        RECEIVE,
        {
          i: {
            type: 'WITHDRAWAL',
            customerId: a.customerId,
            installedProductId: multi,
            channel: 'EMAIL',
            requirementAttachments: a.docs,
            withdrawal: {
              reason: 'Cierra la oficina',
              equipment: [
                { code: 'ONT-1', value: '350.00' },
                { code: 'DECO-1', description: 'TV decoder', value: '420.50' },
              ],
            },
          },
        },
        { token: a.clerk },
      ),
    ]);
    const outcomes = [r1, r2].map((r) => (r.errors?.length ? r.errors[0]?.extensions?.code : 'OK')).sort();
    expect(outcomes.filter((c) => c === 'OK')).toHaveLength(1);
    expect(['CONFLICT', 'FAILED_PRECONDITION']).toContain(outcomes.find((c) => c !== 'OK'));
    const winner = (r1.errors?.length ? r2 : r1).data.receivePostSaleRequest.request;
    if (winner.type === 'SUSPENSION') {
      // Let the withdrawal through: close the suspension request for lack of documents is not possible (it is complete); enter then QC it.
      await enter(a, winner.id);
      await ok(a.exec, QC, { i: { requestId: winner.id, outcome: 'OK' } });
      const rec = await receive(a, { type: 'RECONNECTION', installedProductId: multi, reconnection: {} });
      await enter(a, rec.id);
    }
    const wd =
      winner.type === 'WITHDRAWAL'
        ? winner
        : await receive(a, {
            type: 'WITHDRAWAL',
            installedProductId: multi,
            withdrawal: {
              reason: 'Cierra la oficina',
              equipment: [
                { code: 'ONT-1', value: '350.00' },
                { code: 'DECO-1', description: 'TV decoder', value: '420.50' },
              ],
            },
          });

    const h1 = await refused(a.clerk, ENTER, { i: { requestId: wd.id } }, 'FAILED_PRECONDITION');
    expect(h1.extensions?.rule).toBe('R-PS-H1');
    expect(
      (await ok(a.exec, RETENTION, { i: { requestId: wd.id, offer: 'Three months at half price', accepted: false } })).recordRetentionOffer.request,
    ).toMatchObject({ status: 'RECEIVED', withdrawal: { retention: { accepted: false } } });
    const h2 = await refused(a.clerk, ENTER, { i: { requestId: wd.id } }, 'FAILED_PRECONDITION');
    expect(h2.extensions?.rule).toBe('R-PS-H2');
    const entered = await enter(a, wd.id, { acceptEarlyTerminationPenalty: true });
    const received = (await getRequest(a, wd.id)).receivedOn as string;
    expect(entered).toMatchObject({ status: 'IN_FIELD', withdrawal: { penalty: { amount: '3000.00' }, penaltyAccepted: true, effectiveDate: received } });
    expect(entered.charges).toEqual([
      { chargeId: `${wd.id}-penalty`, kind: 'PENALTY', amount: { amount: '3000.00', currency: 'BOB' }, description: expect.stringContaining('R-PS-H2') },
    ]);
    // R-PS-H3: MULTI prorated except the 70.00 basic-telephony part, to the cent.
    const day = Number(received.slice(8, 10));
    const [y, m] = received.split('-').map(Number) as [number, number];
    const dim = new Date(Date.UTC(y, m, 0)).getUTCDate();
    const prorated = day - 1 === dim ? 18000 : Math.floor((2 * 18000 * (day - 1) + dim) / (2 * dim));
    expect(entered.withdrawal.finalBilling).toEqual({
      billing: 'MULTI_BASIC_WHOLE',
      wholePart: { amount: '70.00' },
      days: day - 1,
      daysInMonth: dim,
      amount: { amount: ((prorated + 7000) / 100).toFixed(2) },
    });

    // R-PS-H4: the retrieval work order returns the ONT fine and the decoder damaged (delivered twice).
    const closed = workOrderClosed(a.tenant, {
      workOrderId: `wo-${wd.id}`,
      customerId: a.customerId,
      type: 'EQUIPMENT_RETRIEVAL',
      requestId: wd.id,
      installedProductId: multi,
      equipmentReturned: [
        { code: 'ONT-1', condition: 'OK' },
        { code: 'DECO-1', condition: 'DAMAGED' },
      ],
    });
    await bus.publish(closed);
    await bus.publish(closed);
    const done = await waitFor('the withdrawal to complete', async () => {
      const r = await getRequest(a, wd.id);
      return r.status === 'QC_PENDING' ? r : undefined;
    });
    expect(done.withdrawal.equipment).toEqual([
      { code: 'ONT-1', condition: 'OK', value: { amount: '350.00' }, receivable: { amount: '0.00' } },
      { code: 'DECO-1', condition: 'DAMAGED', value: { amount: '420.50' }, receivable: { amount: '420.50' } },
    ]);
    expect(done.charges.map((c: { kind: string; amount: { amount: string } }) => [c.kind, c.amount.amount])).toEqual([
      ['PENALTY', '3000.00'],
      ['RECEIVABLE', '420.50'],
    ]);
    // R-PS-H4 nothing chosen: the economic claim, one line on the month's invoice.
    const byDefault = (await ok(a.clerk, SETTLEMENT, { id: wd.id })).postSaleRequest;
    expect(byDefault.withdrawal.equipmentSettlement).toBe('NEXT_INVOICE');
    expect(byDefault.charges.map((c: { kind: string; settlement: string }) => [c.kind, c.settlement])).toEqual([
      ['PENALTY', 'NEXT_INVOICE'],
      ['RECEIVABLE', 'NEXT_INVOICE'],
    ]);
    const gone = await getProduct(a, multi);
    expect(gone.status).toBe('WITHDRAWN');
    expect(gone.changes.filter((c: { kind: string }) => c.kind === 'WITHDRAWN')).toEqual([
      expect.objectContaining({ effectiveDate: received, request: { id: wd.id } }),
    ]);
    expect((await ok(a.exec, QC, { i: { requestId: wd.id, outcome: 'OK' } })).recordQualityControlCall.request).toMatchObject({
      status: 'CLOSED',
      effective: true,
    });
    await refused(
      a.clerk,
      RECEIVE,
      {
        i: { type: 'PLAN_CHANGE', customerId: a.customerId, installedProductId: multi, channel: 'EMAIL', planChange: { planCode: 'X-2', monthlyFee: '1.00' } },
      },
      'FAILED_PRECONDITION',
    );

    // R-PS-H1 accepted: another product is retained and the request ends.
    const keep = await product(a, { planCode: 'INET-5', family: 'INTERNET', monthlyFee: '90.00' });
    const w2 = await receive(a, { type: 'WITHDRAWAL', installedProductId: keep, withdrawal: { reason: 'Too expensive', equipment: [] } });
    expect(
      (await ok(a.exec, RETENTION, { i: { requestId: w2.id, offer: 'Upgrade at the same price', accepted: true } })).recordRetentionOffer.request,
    ).toMatchObject({ status: 'CLOSED', resolution: 'RETAINED' });
    expect((await getProduct(a, keep)).status).toBe('ACTIVE');

    // R-PS-H2 declined: six months of permanence owed, the customer does not accept → the request ends, the product stays.
    const bound = await product(a, { planCode: 'INET-6M', family: 'INTERNET', monthlyFee: '90.00', minimumPermanenceMonths: 6 });
    const w3 = await receive(a, { type: 'WITHDRAWAL', installedProductId: bound, withdrawal: { reason: 'Changes provider', equipment: [] } });
    await ok(a.exec, RETENTION, { i: { requestId: w3.id, offer: 'One month free', accepted: false } });
    const declined = await enter(a, w3.id, { acceptEarlyTerminationPenalty: false });
    expect(declined).toMatchObject({
      status: 'CLOSED',
      resolution: 'PENALTY_DECLINED',
      effective: false,
      charges: [],
      withdrawal: { penalty: { amount: '540.00' }, penaltyAccepted: false },
    });
    expect(await getProduct(a, bound)).toMatchObject({ status: 'ACTIVE', pendingRequest: null });

    // PQR with the tenant's deadline (15 business days) and its SLA clock; received at 23:30 local yesterday.
    const yesterday = plusDays(today, -1);
    const lateNight = new Date(`${today}T03:30:00.000Z`); // 23:30 of yesterday in La Paz (UTC−4)
    const pqr = await receive(a, {
      type: 'PQR',
      receivedAt: lateNight.toISOString(),
      pqr: { kind: 'COMPLAINT', subject: 'Slow answer at the office', description: 'Waited two hours' },
    });
    expect(pqr).toMatchObject({ status: 'RECEIVED', receivedOn: yesterday, pqr: { sla: { breached: false } } });
    expect((await enter(a, pqr.id)).status).toBe('AWAITING_ANSWER');
    const answered = (await ok(a.clerk, ANSWER, { i: { requestId: pqr.id, answer: 'We apologise; a second window opens on Mondays.' } })).answerPqr.request;
    expect(answered).toMatchObject({ status: 'CLOSED', resolution: 'ANSWERED', effective: true, pqr: { answeredOn: today } });
  });
});

describe('postsale: H withdrawal, R-PS-H4 settlement of the equipment receivable', () => {
  test('R-PS-H4 the clerk chooses a receivable invoice: recorded on the request, published in ChargeRequested.settlement as ONE charge for the total; warehouse notes per item', async () => {
    const a = await actors('wdset');
    const inet = await product(a, { planCode: 'INET-20', family: 'INTERNET', monthlyFee: '120.00' });
    // Read what post-sale publishes for this customer, from the topic itself.
    const seen: EventEnvelope<any>[] = [];
    const kafka = new Kafka({ clientId: `postsale-settlement-${a.tenant}`, brokers: testStack().kafkaBrokers, logLevel: logLevel.NOTHING });
    const consumer = kafka.consumer({ groupId: `postsale-settlement-${a.tenant}` });
    await consumer.connect();
    await consumer.subscribe({ topic: topicOf('postsale'), fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const e = JSON.parse(message.value?.toString('utf8') ?? '{}') as EventEnvelope<any>;
        if (e.tenantId === a.tenant && e.type === 'postsale.ChargeRequested') seen.push(e);
      },
    });
    try {
      const equipment = [
        { code: 'ONT-2', value: '350.00' },
        { code: 'REMOTE', value: '50.00' },
        { code: 'CABLE', description: 'Patch cord', value: '10.05' },
      ];
      const wd = await receive(a, { type: 'WITHDRAWAL', installedProductId: inet, withdrawal: { reason: 'Closes the branch', equipment } });
      expect(wd.withdrawal).toMatchObject({ reason: 'Closes the branch' });
      expect((await ok(a.clerk, SETTLEMENT, { id: wd.id })).postSaleRequest.withdrawal.equipmentSettlement).toBe('NEXT_INVOICE');
      await ok(a.exec, RETENTION, { i: { requestId: wd.id, offer: 'Double speed for a year', accepted: false } });
      // Only a withdrawal takes the choice; a bad choice writes nothing.
      const pqr = await receive(a, { type: 'PQR', pqr: { kind: 'PETITION', subject: 'Invoice copy', description: 'Send it again' } });
      await refused(a.clerk, ENTER, { i: { requestId: pqr.id, equipmentSettlement: 'RECEIVABLE_INVOICE' } }, 'BAD_USER_INPUT');
      expect((await getRequest(a, pqr.id)).status).toBe('RECEIVED');
      // The clerk changes it at entry: a receivable invoice (factura CxC).
      const entered = await enter(a, wd.id, { equipmentSettlement: 'RECEIVABLE_INVOICE' });
      expect(entered.status).toBe('IN_FIELD');
      expect((await ok(a.clerk, SETTLEMENT, { id: wd.id })).postSaleRequest).toMatchObject({
        withdrawal: { equipmentSettlement: 'RECEIVABLE_INVOICE' },
        history: expect.arrayContaining([{ note: 'R-PS-H4 equipment receivable: RECEIVABLE_INVOICE' }]),
      });
      // Before the retrieval there is nothing to explain.
      await refused(a.clerk, NOTES, { i: { requestId: wd.id, notes: [{ code: 'REMOTE', note: 'Lost' }] } }, 'FAILED_PRECONDITION');

      const closed = workOrderClosed(a.tenant, {
        workOrderId: `wo-${wd.id}`,
        customerId: a.customerId,
        type: 'EQUIPMENT_RETRIEVAL',
        requestId: wd.id,
        installedProductId: inet,
        equipmentReturned: [
          { code: 'ONT-2', condition: 'OK' },
          { code: 'CABLE', condition: 'DAMAGED' },
        ],
      });
      await bus.publish(closed);
      await bus.publish(closed);
      const done = await waitFor('the withdrawal to complete', async () => {
        const r = (await ok(a.clerk, SETTLEMENT, { id: wd.id })).postSaleRequest;
        return r.status === 'QC_PENDING' ? r : undefined;
      });
      // One receivable for REMOTE (missing) + CABLE (damaged), to the cent, settled as chosen.
      expect(done.charges).toEqual([{ chargeId: `${wd.id}-eq`, kind: 'RECEIVABLE', amount: { amount: '60.05' }, settlement: 'RECEIVABLE_INVOICE' }]);
      expect(
        done.withdrawal.equipment.map((e: { code: string; condition: string; receivable: { amount: string } }) => [e.code, e.condition, e.receivable.amount]),
      ).toEqual([
        ['ONT-2', 'OK', '0.00'],
        ['REMOTE', 'MISSING', '50.00'],
        ['CABLE', 'DAMAGED', '10.05'],
      ]);
      const published = await waitFor('the receivable on the postsale topic', async () => seen.find((e) => e.subject === `${wd.id}-eq`));
      expect(published.data).toMatchObject({
        chargeId: `${wd.id}-eq`,
        customerId: a.customerId,
        installedProductId: inet,
        kind: 'RECEIVABLE',
        amountMinor: 6005,
        currency: 'BOB',
        settlement: 'RECEIVABLE_INVOICE',
      });
      expect(published.data.description).toContain('REMOTE missing 50.00');
      expect(new Set(seen.filter((e) => e.data.kind === 'RECEIVABLE').map((e) => e.data.chargeId))).toEqual(new Set([`${wd.id}-eq`]));

      // Step 12.2: the reason of the missing accessory, for the warehouse (clerk only, non-OK items only).
      await refused(a.exec, NOTES, { i: { requestId: wd.id, notes: [{ code: 'REMOTE', note: 'Lost in the move' }] } }, 'FORBIDDEN');
      await refused(a.clerk, NOTES, { i: { requestId: wd.id, notes: [{ code: 'ONT-2', note: 'Fine' }] } }, 'BAD_USER_INPUT');
      const noted = (await ok(a.clerk, NOTES, { i: { requestId: wd.id, notes: [{ code: 'remote', note: 'Lost in the move' }] } }))
        .recordWithdrawalEquipmentNotes.request;
      expect(noted).toMatchObject({ status: 'QC_PENDING' });
      expect(noted.withdrawal.equipment).toEqual([
        { code: 'ONT-2', condition: 'OK', note: null },
        { code: 'REMOTE', condition: 'MISSING', note: 'Lost in the move' },
        { code: 'CABLE', condition: 'DAMAGED', note: null },
      ]);
      expect((await getRequest(a, wd.id)).history.at(-1)).toEqual({
        from: 'QC_PENDING',
        to: 'QC_PENDING',
        note: 'warehouse: REMOTE MISSING: Lost in the move',
      });
    } finally {
      await consumer.disconnect();
    }
  });
});

describe('postsale: what a crash leaves behind heals itself', () => {
  // The states a process killed mid-act leaves are written straight into post-sale's database.
  let conn: mongoose.Connection;
  beforeAll(async () => {
    const { mongoUri, runId } = testStack();
    conn = await mongoose.createConnection(mongoUri, { dbName: `t${runId}_postsale` }).asPromise();
  });
  afterAll(() => conn.close());
  const products = () => conn.collection<{ _id: string }>('installed_products');
  const requests = () => conn.collection<{ _id: string }>('postsale_requests');
  const hold = (id: string, requestId: string, since: Date) =>
    products().updateOne({ _id: id }, { $set: { pendingRequestId: requestId, pendingRequestType: 'PLAN_CHANGE', pendingSince: since } });
  const planChange = (a: Actors, line: string, planCode: string) => ({
    type: 'PLAN_CHANGE',
    customerId: a.customerId,
    installedProductId: line,
    channel: 'EMAIL',
    requirementAttachments: a.docs,
    planChange: { planCode, monthlyFee: '99.00' },
  });

  test('a hold whose request was never stored binds for the grace minute only; a hold of a closed request binds not at all', async () => {
    const a = await actors('orphan');
    const line = await product(a);
    await catalogPlans(
      a,
      ['INET-60', 'INET-70', 'INET-80'].map((code) => ({ code, fee: 9900 })),
    );
    for (const code of ['INET-60', 'INET-70', 'INET-80']) await catalogKnows(a, line, code);

    // Died between taking the hold and storing the request: within the grace minute the hold still binds.
    await hold(line, 'psr_never_stored', new Date());
    const held = await refused(a.clerk, RECEIVE, { i: planChange(a, line, 'INET-60') }, 'FAILED_PRECONDITION');
    expect(held.extensions).toMatchObject({ pendingRequestId: 'psr_never_stored', nextAct: 'cancelPostSaleRequest' });
    expect((await getProduct(a, line)).pendingRequest).toBeNull();
    // Past it, the next request takes the hold over.
    await hold(line, 'psr_never_stored', new Date(Date.now() - 5 * 60_000));
    const taken = (await ok(a.clerk, RECEIVE, { i: planChange(a, line, 'INET-60') })).receivePostSaleRequest.request;
    expect((await getProduct(a, line)).pendingRequest).toEqual({ id: taken.id });

    // Died between closing a request and releasing its product: the closed request holds nothing.
    const incomplete = await receive(a, {
      type: 'WITHDRAWAL',
      installedProductId: await product(a),
      requirementAttachments: [],
      withdrawal: { reason: 'Se muda', equipment: [] },
    });
    await ok(a.clerk, CLOSE_INCOMPLETE, { i: { requestId: incomplete.id, note: 'never brought the letter' } });
    const other = await product(a);
    await hold(other, incomplete.id, new Date());
    expect((await getProduct(a, other)).pendingRequest).toBeNull();
    const next = (await ok(a.clerk, RECEIVE, { i: planChange(a, other, 'INET-70') })).receivePostSaleRequest.request;
    expect((await getProduct(a, other)).pendingRequest).toEqual({ id: next.id });
    // The hold taken over binds like any other.
    await refused(a.clerk, RECEIVE, { i: planChange(a, other, 'INET-80') }, 'FAILED_PRECONDITION');
  });

  test('an entry retried after a crash between the product write and the request write completes with one product change', async () => {
    const a = await actors('reenter');
    const line = await product(a, { planCode: 'INET-50', monthlyFee: '150.00' });
    await catalogPlans(a, [{ code: 'INET-90', fee: 9900 }]);
    await catalogKnows(a, line, 'INET-90');
    const plan = (await ok(a.clerk, RECEIVE, { i: planChange(a, line, 'INET-90') })).receivePostSaleRequest.request;
    const before = await requests().findOne({ _id: plan.id });
    const first = await enter(a, plan.id);
    expect(first.status).toBe('QC_PENDING');
    // Put the request back as the dead process left it: the product changed, the request still RECEIVED.
    await requests().replaceOne({ _id: plan.id }, { ...before!, outbox: [] });
    expect((await getRequest(a, plan.id)).status).toBe('RECEIVED');

    const retried = await enter(a, plan.id);
    expect(retried).toMatchObject({ status: 'QC_PENDING', planChange: { planCode: 'INET-90', effectiveDate: first.planChange.effectiveDate }, charges: [] });
    const changed = await getProduct(a, line);
    expect(changed).toMatchObject({ planCode: 'INET-90', monthlyFee: { amount: '99.00' }, pendingRequest: null });
    expect(changed.changes.filter((c: { kind: string }) => c.kind === 'PLAN_CHANGED')).toHaveLength(1);
    await refused(a.clerk, ENTER, { i: { requestId: plan.id } }, 'FAILED_PRECONDITION');
  });
});
