/**
 * The customers subgraph's event-driven side, through the gateway on real Kafka + Mongo-wire:
 * eligibility (R-DIG-1) from the impediments registry and collections.AccountStandingChanged, the
 * customer timeline projected from every subgraph's topic (and rebuilt identically by a replay),
 * status driven by other subgraphs' events (R-CUS-ST3), loyalty calls (§3 J) and churn analysis (§4).
 * Events whose producers are not built yet are published here with a kafkajs producer.
 */
import mongoose from 'mongoose';
import { Kafka, logLevel } from 'kafkajs';
import { expectNoGraphQLErrors, refused, stackBus, testEvent, testStack, tokenFor, uniqueTenant, waitFor } from '@vinculo/common/testing';
import { execute, ok } from './support/untyped-answers';
import { createEventConsumer, createLogger, dlqTopicOf, EventContracts, topicOf, type AnyEventHandler } from '@vinculo/common';
import { timelineProjector, withTimeline, contractTypes } from '../../services/customers/src/events/timeline-projector';
import { timelineModel, type TimelineItemDoc } from '../../services/customers/src/store/timeline.model';

type Vars = Record<string, unknown>;

let seq = 5000000;
const REGISTER = `mutation($i: RegisterCustomerInput!) { registerCustomer(input: $i) { customer { id } } }`;
const business = async (token: string, name: string, extra: Vars = {}) =>
  (await ok(token, REGISTER, { i: { kind: 'BUSINESS', name, taxId: String(++seq), ...extra } })).registerCustomer.customer.id as string;

const ELIGIBILITY = `query($id: ID!) { customer(id: $id) { eligibility { eligible reasons { kind detail since } } impediments { id kind reason active clearReason } } }`;
const TIMELINE = `query($id: ID!, $first: Int, $after: String, $filter: TimelineFilter) { customer(id: $id) { timeline(first: $first, after: $after, filter: $filter) {
  edges { node { id at kind eventType summary(locale: EN) outcome(locale: EN) channel actor { userId role } subject { typename id } } } pageInfo { hasNextPage endCursor } } } }`;
const STATUS = `query($id: ID!) { customer(id: $id) { status history { from to by note } } }`;
const MARK = `mutation($i: MarkImpedimentInput!) { markImpediment(input: $i) { customer { id } } }`;
const CLEAR = `mutation($i: ClearImpedimentInput!) { clearImpediment(input: $i) { customer { id } } }`;

const bus = stackBus();

async function timeline(token: string, customerId: string, filter?: Vars, first = 100) {
  return (await ok(token, TIMELINE, { id: customerId, first, filter })).customer.timeline;
}
const waitTimeline = (token: string, customerId: string, what: string, pred: (types: string[]) => boolean) =>
  waitFor(what, async () => {
    const t = await timeline(token, customerId);
    const types = t.edges.map((e: { node: { eventType: string } }) => e.node.eventType);
    return pred(types) ? t : undefined;
  });

const standing = (tenant: string, customerId: string, billingAccountId: string, s: 'OVERDUE' | 'UP_TO_DATE', overdueAmount: number, since: string) =>
  testEvent('collections', 'collections.AccountStandingChanged', tenant, billingAccountId, {
    billingAccountId,
    customerId,
    standing: s,
    overdueAmount,
    currency: 'BOB',
    since,
  });

