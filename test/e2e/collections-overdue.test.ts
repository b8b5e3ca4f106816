/**
 * Collections end to end, through the gateway on real Kafka + Mongo-wire: invoices imported by an
 * integration partner (billing:write, idempotent by externalId, to the cent), overdue management §3 I
 * (pro-forma delivery, collection calls, R-COL-I1 weekly promise follow-up list), the worklist and the
 * claims queue as cursor connections, and techsupport.ChargeRequested (R-TS-K1) billed like post-sale's.
 */
import { refused, stackBus, testEvent, tokenFor, uniqueTenant, waitFor } from '@vinculo/common/testing';
import { execute, ok } from './support/untyped-answers';

const bus = stackBus();

let seq = 7300000;
const REGISTER = `mutation($i: RegisterCustomerInput!) { registerCustomer(input: $i) { customer { id } } }`;
const OPEN = `mutation($i: OpenBillingAccountInput!) { openBillingAccount(input: $i) { billingAccount { id } } }`;
const IMPORT = `mutation($i: ImportInvoiceInput!) { importInvoice(input: $i) { created invoice { id number externalId period dueDate status total { amount currency }
  lines { kind description installedProductId amount { amount } } billingAccount { id standing balance { amount } overdueAmount { amount } } } } }`;
const ACCOUNT = `query($id: ID!) { billingAccount(id: $id) { id standing balance { amount } credit { amount } pendingCharges { id kind amount { amount } description }
  invoices(first: 10) { edges { node { id externalId total { amount } deliveries { channel note deliveredBy } } } }
  collectionCalls(first: 10) { edges { node { outcome note calledBy paymentPromise { id } customer { id } } } } } }`;
const DELIVER = `mutation($i: RecordInvoiceDeliveryInput!) { recordInvoiceDelivery(input: $i) { delivery { id channel note deliveredBy } invoice { id } } }`;
const CALL = `mutation($i: RecordCollectionCallInput!) { recordCollectionCall(input: $i) { call { id outcome note paymentPromise { id } } paymentPromise { id followUpDate } } }`;
const PROMISE = `mutation($i: RecordPaymentPromiseInput!) { recordPaymentPromise(input: $i) { paymentPromise { id followUpDate promisedDate } } }`;
const FOLLOW_UPS = `query($e: ID!, $w: Date, $after: String) { paymentPromiseFollowUps(executiveId: $e, weekOf: $w, first: 1, after: $after) {
  edges { node { id followUpDate billingAccount { id } } } pageInfo { hasNextPage endCursor } } }`;
const WORKLIST = `query($e: ID!, $after: String) { overdueWorklist(executiveId: $e, first: 1, after: $after) {
  edges { node { billingAccount { id } overdueAmount { amount } followUpDue } } pageInfo { hasNextPage endCursor } } }`;
const QUEUE = `query($after: String) { assignedBillingClaims(first: 1, after: $after) { edges { node { id urgent } } pageInfo { hasNextPage endCursor } } }`;
const REGISTER_CLAIM = `mutation($i: RegisterBillingClaimInput!) { registerBillingClaim(input: $i) { billingClaim { id } } }`;
const URGE = `mutation($i: RequestBillingClaimUrgencyInput!) { requestBillingClaimUrgency(input: $i) { billingClaim { id urgent } } }`;
const PAY = `mutation($i: RegisterPaymentInput!) { registerPayment(input: $i) { payment { id } } }`;
const TIMELINE = `query($id: ID!) { customer(id: $id) { timeline(first: 100, filter: { kinds: [BILLING] }) { edges { node { eventType } } } } }`;

const localToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'America/La_Paz', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const plus = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

async function setUp(prefix: string) {
  const tenant = uniqueTenant(prefix);
  const clerk = await tokenFor(tenant, ['COMMERCIAL_CLERK'], { sub: `clerk-${prefix}` });
  const admin = await tokenFor(tenant, ['ADMIN']);
  const customerId = (await ok(clerk, REGISTER, { i: { kind: 'BUSINESS', name: `Cobranza ${prefix} SRL`, taxId: String(++seq) } })).registerCustomer.customer
    .id as string;
  const open = () =>
    waitFor('collections to know the customer', async () => {
      const r = await execute<any>(OPEN, { i: { customerId, currency: 'BOB' } }, { token: clerk });
      return r.errors ? undefined : (r.data.openBillingAccount.billingAccount.id as string);
    });
  return { tenant, clerk, admin, customerId, open };
}