describe('6. eligibility (R-DIG-1) through real Kafka', () => {
  test('R-DIG-1 an OVERDUE account and an impediment make the customer not eligible; EligibilityChanged only on a change', async () => {
    const tenant = uniqueTenant('elig');
    const clerk = await tokenFor(tenant, ['COMMERCIAL_CLERK'], { sub: 'clerk-1' });
    const customerId = await business(clerk, 'Elegible SRL');
    expect((await ok(clerk, ELIGIBILITY, { id: customerId })).customer.eligibility).toEqual({ eligible: true, reasons: [] });

    await bus.publish(standing(tenant, customerId, 'ba_e1', 'OVERDUE', 15050, '2025-03-01T12:00:00.000Z'));
    const overdue = await waitFor('the standing read model', async () => {
      const e = (await ok(clerk, ELIGIBILITY, { id: customerId })).customer.eligibility;
      return e.eligible ? undefined : e;
    });
    expect(overdue.reasons).toEqual([{ kind: 'OVERDUE_DEBT', detail: 'billing account ba_e1 overdue: 150.50 BOB', since: '2025-03-01T12:00:00.000Z' }]);

    // Tenant isolation: the same customer id in another tenant's event touches nothing.
    await bus.publish(standing(uniqueTenant('other'), customerId, 'ba_e1', 'UP_TO_DATE', 0, '2025-04-01T12:00:00.000Z'));

    await ok(clerk, MARK, { i: { customerId, kind: 'RISK_REGISTRY', reason: 'Listed in the central de riesgos', detail: 'Registro 42' } });
    await refused(clerk, MARK, { i: { customerId, kind: 'RISK_REGISTRY', reason: 'Again' } }, 'CONFLICT');
    await refused(clerk, MARK, { i: { customerId, kind: 'OTHER', reason: 'x' } }, 'BAD_USER_INPUT');
    await refused(await tokenFor(tenant, ['ACCOUNT_EXECUTIVE']), MARK, { i: { customerId, kind: 'OTHER', reason: 'Not mine to mark' } }, 'FORBIDDEN');
    const marked = (await ok(clerk, ELIGIBILITY, { id: customerId })).customer;
    expect(marked.eligibility.reasons.map((r: { kind: string }) => r.kind).sort()).toEqual(['OVERDUE_DEBT', 'RISK_REGISTRY']);
    expect(marked.impediments).toEqual([
      { id: expect.any(String), kind: 'RISK_REGISTRY', reason: 'Listed in the central de riesgos', active: true, clearReason: null },
    ]);

    await ok(await tokenFor(tenant, ['SALES_TEAM_LEAD']), CLEAR, {
      i: { customerId, impedimentId: marked.impediments[0].id, reason: 'Removed from the registry' },
    });
    await bus.publish(standing(tenant, customerId, 'ba_e1', 'UP_TO_DATE', 0, '2025-03-20T12:00:00.000Z'));
    // A late redelivery of the older OVERDUE report changes nothing.
    await bus.publish(standing(tenant, customerId, 'ba_e1', 'OVERDUE', 15050, '2025-03-01T12:00:00.000Z'));
    const t = await waitTimeline(
      clerk,
      customerId,
      'the eligibility history in the timeline',
      (types) =>
        types.filter((x) => x === 'customers.EligibilityChanged').length >= 4 && types.filter((x) => x === 'collections.AccountStandingChanged').length >= 3,
    );
    const after = (await ok(clerk, ELIGIBILITY, { id: customerId })).customer;
    expect(after.eligibility).toEqual({ eligible: true, reasons: [] });
    expect(after.impediments[0]).toMatchObject({ active: false, clearReason: 'Removed from the registry' });
    const changes = t.edges
      .filter((e: { node: { eventType: string } }) => e.node.eventType === 'customers.EligibilityChanged')
      .map((e: { node: { summary: string } }) => e.node.summary);
    // overdue → +risk registry → −risk registry → up to date: four changes, newest first; the late OVERDUE made none.
    expect(changes).toEqual(['Eligible again', 'Not eligible: OVERDUE_DEBT', 'Not eligible: OVERDUE_DEBT, RISK_REGISTRY', 'Not eligible: OVERDUE_DEBT']);
  });
});

describe('3b. status driven by events (R-CUS-ST3) and 9. churn analysis', () => {
  test('R-CUS-ST3 first activation → ACTIVE (a redelivery changes nothing); last product withdrawn → CHURNED with the reason', async () => {
    const tenant = uniqueTenant('status');
    const admin = await tokenFor(tenant, ['ADMIN']);
    const customerId = await business(admin, 'Estado Cambiante SRL', { segment: 'EMPRESAS' });
    const now = new Date().toISOString();

    // A prospect cannot churn: the event is not applied (and not dead-lettered).
    await bus.publish(
      testEvent('postsale', 'postsale.InstalledProductWithdrawn', tenant, 'ip_0', {
        installedProductId: 'ip_0',
        customerId,
        reason: 'Never active',
        remainingActiveProducts: 0,
        withdrawnAt: now,
      }),
    );
    // Topics are not ordered among themselves: let it land before the activations.
    await waitTimeline(admin, customerId, "the prospect's withdrawal", (types) => types.includes('postsale.InstalledProductWithdrawn'));
    expect((await ok(admin, STATUS, { id: customerId })).customer.status).toBe('PROSPECT');
    const activated = testEvent('sales', 'sales.SalesOrderActivated', tenant, 'so_1', { orderId: 'so_1', customerId, planCode: 'FIB-100', activatedAt: now });
    await bus.publish(activated);
    await bus.publish(activated); // redelivery
    await bus.publish(testEvent('proposals', 'proposals.OpportunityWon', tenant, 'op_1', { opportunityId: 'op_1', customerId, leadId: null, wonAt: now }));
    await waitTimeline(
      admin,
      customerId,
      'both activations',
      (types) => types.includes('sales.SalesOrderActivated') && types.includes('proposals.OpportunityWon'),
    );
    expect((await ok(admin, STATUS, { id: customerId })).customer.status).toBe('ACTIVE');

    await bus.publish(
      testEvent('postsale', 'postsale.InstalledProductWithdrawn', tenant, 'ip_1', {
        installedProductId: 'ip_1',
        customerId,
        reason: 'Cambio de proveedor',
        remainingActiveProducts: 1,
        withdrawnAt: now,
      }),
    );
    await bus.publish(
      testEvent('postsale', 'postsale.InstalledProductWithdrawn', tenant, 'ip_2', {
        installedProductId: 'ip_2',
        customerId,
        reason: 'Cambio de proveedor',
        remainingActiveProducts: 0,
        withdrawnAt: now,
      }),
    );
    const t = await waitTimeline(
      admin,
      customerId,
      'the churn in the timeline',
      (types) =>
        types.filter((x) => x === 'customers.CustomerStatusChanged').length === 2 &&
        types.filter((x) => x === 'postsale.InstalledProductWithdrawn').length === 3,
    );
    const { customer } = await ok(admin, STATUS, { id: customerId });
    expect(customer.status).toBe('CHURNED');
    expect(customer.history.map((h: { from: string | null; to: string; by: string; note: string | null }) => [h.from, h.to, h.note])).toEqual([
      [null, 'PROSPECT', null],
      // Whichever activation arrived first (two topics: no order between them); the second changed nothing.
      ['PROSPECT', 'ACTIVE', expect.stringMatching(/^(sales\.SalesOrderActivated \(so_1\)|proposals\.OpportunityWon \(op_1\))$/)],
      ['ACTIVE', 'CHURNED', 'Cambio de proveedor'],
    ]);
    const summaries = t.edges
      .filter((e: { node: { eventType: string } }) => e.node.eventType === 'customers.CustomerStatusChanged')
      .map((e: { node: { summary: string } }) => e.node.summary);
    expect(summaries).toEqual(['Status ACTIVE → CHURNED: Cambio de proveedor', 'Status PROSPECT → ACTIVE']);
    expect(t.edges.filter((e: { node: { eventType: string } }) => e.node.eventType === 'sales.SalesOrderActivated')).toHaveLength(1);

    const CHURN = `query($from: Date!, $to: Date!) { churnAnalysis(from: $from, to: $to) { total byReason { key count } bySegment { key count } groups { month reason segment count } } }`;
    const lead = await tokenFor(tenant, ['SALES_TEAM_LEAD']);
    await refused(lead, CHURN, { from: '2020-01-01', to: '2030-12-31' }, 'BAD_USER_INPUT');
    const from = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10);
    const to = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const analysis = (await ok(lead, CHURN, { from, to })).churnAnalysis;
    expect(analysis).toMatchObject({ total: 1, byReason: [{ key: 'Cambio de proveedor', count: 1 }], bySegment: [{ key: 'EMPRESAS', count: 1 }] });
    expect(analysis.groups).toEqual([{ month: expect.stringMatching(/^\d{4}-\d{2}$/), reason: 'Cambio de proveedor', segment: 'EMPRESAS', count: 1 }]);
    await refused(await tokenFor(tenant, ['ACCOUNT_EXECUTIVE']), CHURN, { from, to }, 'FORBIDDEN');
  });
});