const line = (kind: string, description: string, amount: string) => ({ kind, description, amount });

describe('collections: invoices imported by an integration partner (billing:write)', () => {
  test('idempotent by externalId, checked to the cent, CONFLICT on different content, standing recomputed, InvoiceIssued once', async () => {
    const { tenant, clerk, customerId, open } = await setUp('imp');
    const accountId = await open();
    const erp = await tokenFor(tenant, ['PARTNER'], { sub: 'erp-1', scopes: ['read', 'write', 'billing:write'] });
    const bank = await tokenFor(tenant, ['PARTNER'], { sub: 'bank-1', scopes: ['read', 'write', 'payments:write'] });
    const input = {
      billingAccountId: accountId,
      externalId: 'ERP-2026-000123',
      period: '2026-01',
      dueDate: '2026-02-10',
      total: '345.67',
      lines: [line('PLAN_FEE', 'Plan empresarial 100 Mbps', '300.00'), line('EXCESS_CABLE', 'Cable excedente 15 m', '45.67')],
    };

    await refused(bank, IMPORT, { i: input }, 'FORBIDDEN'); // a partner without the scope
    await refused(clerk, IMPORT, { i: input }, 'FORBIDDEN'); // staff
    await refused(erp, IMPORT, { i: { ...input, total: '345.66' } }, 'BAD_USER_INPUT'); // one cent off
    await refused(erp, IMPORT, { i: { ...input, total: '345.675', lines: [line('FEE', 'x', '345.675')] } }, 'BAD_USER_INPUT');
    expect((await ok(clerk, ACCOUNT, { id: accountId })).billingAccount).toMatchObject({ balance: { amount: '0.00' }, invoices: { edges: [] } });

    // The same import twice at once: one invoice, created once.
    const [a, b] = await Promise.all([execute<any>(IMPORT, { i: input }, { token: erp }), execute<any>(IMPORT, { i: input }, { token: erp })]);
    expect([a.errors, b.errors]).toEqual([undefined, undefined]);
    expect([a.data.importInvoice.created, b.data.importInvoice.created].sort()).toEqual([false, true]);
    const imported = a.data.importInvoice.invoice;
    expect(b.data.importInvoice.invoice.id).toBe(imported.id);
    expect(imported).toMatchObject({
      externalId: 'ERP-2026-000123',
      period: '2026-01',
      dueDate: '2026-02-10',
      status: 'OPEN',
      total: { amount: '345.67', currency: 'BOB' },
      lines: [
        { kind: 'PLAN_FEE', amount: { amount: '300.00' } },
        { kind: 'EXCESS_CABLE', amount: { amount: '45.67' } },
      ],
    });
    // Due 10 February: long past the tenant's overdue days, the standing is recomputed on import.
    const account = (await ok(clerk, ACCOUNT, { id: accountId })).billingAccount;
    expect(account).toMatchObject({ standing: 'OVERDUE', balance: { amount: '345.67' } });
    expect(account.invoices.edges).toHaveLength(1);

    const again = (await ok(erp, IMPORT, { i: input })).importInvoice;
    expect(again).toMatchObject({ created: false, invoice: { id: imported.id } });
    await refused(
      erp,
      IMPORT,
      {
        i: {
          ...input,
          total: '345.68',
          lines: [line('PLAN_FEE', 'Plan empresarial 100 Mbps', '300.01'), line('EXCESS_CABLE', 'Cable excedente 15 m', '45.67')],
        },
      },
      'CONFLICT',
    );
    await refused(erp, IMPORT, { i: { ...input, dueDate: '2026-02-11' } }, 'CONFLICT');
    expect((await ok(clerk, ACCOUNT, { id: accountId })).billingAccount).toMatchObject({ balance: { amount: '345.67' } });

    // A payment after the imports travels on the account's key behind their InvoiceIssued: once it is in
    // the customer's timeline, so is every InvoiceIssued there will be.
    await ok(bank, PAY, { i: { billingAccountId: accountId, amount: '45.67', channel: 'BANK', externalReference: 'BNB-IMP-1' } });
    const types = await waitFor('the payment in the timeline', async () => {
      const t = (await ok(clerk, TIMELINE, { id: customerId })).customer.timeline.edges.map(
        (e: { node: { eventType: string } }) => e.node.eventType,
      ) as string[];
      return t.includes('collections.PaymentReceived') ? t : undefined;
    });
    expect(types.filter((t) => t === 'collections.InvoiceIssued')).toHaveLength(1);
  });
});