describe('7. interactions and the timeline', () => {
  test("every subgraph's events about the customer and its interactions, newest first, filtered, paged, linked by reference", async () => {
    const tenant = uniqueTenant('tl');
    const clerk = await tokenFor(tenant, ['COMMERCIAL_CLERK'], { sub: 'clerk-tl' });
    const customerId = await business(clerk, 'Línea de Tiempo SRL');
    const PLACE = `mutation($input: PlaceSalesOrderInput!) { placeSalesOrder(input: $input) { salesOrder { id number } } }`;
    const placed = await waitFor('sales to know the customer', async () => {
      const res = await execute<any>(PLACE, { input: { customerId, planCode: 'FIBER-200', installationAddress: 'Av. América 55' } }, { token: clerk });
      if (res.errors?.[0]?.extensions?.code === 'NOT_FOUND') return undefined;
      return expectNoGraphQLErrors(res).placeSalesOrder.salesOrder as { id: string; number: string };
    });
    const order = placed.id;
    const RECORD = `mutation($i: RecordInteractionInput!) { recordInteraction(input: $i) { interaction { id channel summary outcome link { typename id } author { id } } } }`;
    const rec = (
      await ok(clerk, RECORD, {
        i: { customerId, channel: 'WHATSAPP', summary: 'Sent the installation date', outcome: 'Customer agreed', link: { typename: 'SalesOrder', id: order } },
      })
    ).recordInteraction.interaction;
    expect(rec).toMatchObject({ channel: 'WHATSAPP', outcome: 'Customer agreed', link: { typename: 'SalesOrder', id: order } });
    await refused(clerk, RECORD, { i: { customerId, channel: 'PHONE', summary: '   ' } }, 'BAD_USER_INPUT');
    await refused(clerk, RECORD, { i: { customerId, channel: 'PHONE', summary: 'x', link: { typename: 'Spaceship', id: 'x' } } }, 'BAD_USER_INPUT');
    await refused(clerk, RECORD, { i: { customerId: 'cus_nope', channel: 'PHONE', summary: 'x' } }, 'NOT_FOUND');
    await refused(await tokenFor(tenant, ['PARTNER']), RECORD, { i: { customerId, channel: 'PHONE', summary: 'x' } }, 'FORBIDDEN');

    const t = await waitTimeline(clerk, customerId, 'sales, techsupport and customers events in the timeline', (types) =>
      ['customers.CustomerRegistered', 'sales.SalesOrderPlaced', 'techsupport.WorkOrderCreated', 'customers.InteractionRecorded'].every((x) =>
        types.includes(x),
      ),
    );
    const nodes = t.edges.map((e: { node: any }) => e.node);
    const sorted = [...nodes].sort((a, b) => b.at.localeCompare(a.at) || b.id.localeCompare(a.id));
    expect(nodes).toEqual(sorted);
    expect(nodes.find((n: any) => n.eventType === 'sales.SalesOrderPlaced')).toMatchObject({
      kind: 'SALE',
      summary: `Sales order ${placed.number} placed: plan FIBER-200 at Av. América 55`,
      subject: { typename: 'SalesOrder', id: order },
      actor: { userId: 'clerk-tl' },
    });
    expect(nodes.find((n: any) => n.eventType === 'customers.InteractionRecorded')).toMatchObject({
      kind: 'INTERACTION',
      channel: 'WHATSAPP',
      outcome: 'Customer agreed',
      summary: 'Sent the installation date',
    });

    // The gateway resolves the linked entities from their owners.
    const LINKS = `query($id: ID!, $f: TimelineFilter) { customer(id: $id) { timeline(filter: $f) { edges { node { eventType author { id } subject { typename salesOrder { id planCode status } workOrder { id type } customer { name } } } } } } }`;
    const linked = (await ok(clerk, LINKS, { id: customerId, f: { kinds: ['SALE', 'SUPPORT', 'INTERACTION'] } })).customer.timeline.edges.map(
      (e: { node: any }) => e.node,
    );
    expect(linked.find((n: any) => n.eventType === 'sales.SalesOrderPlaced').subject.salesOrder).toEqual({
      id: order,
      planCode: 'FIBER-200',
      status: 'PLACED',
    });
    expect(linked.find((n: any) => n.eventType === 'techsupport.WorkOrderCreated').subject.workOrder).toMatchObject({ type: 'INSTALLATION' });
    expect(linked.find((n: any) => n.eventType === 'customers.InteractionRecorded').subject.salesOrder).toMatchObject({ id: order });

    // Filters: kinds, channels, time range; paging keeps the order.
    expect((await timeline(clerk, customerId, { channels: ['WHATSAPP'] })).edges.map((e: any) => e.node.eventType)).toEqual(['customers.InteractionRecorded']);
    expect((await timeline(clerk, customerId, { kinds: ['ACCOUNT'] })).edges.map((e: any) => e.node.eventType)).toEqual(['customers.CustomerRegistered']);
    expect((await timeline(clerk, customerId, { to: '2000-01-01T00:00:00Z' })).edges).toEqual([]);
    await refused(clerk, TIMELINE, { id: customerId, filter: { from: '2025-02-01T00:00:00Z', to: '2025-01-01T00:00:00Z' } }, 'BAD_USER_INPUT');
    const page1 = await timeline(clerk, customerId, undefined, 2);
    const page2 = (await ok(clerk, TIMELINE, { id: customerId, first: 2, after: page1.pageInfo.endCursor })).customer.timeline;
    expect([...page1.edges, ...page2.edges].map((e: any) => e.node.id)).toEqual(nodes.slice(0, page1.edges.length + page2.edges.length).map((n: any) => n.id));

    // Another tenant never sees it.
    expect((await ok(await tokenFor(uniqueTenant('tl2'), ['ADMIN']), TIMELINE, { id: customerId })).customer).toBeNull();
  });

  test('replaying the topics from the start into an empty database rebuilds the same timeline (twice: no duplicates)', async () => {
    const tenant = uniqueTenant('replay');
    const clerk = await tokenFor(tenant, ['COMMERCIAL_CLERK'], { sub: 'clerk-rp' });
    const customerId = await business(clerk, 'Repetición SRL');
    await ok(clerk, `mutation($i: RecordInteractionInput!) { recordInteraction(input: $i) { interaction { id } } }`, {
      i: { customerId, channel: 'PHONE', summary: 'First call' },
    });
    await bus.publish(
      testEvent('collections', 'collections.BillingAccountOpened', tenant, 'ba_r1', {
        billingAccountId: 'ba_r1',
        customerId,
        accountNumber: 'BA-0000R001',
        currency: 'BOB',
        standing: 'UP_TO_DATE',
      }),
    );
    await bus.publish(standing(tenant, customerId, 'ba_r1', 'OVERDUE', 500, '2025-05-01T00:00:00.000Z'));
    await waitTimeline(
      clerk,
      customerId,
      'the live timeline',
      (types) =>
        types.includes('customers.EligibilityChanged') && types.includes('collections.BillingAccountOpened') && types.includes('customers.InteractionRecorded'),
    );

    const { mongoUri, runId, kafkaBrokers } = testStack();
    const conn = await mongoose.createConnection(mongoUri).asPromise();
    const live = conn.useDb(`t${runId}_customers`).collection<TimelineItemDoc>('timeline');
    const replayDb = conn.useDb(`t${runId}_replay_${tenant}`);
    const items = timelineModel(replayDb);
    const project = timelineProjector(items);
    // A rebuild of this tenant: the same projection over the same topics, other tenants' events skipped.
    const onlyTenant: AnyEventHandler = async (e) => (e.tenantId === tenant ? project(e) : undefined);
    const contracts = new EventContracts();
    const kafka = new Kafka({ clientId: 'replay-test', brokers: kafkaBrokers, logLevel: logLevel.NOTHING });
    const producer = kafka.producer();
    await producer.connect();
    const snapshot = (c: typeof live) => c.find({ tenantId: tenant }).sort({ at: -1, _id: -1 }).toArray();
    const liveItems = await snapshot(live);
    const replay = async (group: string) => {
      const consumer = createEventConsumer({
        kafka,
        producer,
        connection: replayDb,
        groupId: group,
        topics: ['customers', 'sales', 'postsale', 'collections', 'techsupport', 'proposals'].map(topicOf),
        dlqTopic: dlqTopicOf('customers'),
        handlers: withTimeline(contractTypes(contracts.types()), [], onlyTenant),
        contracts,
        logger: createLogger('replay-test', 'silent'),
      });
      await consumer.start();
      return consumer;
    };
    const running: { stop: () => Promise<void> }[] = [];
    try {
      const first = await replay(`replay-${tenant}-1`);
      running.push(first);
      const rebuilt = await waitFor('the replay to rebuild the timeline', async () => {
        const got = await snapshot(replayDb.collection<TimelineItemDoc>('timeline'));
        return got.length >= liveItems.length ? got : undefined;
      });
      expect(rebuilt).toEqual(liveItems);
      expect(liveItems.map((i) => i.eventType)).toEqual(
        expect.arrayContaining([
          'customers.CustomerRegistered',
          'customers.InteractionRecorded',
          'collections.BillingAccountOpened',
          'customers.EligibilityChanged',
        ]),
      );

      // A second replay (a new group: every handler runs again) into the same database adds nothing.
      const second = await replay(`replay-${tenant}-2`);
      running.push(second);
      const admin = kafka.admin();
      await admin.connect();
      await waitFor(
        'the second replay to reach the end of every topic',
        async () => {
          for (const name of ['customers', 'sales', 'postsale', 'collections', 'techsupport', 'proposals']) {
            const topic = topicOf(name);
            const ends = await admin.fetchTopicOffsets(topic);
            const [committed] = await admin.fetchOffsets({ groupId: `replay-${tenant}-2`, topics: [topic] });
            for (const p of ends) {
              const at = committed?.partitions.find((c) => c.partition === p.partition)?.offset ?? '-1';
              if (Number(p.high) > 0 && Number(at) < Number(p.high)) return false;
            }
          }
          return true;
        },
        { timeoutMs: 60_000, intervalMs: 500 },
      );
      await admin.disconnect();
      expect(await snapshot(replayDb.collection<TimelineItemDoc>('timeline'))).toEqual(liveItems);
    } finally {
      for (const c of running) await c.stop().catch(() => undefined);
      await producer.disconnect();
      await replayDb.dropDatabase().catch(() => undefined);
      await conn.close();
    }
  });
});

describe('8. loyalty and retention calls (§3 J)', () => {
  test('call list from the portfolio; OK updates the contact; PROBLEM reports it; end-of-day report', async () => {
    const tenant = uniqueTenant('loyal');
    const admin = await tokenFor(tenant, ['ADMIN']);
    const REG_EMP = `mutation($i: RegisterEmployeeInput!) { registerEmployee(input: $i) { employee { id } } }`;
    for (const id of ['ana', 'beto'])
      await ok(admin, REG_EMP, { i: { id, name: `Ejecutiva ${id}`, email: `${id}@vinculo.test`, roles: ['ACCOUNT_EXECUTIVE'] } });
    const lead = await tokenFor(tenant, ['SALES_TEAM_LEAD'], { sub: 'lead-l' });
    const ASSIGN = `mutation($c: ID!, $e: ID!) { assignPortfolio(input: { customerId: $c, executiveId: $e }) { customer { id } } }`;
    const alfa = await business(admin, 'Alfa Fidel SRL');
    const beta = await business(admin, 'Beta Fidel SRL');
    const prospect = await business(admin, 'Gama Prospecto SRL');
    const other = await business(admin, 'Otra Cartera SRL');
    await ok(admin, `mutation($i: AddContactInput!) { addContact(input: $i) { customer { id } } }`, {
      i: { customerId: alfa, contact: { name: 'Rosa Pérez', email: 'rosa@alfa.bo' } },
    });
    for (const c of [alfa, beta, prospect]) await ok(lead, ASSIGN, { c, e: 'ana' });
    await ok(lead, ASSIGN, { c: other, e: 'beto' });
    const now = new Date().toISOString();
    for (const c of [alfa, beta])
      await bus.publish(
        testEvent('sales', 'sales.SalesOrderActivated', tenant, `so_${c}`, { orderId: `so_${c}`, customerId: c, planCode: 'FIB-50', activatedAt: now }),
      );
    await waitFor('both ACTIVE', async () =>
      (await Promise.all([alfa, beta].map(async (id) => (await ok(admin, STATUS, { id })).customer.status))).every((s) => s === 'ACTIVE'),
    );

    const ana = await tokenFor(tenant, ['ACCOUNT_EXECUTIVE'], { sub: 'ana' });
    const { timeZone } = (await ok(ana, `query { tenant { timeZone } }`)).tenant;
    const today = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
    const LIST = `query($e: ID!, $d: Date!) { loyaltyCallList(executiveId: $e, date: $d) { timeZone entries { customer { id name } lastCalledAt calledOnDate } } }`;
    const list = (await ok(ana, LIST, { e: 'ana', d: today })).loyaltyCallList;
    expect(list.entries.map((e: any) => [e.customer.name, e.calledOnDate])).toEqual([
      ['Alfa Fidel SRL', false],
      ['Beta Fidel SRL', false],
    ]);
    await refused(ana, LIST, { e: 'beto', d: today }, 'FORBIDDEN');

    const CALL = `mutation($i: RecordLoyaltyCallInput!) { recordLoyaltyCall(input: $i) { loyaltyCall { outcome contactUpdated interaction { id purpose channel } } customer { primaryContact { name email whatsapp } } } }`;
    const okCall = (
      await ok(ana, CALL, {
        i: { customerId: alfa, outcome: 'OK', notes: 'Service works fine', contactUpdate: { email: 'rosa@nuevo.bo', whatsapp: '70011122' } },
      })
    ).recordLoyaltyCall;
    expect(okCall).toMatchObject({
      loyaltyCall: { outcome: 'OK', contactUpdated: true, interaction: { purpose: 'LOYALTY_CALL', channel: 'PHONE' } },
      customer: { primaryContact: { name: 'Rosa Pérez', email: 'rosa@nuevo.bo', whatsapp: '70011122' } },
    });
    const problem = (await ok(ana, CALL, { i: { customerId: beta, outcome: 'PROBLEM', notes: 'Internet drops every evening' } })).recordLoyaltyCall;
    expect(problem.loyaltyCall).toMatchObject({ outcome: 'PROBLEM', contactUpdated: false });
    await refused(ana, CALL, { i: { customerId: other, outcome: 'OK', notes: 'Not my customer' } }, 'FAILED_PRECONDITION');
    await refused(ana, CALL, { i: { customerId: alfa, outcome: 'OK', notes: 'x', contactUpdate: { email: 'not-an-email' } } }, 'BAD_USER_INPUT');
    await refused(ana, CALL, { i: { customerId: beta, outcome: 'OK', notes: ' ' } }, 'BAD_USER_INPUT');
    await refused(await tokenFor(tenant, ['COMMERCIAL_CLERK']), CALL, { i: { customerId: alfa, outcome: 'OK', notes: 'x' } }, 'FORBIDDEN');

    const REPORT = `query($e: ID!, $d: Date!) { loyaltyCallReport(executiveId: $e, date: $d) { calls problems contactUpdates items { outcome contactUpdated interaction { customer { name } } } } }`;
    const report = (await ok(lead, REPORT, { e: 'ana', d: today })).loyaltyCallReport;
    expect(report).toEqual({
      calls: 2,
      problems: 1,
      contactUpdates: 1,
      items: [
        { outcome: 'OK', contactUpdated: true, interaction: { customer: { name: 'Alfa Fidel SRL' } } },
        { outcome: 'PROBLEM', contactUpdated: false, interaction: { customer: { name: 'Beta Fidel SRL' } } },
      ],
    });
    const after = (await ok(ana, LIST, { e: 'ana', d: today })).loyaltyCallList.entries;
    expect(after.every((e: any) => e.calledOnDate)).toBe(true);

    // PROBLEM → customers.ServiceProblemReported, in the timeline next to the call.
    const t = await waitTimeline(
      ana,
      beta,
      'the problem in the timeline',
      (types) => types.includes('customers.ServiceProblemReported') && types.includes('customers.InteractionRecorded'),
    );
    expect(t.edges.find((e: any) => e.node.eventType === 'customers.ServiceProblemReported').node).toMatchObject({
      kind: 'SUPPORT',
      summary: 'Service problem reported on a loyalty call: Internet drops every evening',
    });
  });
});