describe('collections: overdue management (§3 I)', () => {
  test('pro-forma delivery and collection calls as interactions, R-COL-I1 weekly follow-up list, worklist and claims queue as cursor connections', async () => {
    const { tenant, clerk, admin, customerId, open } = await setUp('mora');
    const erp = await tokenFor(tenant, ['PARTNER'], { sub: 'erp-2', scopes: ['write', 'billing:write'] });
    const exec = await tokenFor(tenant, ['ACCOUNT_EXECUTIVE'], { sub: 'exec-mora' });
    const lead = await tokenFor(tenant, ['SALES_TEAM_LEAD'], { sub: 'lead-mora' });
    const utar = await tokenFor(tenant, ['CLAIMS_UNIT'], { sub: 'utar-mora' });
    await ok(admin, `mutation($i: RegisterEmployeeInput!) { registerEmployee(input: $i) { employee { id } } }`, {
      i: { id: 'exec-mora', name: 'Ejecutiva Cobranza', email: 'cobranza@vinculo.test', roles: ['ACCOUNT_EXECUTIVE'] },
    });
    await ok(lead, `mutation($c: ID!, $e: ID!) { assignPortfolio(input: { customerId: $c, executiveId: $e }) { customer { id } } }`, {
      c: customerId,
      e: 'exec-mora',
    });
    const small = await open();
    const large = await open();
    const imp = (accountId: string, externalId: string, amount: string) =>
      ok(erp, IMPORT, {
        i: { billingAccountId: accountId, externalId, period: '2026-01', dueDate: '2026-02-01', total: amount, lines: [line('PLAN_FEE', 'Plan', amount)] },
      });
    const smallInvoice = (await imp(small, 'ERP-S-1', '100.00')).importInvoice.invoice.id as string;
    const largeInvoice = (await imp(large, 'ERP-L-1', '250.50')).importInvoice.invoice.id as string;

    // The worklist, one entry a page, largest overdue amount first.
    const first = await waitFor('the worklist from the portfolio', async () => {
      const w = (await ok(exec, WORKLIST, { e: 'exec-mora' })).overdueWorklist;
      return w.edges.length ? w : undefined;
    });
    expect(first.edges.map((e: any) => [e.node.billingAccount.id, e.node.overdueAmount.amount, e.node.followUpDue])).toEqual([[large, '250.50', true]]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (await ok(exec, WORKLIST, { e: 'exec-mora', after: first.pageInfo.endCursor })).overdueWorklist;
    expect(second.edges.map((e: any) => [e.node.billingAccount.id, e.node.overdueAmount.amount])).toEqual([[small, '100.00']]);
    expect(second.pageInfo.hasNextPage).toBe(false);
    await refused(exec, WORKLIST, { e: 'exec-mora', after: 'not-a-cursor' }, 'BAD_USER_INPUT');

    // Pro-forma delivery by WhatsApp: recorded on the invoice and as an interaction with the customer.
    const delivered = (await ok(exec, DELIVER, { i: { invoiceId: largeInvoice, channel: 'WHATSAPP', note: 'Enviada al 70000000' } })).recordInvoiceDelivery;
    expect(delivered).toMatchObject({
      delivery: { channel: 'WHATSAPP', note: 'Enviada al 70000000', deliveredBy: 'exec-mora' },
      invoice: { id: largeInvoice },
    });
    await ok(clerk, DELIVER, { i: { invoiceId: largeInvoice, channel: 'PAPER' } });
    await refused(exec, DELIVER, { i: { invoiceId: 'inv_nope', channel: 'EMAIL' } }, 'NOT_FOUND');
    await refused(utar, DELIVER, { i: { invoiceId: largeInvoice, channel: 'EMAIL' } }, 'FORBIDDEN');

    // A promise on each account; the weekly follow-up list (R-COL-I1) is next week's, not this week's.
    const today = localToday();
    const pLarge = (await ok(exec, PROMISE, { i: { billingAccountId: large, promisedDate: plus(today, 20), amount: '250.50' } })).recordPaymentPromise
      .paymentPromise;
    const pSmall = (await ok(exec, PROMISE, { i: { billingAccountId: small, promisedDate: plus(today, 30), amount: '100.00' } })).recordPaymentPromise
      .paymentPromise;
    expect([pLarge.followUpDate, pSmall.followUpDate]).toEqual([plus(today, 7), plus(today, 7)]);
    expect((await ok(exec, FOLLOW_UPS, { e: 'exec-mora', w: today })).paymentPromiseFollowUps.edges).toEqual([]);
    const week1 = (await ok(exec, FOLLOW_UPS, { e: 'exec-mora', w: plus(today, 7) })).paymentPromiseFollowUps;
    expect(week1.pageInfo.hasNextPage).toBe(true);
    const week2 = (await ok(exec, FOLLOW_UPS, { e: 'exec-mora', w: plus(today, 7), after: week1.pageInfo.endCursor })).paymentPromiseFollowUps;
    expect(week2.pageInfo.hasNextPage).toBe(false);
    expect([...week1.edges, ...week2.edges].map((e: any) => e.node.id).sort()).toEqual([pLarge.id, pSmall.id].sort());
    await refused(exec, FOLLOW_UPS, { e: 'someone-else', w: today }, 'FORBIDDEN');
    expect((await ok(lead, FOLLOW_UPS, { e: 'exec-mora', w: plus(today, 14) })).paymentPromiseFollowUps.edges).toHaveLength(1);

    // Collection calls by protocol: the call on the account with a promise is its follow-up.
    const call = (await ok(exec, CALL, { i: { billingAccountId: large, outcome: 'PROMISED_TO_PAY', note: 'Confirma el pago' } })).recordCollectionCall;
    expect(call).toMatchObject({
      call: { outcome: 'PROMISED_TO_PAY', note: 'Confirma el pago', paymentPromise: { id: pLarge.id } },
      paymentPromise: { id: pLarge.id, followUpDate: plus(today, 7) },
    });
    await ok(exec, CALL, { i: { billingAccountId: large, outcome: 'NO_ANSWER' } });
    await refused(utar, CALL, { i: { billingAccountId: large, outcome: 'NO_ANSWER' } }, 'FORBIDDEN');
    const acc = (await ok(exec, ACCOUNT, { id: large })).billingAccount;
    expect(acc.collectionCalls.edges.map((e: any) => [e.node.outcome, e.node.calledBy, e.node.customer.id])).toEqual([
      ['NO_ANSWER', 'exec-mora', customerId],
      ['PROMISED_TO_PAY', 'exec-mora', customerId],
    ]);
    expect(acc.invoices.edges[0].node.deliveries.map((d: any) => d.channel)).toEqual(['WHATSAPP', 'PAPER']);
    const timeline = await waitFor('deliveries and calls in the customer timeline', async () => {
      const t = (await ok(clerk, TIMELINE, { id: customerId })).customer.timeline.edges.map(
        (e: { node: { eventType: string } }) => e.node.eventType,
      ) as string[];
      return t.filter((x) => x === 'collections.InvoiceDelivered').length === 2 && t.filter((x) => x === 'collections.CollectionCallRecorded').length === 2
        ? t
        : undefined;
    });
    expect(timeline.length).toBeGreaterThan(4);

    // The claims queue, one a page: the urgent claim first although it is the newer one.
    const c1 = (await ok(clerk, REGISTER_CLAIM, { i: { invoiceId: smallInvoice, description: 'Factura duplicada' } })).registerBillingClaim.billingClaim.id;
    const c2 = (await ok(clerk, REGISTER_CLAIM, { i: { invoiceId: largeInvoice, description: 'Cobro de cable indebido' } })).registerBillingClaim.billingClaim
      .id;
    const q0 = (await ok(utar, QUEUE, {})).assignedBillingClaims;
    expect(q0.edges.map((e: any) => e.node.id)).toEqual([c1]);
    await ok(clerk, URGE, { i: { claimId: c2 } });
    const q1 = (await ok(utar, QUEUE, {})).assignedBillingClaims;
    expect(q1.edges.map((e: any) => e.node)).toEqual([{ id: c2, urgent: true }]);
    const q2 = (await ok(utar, QUEUE, { after: q1.pageInfo.endCursor })).assignedBillingClaims;
    expect(q2.edges.map((e: any) => e.node)).toEqual([{ id: c1, urgent: false }]);
    expect(q2.pageInfo.hasNextPage).toBe(false);

    // Two claims-unit members resolve the same claim at once: exactly one wins, the credit is applied once.
    const RESOLVE = `mutation($i: ResolveBillingClaimInput!) { resolveBillingClaim(input: $i) { billingClaim { id status credited { amount } } } }`;
    const resolveC1 = () =>
      execute<any>(RESOLVE, { i: { claimId: c1, accepted: true, creditAmount: '10.00', reason: 'Cobro duplicado de un día' } }, { token: utar });
    const both = await Promise.all([resolveC1(), resolveC1()]);
    // The loser either clashes on the version (CONFLICT) or finds the claim already resolved
    // (FAILED_PRECONDITION), depending on when it read it; either way the credit is applied once.
    const codes = both.map((r) => r.errors?.[0]?.extensions?.code ?? 'OK').sort();
    expect(codes).toHaveLength(2);
    expect(codes).toContain('OK');
    expect(['CONFLICT', 'FAILED_PRECONDITION']).toContain(codes.find((c) => c !== 'OK'));
    expect((await ok(clerk, ACCOUNT, { id: small })).billingAccount.balance).toEqual({ amount: '90.00' });
  });
});

describe('collections: techsupport.ChargeRequested (R-TS-K1 excess cable)', () => {
  test('billed like postsale.ChargeRequested, once per delivery, not confused with a post-sale charge of the same id', async () => {
    const { tenant, clerk, customerId, open } = await setUp('tsk');
    const accountId = await open();
    const cable = testEvent(
      'techsupport',
      'techsupport.ChargeRequested',
      tenant,
      'wo-77',
      {
        chargeId: 'c-1',
        customerId,
        kind: 'EXCESS_CABLE',
        amountMinor: 4550,
        currency: 'BOB',
        description: 'Excess cable 13 m on fiber migration (R-TS-K1)',
      },
      { time: '2026-03-05T15:00:00.000Z' },
    );
    await bus.publish(cable);
    await bus.publish(cable);
    await bus.publish(
      testEvent(
        'postsale',
        'postsale.ChargeRequested',
        tenant,
        'c-1',
        {
          chargeId: 'c-1',
          customerId,
          kind: 'FEE',
          amountMinor: 2000,
          currency: 'BOB',
          description: 'Procedure fee',
        },
        { time: '2026-03-06T15:00:00.000Z' },
      ),
    );
    const pending = await waitFor('both charges', async () => {
      const a = (await ok(clerk, ACCOUNT, { id: accountId })).billingAccount;
      return a.pendingCharges.length === 2 ? a.pendingCharges : undefined;
    });
    expect(pending.map((c: any) => [c.kind, c.amount.amount])).toEqual([
      ['EXCESS_CABLE', '45.50'],
      ['FEE', '20.00'],
    ]);
    const run = (
      await ok(clerk, `mutation($i: RunBillingPeriodInput!) { runBillingPeriod(input: $i) { issued { total { amount } lines { kind amount { amount } } } } }`, {
        i: { period: '2026-03', billingAccountId: accountId },
      })
    ).runBillingPeriod;
    expect(run.issued).toEqual([
      {
        total: { amount: '65.50' },
        lines: [
          { kind: 'EXCESS_CABLE', amount: { amount: '45.50' } },
          { kind: 'FEE', amount: { amount: '20.00' } },
        ],
      },
    ]);
  });
});
