/**
 * The collections subgraph end to end, through the gateway on real Kafka + Mongo-wire: a billing
 * account opened by sales.SalesOrderActivated, subscriptions mirrored from post-sale events (whose
 * producers are not built yet: published here), the monthly billing run across a suspension and two
 * withdrawals (R-PS-H3) with a penalty charge, payments allocated oldest first with a credit balance,
 * duplicate external references under concurrency, and the standing feeding customers' eligibility.
 */
import { refused, stackBus, testEvent, tokenFor, uniqueTenant, waitFor } from '@vinculo/common/testing';
import { execute, ok } from './support/untyped-answers';
import { idFromEvent } from '@vinculo/common';

type Vars = Record<string, unknown>;

let seq = 7100000;
const REGISTER = `mutation($i: RegisterCustomerInput!) { registerCustomer(input: $i) { customer { id } } }`;
const business = async (token: string, name: string) =>
  (await ok(token, REGISTER, { i: { kind: 'BUSINESS', name, taxId: String(++seq) } })).registerCustomer.customer.id as string;

const ACCOUNT = `query($id: ID!) { billingAccount(id: $id) { id orderId currency standing accountNumber
  balance { amount currency } credit { amount } overdueAmount { amount }
  products { installedProductId status family changeCount }
  pendingCharges { id kind amount { amount } }
  history { from to by }
  invoices(first: 10) { edges { node { id number period dueDate status total { amount currency } paid { amount } outstanding { amount }
    lines { kind description installedProductId days amount { amount currency } } } } }
  payments(first: 10) { edges { node { id externalReference amount { amount } allocations { invoice { id } amount { amount } } creditAdded { amount } } } } } }`;
const CUSTOMER_ACCOUNTS = `query($id: ID!) { customer(id: $id) { id billingAccounts(first: 5) { edges { node { id orderId } } } collectionsStanding billingBalance { amount currency } eligibility { eligible reasons { kind detail } } } }`;
const RUN = `mutation($i: RunBillingPeriodInput!) { runBillingPeriod(input: $i) { period alreadyIssued nothingToBill issued { id number total { amount currency } } } }`;
const PAY = `mutation($i: RegisterPaymentInput!) { registerPayment(input: $i) {
  payment { id channel amount { amount } allocations { invoice { id } amount { amount } } creditAdded { amount } }
  billingAccount { standing balance { amount } credit { amount } overdueAmount { amount } } } }`;
const EVALUATE = `mutation { evaluateStandings { evaluated changed { id standing overdueAmount { amount } } promisesSettled { id status paid { amount } } } }`;
const ADVANCE_CLOCK = `mutation($i: AdvanceBusinessClockInput!) { advanceBusinessClock(input: $i) { businessClock { now } } }`;
const PROMISE = `mutation($i: RecordPaymentPromiseInput!) { recordPaymentPromise(input: $i) { paymentPromise { id status promisedDate followUpDate amount { amount currency } } } }`;
const WORKLIST_PAGE = `query($e: ID!) { overdueWorklist(executiveId: $e, first: 10) { edges { node { billingAccount { id } customer { id } overdueAmount { amount } pendingPromise { id } followUpDue } } pageInfo { hasNextPage } } }`;
const PROMISES = `query($id: ID!) { billingAccount(id: $id) { paymentPromises(first: 10) { edges { node { id status paid { amount } history { from to } } } } } }`;
const OPEN = `mutation($i: OpenBillingAccountInput!) { openBillingAccount(input: $i) { billingAccount { id standing } } }`;

/** The worklist connection's nodes (one page of 10 is the whole list here). */
const worklistOf = async (token: string, executiveId: string) => {
  const page = (await ok(token, WORKLIST_PAGE, { e: executiveId })).overdueWorklist;
  expect(page.pageInfo.hasNextPage).toBe(false);
  return page.edges.map((e: { node: unknown }) => e.node) as any[];
};

const bus = stackBus();

const changed = (tenant: string, data: Vars, time?: string) =>
  testEvent(
    'postsale',
    'postsale.SubscriptionChanged',
    tenant,
    data.installedProductId as string,
    { currency: 'BOB', billing: 'PRORATED', ...data },
    time ? { time } : {},
  );

const account = async (token: string, id: string) => (await ok(token, ACCOUNT, { id })).billingAccount;
const ours = (p: { installedProductId: string | null }) => p.installedProductId === null || p.installedProductId.startsWith('ip-');
const waitProducts = (token: string, id: string, expected: Record<string, number>) =>
  waitFor('the subscription mirror', async () => {
    const a = await account(token, id);
    // Only the products published below: post-sale also creates one (fee unknown, 0) from the item-less activation.
    const counts = Object.fromEntries(
      (a?.products ?? []).filter(ours).map((p: { installedProductId: string; changeCount: number }) => [p.installedProductId, p.changeCount]),
    );
    return JSON.stringify(counts) === JSON.stringify(expected) ? a : undefined;
  });

describe('collections: billing run across a suspension and withdrawals, payments, standing', () => {
  test('R-PS-H3 the March invoice to the cent; re-running the period changes nothing; payments oldest first, credit, CONFLICT under concurrency; standing feeds eligibility', async () => {
    const tenant = uniqueTenant('col');
    const clerk = await tokenFor(tenant, ['COMMERCIAL_CLERK'], { sub: 'clerk-col' });
    const partner = await tokenFor(tenant, ['PARTNER'], { sub: 'bank-1', scopes: ['read', 'write', 'payments:write'] });
    const customerId = await business(clerk, 'Facturada SRL');
    const orderId = `so-${customerId}`;

    // 1. Billing starts: the activated order opens its account (delivered twice: one account). The order
    // carries no items: the products below are post-sale's events written by hand, to control their dates
    // (post-sale still makes one fee-0 product of the order's plan; `ours` leaves it out). An itemized
    // activation from the real sales service is in flow-order-to-cash.test.ts.
    const activated = testEvent('sales', 'sales.SalesOrderActivated', tenant, orderId, {
      orderId,
      customerId,
      planCode: 'INET-50',
      activatedAt: '2026-01-01T14:00:00.000Z',
      currency: 'BOB',
      technology: 'FIBER',
      nodeId: null,
    });
    await bus.publish(activated);
    await bus.publish(activated);
    const accountId = idFromEvent('bac', `${tenant}:order:${orderId}`);
    const opened = await waitFor('the account opened by SalesOrderActivated', async () => (await account(clerk, accountId)) ?? undefined);
    expect(opened).toMatchObject({ orderId, currency: 'BOB', standing: 'UP_TO_DATE', balance: { amount: '0.00', currency: 'BOB' } });
    const viaCustomer = await waitFor('Customer.billingAccounts', async () => {
      const c = (await ok(clerk, CUSTOMER_ACCOUNTS, { id: customerId })).customer;
      return c?.billingAccounts.edges.length ? c : undefined;
    });
    expect(viaCustomer.billingAccounts.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([accountId]);

    // 2. Post-sale: internet suspended 10–19 March; a fixed line (flat rate) and another internet withdrawn on the 16th.
    const suspended = changed(tenant, {
      installedProductId: 'ip-inet',
      customerId,
      orderId,
      change: 'SUSPENDED',
      effectiveDate: '2026-03-10',
      planCode: 'INET-50',
      monthlyFeeMinor: 15000,
    });
    const events = [
      changed(tenant, {
        installedProductId: 'ip-inet',
        customerId,
        orderId,
        change: 'ACTIVATED',
        effectiveDate: '2026-01-01',
        planCode: 'INET-50',
        monthlyFeeMinor: 15000,
      }),
      suspended,
      suspended, // redelivered: one effect
      changed(tenant, {
        installedProductId: 'ip-inet',
        customerId,
        orderId,
        change: 'RECONNECTED',
        effectiveDate: '2026-03-20',
        planCode: 'INET-50',
        monthlyFeeMinor: 15000,
      }),
      changed(tenant, {
        installedProductId: 'ip-fija',
        customerId,
        orderId,
        change: 'ACTIVATED',
        effectiveDate: '2026-01-01',
        planCode: 'FIJA',
        monthlyFeeMinor: 8000,
      }),
      changed(tenant, {
        installedProductId: 'ip-fija',
        customerId,
        orderId,
        change: 'WITHDRAWN',
        effectiveDate: '2026-03-16',
        planCode: 'FIJA',
        monthlyFeeMinor: 8000,
        billing: 'FULL_MONTH',
      }),
      changed(tenant, {
        installedProductId: 'ip-inet30',
        customerId,
        orderId,
        change: 'ACTIVATED',
        effectiveDate: '2026-01-01',
        planCode: 'INET-30',
        monthlyFeeMinor: 12000,
      }),
      changed(tenant, {
        installedProductId: 'ip-inet30',
        customerId,
        orderId,
        change: 'WITHDRAWN',
        effectiveDate: '2026-03-16',
        planCode: 'INET-30',
        monthlyFeeMinor: 12000,
      }),
      testEvent('postsale', 'postsale.InstalledProductWithdrawn', tenant, 'ip-inet30', {
        installedProductId: 'ip-inet30',
        customerId,
        reason: 'Se muda',
        remainingActiveProducts: 1,
        withdrawnAt: '2026-03-16T15:00:00.000Z',
      }),
    ];
    for (const e of events) await bus.publish(e);
    const penalty = testEvent(
      'postsale',
      'postsale.ChargeRequested',
      tenant,
      'chg-1',
      { chargeId: 'chg-1', customerId, kind: 'PENALTY', amountMinor: 20000, currency: 'BOB', description: 'Early termination (R-PS-H2)' },
      { time: '2026-03-16T15:00:00.000Z' },
    );
    await bus.publish(penalty);
    await bus.publish(penalty);
    const mirrored = await waitProducts(clerk, accountId, { 'ip-fija': 2, 'ip-inet': 3, 'ip-inet30': 2 });
    expect(mirrored.products.filter(ours).map((p: { status: string }) => p.status)).toEqual(['WITHDRAWN', 'ACTIVE', 'WITHDRAWN']);
    // Collections' part of post-sale's InstalledProduct entity: its billing mirror and account.
    const viaEntity = (
      await ok(
        clerk,
        `query($id: ID!) { billingAccount(id: $id) { products { installedProduct { id billedProduct { installedProductId status changeCount billingAccount { id } } } } } }`,
        { id: accountId },
      )
    ).billingAccount.products;
    expect(viaEntity.filter((p: any) => ours({ installedProductId: p.installedProduct.id })).map((p: any) => p.installedProduct)).toEqual([
      { id: 'ip-fija', billedProduct: { installedProductId: 'ip-fija', status: 'WITHDRAWN', changeCount: 2, billingAccount: { id: accountId } } },
      { id: 'ip-inet', billedProduct: { installedProductId: 'ip-inet', status: 'ACTIVE', changeCount: 3, billingAccount: { id: accountId } } },
      { id: 'ip-inet30', billedProduct: { installedProductId: 'ip-inet30', status: 'WITHDRAWN', changeCount: 2, billingAccount: { id: accountId } } },
    ]);

    // 3. The March run. 150.00: 9/31 → 43.55 and 12/31 → 58.06; fixed line 80.00 whole; 120.00 × 15/31 → 58.06; penalty 200.00.
    const notEnded = await refused(clerk, RUN, { i: { period: new Date().toISOString().slice(0, 7) } }, 'FAILED_PRECONDITION');
    expect(notEnded.extensions?.rule).toBe('R-COL-BILL1');
    // The charge travels on its own key (partition): bill only once it is in, as a scheduler would after the month closes.
    await waitFor('the penalty charge', async () => ((await account(clerk, accountId)).pendingCharges.length === 1 ? true : undefined));
    const run = await ok(clerk, RUN, { i: { period: '2026-03', billingAccountId: accountId } });
    expect(run.runBillingPeriod.issued).toHaveLength(1);
    expect((await account(clerk, accountId)).pendingCharges).toEqual([]);
    const inv = (await account(clerk, accountId)).invoices.edges[0].node;
    expect(
      inv.lines
        .filter(ours)
        .map((l: { kind: string; installedProductId: string | null; days: number | null; amount: { amount: string } }) => [
          l.kind,
          l.installedProductId,
          l.days,
          l.amount.amount,
        ]),
    ).toEqual([
      ['FINAL_BILL', 'ip-fija', 31, '80.00'],
      ['PLAN_FEE', 'ip-inet', 9, '43.55'],
      ['PLAN_FEE', 'ip-inet', 12, '58.06'],
      ['FINAL_BILL', 'ip-inet30', 15, '58.06'],
      ['PENALTY', null, null, '200.00'],
    ]);
    expect(inv).toMatchObject({
      period: '2026-03',
      dueDate: '2026-04-01',
      status: 'OPEN',
      total: { amount: '439.67', currency: 'BOB' },
      outstanding: { amount: '439.67' },
    });
    expect(inv.number).toBe(`${opened.accountNumber}-202603`);

    // Re-running the period changes nothing.
    const rerun = await ok(clerk, RUN, { i: { period: '2026-03', billingAccountId: accountId } });
    expect(rerun.runBillingPeriod).toMatchObject({ issued: [], alreadyIssued: 1 });
    const afterRerun = await account(clerk, accountId);
    expect(afterRerun.invoices.edges).toHaveLength(1);
    expect(afterRerun).toMatchObject({ standing: 'OVERDUE', balance: { amount: '439.67' }, overdueAmount: { amount: '439.67' } });

    // The standing reaches customers (collections.AccountStandingChanged → eligibility).
    const notEligible = await waitFor('customers eligibility from the standing', async () => {
      const c = (await ok(clerk, CUSTOMER_ACCOUNTS, { id: customerId })).customer;
      return c.eligibility.eligible ? undefined : c.eligibility;
    });
    expect((await ok(clerk, CUSTOMER_ACCOUNTS, { id: customerId })).customer).toMatchObject({
      collectionsStanding: 'OVERDUE',
      billingBalance: [{ amount: '439.67', currency: 'BOB' }],
    });
    // The customer reads the account number (BA-…), never the internal id.
    expect(notEligible.reasons).toEqual([{ kind: 'OVERDUE_DEBT', detail: `billing account ${opened.accountNumber} overdue: 439.67 BOB` }]);
    expect(JSON.stringify(notEligible)).not.toContain(accountId);

    // 4. Two concurrent submissions of one bank reference: one applied, the other CONFLICT.
    const pay = (ref: string, amount: string, token = partner) =>
      execute<any>(PAY, { i: { billingAccountId: accountId, amount, channel: 'BANK', externalReference: ref } }, { token });
    const [a, b] = await Promise.all([pay('BNB-0001', '300.00'), pay('BNB-0001', '300.00')]);
    const codes = [a, b].map((r) => r.errors?.[0]?.extensions?.code ?? 'OK').sort();
    expect(codes).toEqual(['CONFLICT', 'OK']);
    expect(await account(clerk, accountId)).toMatchObject({ balance: { amount: '139.67' }, standing: 'OVERDUE', overdueAmount: { amount: '139.67' } });
    await refused(clerk, PAY, { i: { billingAccountId: accountId, amount: '10.00', channel: 'CASHIER', externalReference: 'BNB-0001' } }, 'CONFLICT');

    // More than the debt: the invoice is paid, the rest is credit, the account is up to date again.
    const paid = (await ok(clerk, PAY, { i: { billingAccountId: accountId, amount: '200.00', channel: 'CASHIER', externalReference: 'CAJA-77' } }))
      .registerPayment;
    expect(paid.payment).toMatchObject({ allocations: [{ invoice: { id: inv.id }, amount: { amount: '139.67' } }], creditAdded: { amount: '60.33' } });
    expect(paid.billingAccount).toMatchObject({
      standing: 'UP_TO_DATE',
      balance: { amount: '0.00' },
      credit: { amount: '60.33' },
      overdueAmount: { amount: '0.00' },
    });
    const final = await account(clerk, accountId);
    expect(final.invoices.edges[0].node).toMatchObject({ status: 'PAID', paid: { amount: '439.67' }, outstanding: { amount: '0.00' } });
    expect(final.payments.edges).toHaveLength(2);
    expect(final.history.map((h: { to: string }) => h.to)).toEqual(['UP_TO_DATE', 'OVERDUE', 'UP_TO_DATE']);
    expect((await ok(clerk, CUSTOMER_ACCOUNTS, { id: customerId })).customer).toMatchObject({
      collectionsStanding: 'UP_TO_DATE',
      billingBalance: [{ amount: '0.00', currency: 'BOB' }],
    });
    await waitFor('eligible again', async () => ((await ok(clerk, CUSTOMER_ACCOUNTS, { id: customerId })).customer.eligibility.eligible ? true : undefined));

    // April: the withdrawn products bill nothing, the credit pays part of the internet fee.
    const april = await ok(clerk, RUN, { i: { period: '2026-04', billingAccountId: accountId } });
    expect(april.runBillingPeriod.issued.map((i: { total: { amount: string } }) => i.total.amount)).toEqual(['150.00']);
    expect(await account(clerk, accountId)).toMatchObject({ balance: { amount: '89.67' }, credit: { amount: '0.00' } });
  });

  test("standing on due-date passing (the business clock advanced: jobs run), roles; R-COL-I1 promises BROKEN and KEPT; the executive's overdue worklist", async () => {
    const tenant = uniqueTenant('due');
    const clerk = await tokenFor(tenant, ['COMMERCIAL_CLERK'], { sub: 'clerk-due' });
    const exec = await tokenFor(tenant, ['ACCOUNT_EXECUTIVE'], { sub: 'exec-due' });
    const customerId = await business(clerk, 'Puntual SA');
    const accountId = await waitFor('the customer directory', async () => {
      const r = await execute<any>(OPEN, { i: { customerId, currency: 'BOB' } }, { token: clerk });
      return r.errors ? undefined : (r.data.openBillingAccount.billingAccount.id as string);
    });
    await refused(exec, RUN, { i: { period: '2026-03' } }, 'FORBIDDEN');
    await refused(exec, EVALUATE, {}, 'FORBIDDEN');

    // Last month (tenant calendar), billed whole; due the 1st of this month: not overdue yet.
    const now = new Date();
    const [y, m] = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/La_Paz', year: 'numeric', month: '2-digit', day: '2-digit' })
      .format(now)
      .split('-')
      .map(Number);
    const last = new Date(Date.UTC(y ?? 0, (m ?? 1) - 2, 1)).toISOString().slice(0, 7);
    await bus.publish(
      changed(tenant, {
        installedProductId: 'ip-due',
        customerId,
        change: 'ACTIVATED',
        effectiveDate: '2025-01-01',
        planCode: 'INET-10',
        monthlyFeeMinor: 10000,
      }),
    );
    await waitProducts(clerk, accountId, { 'ip-due': 1 });
    const run = await ok(clerk, RUN, { i: { period: last } });
    expect(run.runBillingPeriod.issued.map((i: { total: { amount: string } }) => i.total.amount)).toEqual(['100.00']);
    expect(await account(clerk, accountId)).toMatchObject({ standing: 'UP_TO_DATE', balance: { amount: '100.00' } });

    const nothing = await ok(clerk, EVALUATE, {});
    expect(nothing.evaluateStandings.changed).toEqual([]);
    // The tenant lives on to the 5th of next month (noon, La Paz): the jobs run at once — this month is
    // billed (due the 1st, not overdue yet) and last month's invoice, 30 days past due, is OVERDUE.
    const admin = await tokenFor(tenant, ['ADMIN']);
    const laPazNoon = (monthOffset: number, day: number) => new Date(Date.UTC(y ?? 0, (m ?? 1) - 1 + monthOffset, day, 16)).toISOString();
    await ok(admin, ADVANCE_CLOCK, { i: { to: laPazNoon(1, 5) } });
    await waitFor('the standings job at the new business time', async () => {
      const a = await account(clerk, accountId);
      return a.standing === 'OVERDUE' && a.invoices.edges.length === 2 ? a : undefined;
    });
    expect(await account(clerk, accountId)).toMatchObject({ standing: 'OVERDUE', overdueAmount: { amount: '100.00' }, balance: { amount: '200.00' } });
    const again = await ok(clerk, EVALUATE, {});
    expect(again.evaluateStandings).toMatchObject({ changed: [], promisesSettled: [] });

    // Overdue management (§3 I): the executive's worklist, a promise, R-COL-I1 BROKEN then KEPT.
    const lead = await tokenFor(tenant, ['SALES_TEAM_LEAD'], { sub: 'lead-due' });
    await ok(admin, `mutation($i: RegisterEmployeeInput!) { registerEmployee(input: $i) { employee { id } } }`, {
      i: { id: 'exec-due', name: 'Ejecutiva Mora', email: 'mora@vinculo.test', roles: ['ACCOUNT_EXECUTIVE'] },
    });
    await ok(lead, `mutation($c: ID!, $e: ID!) { assignPortfolio(input: { customerId: $c, executiveId: $e }) { customer { id } } }`, {
      c: customerId,
      e: 'exec-due',
    });
    const worklist = await waitFor('the worklist from the portfolio', async () => {
      const w = await worklistOf(exec, 'exec-due');
      return w.length ? w : undefined;
    });
    expect(worklist).toEqual([
      { billingAccount: { id: accountId }, customer: { id: customerId }, overdueAmount: { amount: '100.00' }, pendingPromise: null, followUpDue: true },
    ]);
    await refused(exec, WORKLIST_PAGE, { e: 'someone-else' }, 'FORBIDDEN');
    expect(await worklistOf(lead, 'exec-due')).toHaveLength(1);

    let today = laPazNoon(1, 5).slice(0, 10); // the tenant's business today
    const plus = (days: number) => new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
    const p1 = (await ok(exec, PROMISE, { i: { billingAccountId: accountId, promisedDate: plus(10), amount: '60.00', note: 'Paga el viernes' } }))
      .recordPaymentPromise.paymentPromise;
    expect(p1).toMatchObject({ status: 'PENDING', promisedDate: plus(10), followUpDate: plus(7), amount: { amount: '60.00', currency: 'BOB' } });
    await refused(exec, PROMISE, { i: { billingAccountId: accountId, promisedDate: plus(3), amount: '10.00' } }, 'CONFLICT');
    await refused(exec, PROMISE, { i: { billingAccountId: accountId, promisedDate: plus(-1), amount: '10.00' } }, 'BAD_USER_INPUT');
    expect((await worklistOf(exec, 'exec-due'))[0]).toMatchObject({ pendingPromise: { id: p1.id }, followUpDue: false });
    // Eleven days on, unpaid: the promise job breaks it (no month end passed: nothing more is billed).
    await ok(admin, ADVANCE_CLOCK, { i: { to: laPazNoon(1, 16) } });
    today = laPazNoon(1, 16).slice(0, 10);
    await waitFor('the promise job at the new business time', async () => {
      const nodes = (await ok(exec, PROMISES, { id: accountId })).billingAccount.paymentPromises.edges.map(
        (e: { node: { id: string; status: string } }) => e.node,
      );
      return nodes.find((n: { id: string; status: string }) => n.id === p1.id && n.status === 'BROKEN');
    });

    // Two promises recorded at once on the account: exactly one is PENDING, the other a CONFLICT.
    const both = await Promise.all([
      execute<any>(PROMISE, { i: { billingAccountId: accountId, promisedDate: today, amount: '100.00' } }, { token: exec }),
      execute<any>(PROMISE, { i: { billingAccountId: accountId, promisedDate: today, amount: '100.00' } }, { token: exec }),
    ]);
    expect(both.map((r) => r.errors?.[0]?.extensions?.code ?? 'OK').sort()).toEqual(['CONFLICT', 'OK']);
    const p2 = both.find((r) => !r.errors)!.data.recordPaymentPromise.paymentPromise;
    const paid = (await ok(clerk, PAY, { i: { billingAccountId: accountId, amount: '100.00', channel: 'SIGEP', externalReference: 'SIGEP-2026-1' } }))
      .registerPayment;
    // Oldest first: last month's overdue invoice is paid; this month's (due the 1st, not yet overdue) stays open.
    expect(paid.billingAccount).toMatchObject({ standing: 'UP_TO_DATE', balance: { amount: '100.00' } });
    const promises = (await ok(exec, PROMISES, { id: accountId })).billingAccount.paymentPromises.edges.map((e: { node: unknown }) => e.node);
    expect(promises).toEqual([
      {
        id: p2.id,
        status: 'KEPT',
        paid: { amount: '100.00' },
        history: [
          { from: null, to: 'PENDING' },
          { from: 'PENDING', to: 'KEPT' },
        ],
      },
      {
        id: p1.id,
        status: 'BROKEN',
        paid: { amount: '0.00' },
        history: [
          { from: null, to: 'PENDING' },
          { from: 'PENDING', to: 'BROKEN' },
        ],
      },
    ]);
    expect(await worklistOf(exec, 'exec-due')).toEqual([]);
  });
});

describe('collections: billing claims (§3 F)', () => {
  const CLAIM = `id status outcome resolution urgent escalations credited { amount currency } invoice { id } history { from to }`;
  const REGISTER_CLAIM = `mutation($i: RegisterBillingClaimInput!) { registerBillingClaim(input: $i) { billingClaim { ${CLAIM} } } }`;
  const RESOLVE = `mutation($i: ResolveBillingClaimInput!) { resolveBillingClaim(input: $i) { billingClaim { ${CLAIM} } } }`;
  const INFORM = `mutation($i: InformBillingClaimOutcomeInput!) { informBillingClaimOutcome(input: $i) { billingClaim { ${CLAIM} } } }`;
  const URGE = `mutation($i: RequestBillingClaimUrgencyInput!) { requestBillingClaimUrgency(input: $i) { billingClaim { ${CLAIM} } } }`;
  const QUEUE = `query { assignedBillingClaims(first: 10) { edges { node { id urgent } } } }`;
  const queueOf = async (token: string) => (await ok(token, QUEUE)).assignedBillingClaims.edges.map((e: { node: unknown }) => e.node);

  test('R-COL-F1 register → claims unit → accepted credit → unhappy escalation → rejected → closed', async () => {
    const tenant = uniqueTenant('claim');
    const clerk = await tokenFor(tenant, ['COMMERCIAL_CLERK'], { sub: 'clerk-claim' });
    const utar = await tokenFor(tenant, ['CLAIMS_UNIT'], { sub: 'utar-1' });
    const customerId = await business(clerk, 'Reclamante SRL');
    const accountId = await waitFor('the customer directory', async () => {
      const r = await execute<any>(OPEN, { i: { customerId, currency: 'BOB' } }, { token: clerk });
      return r.errors ? undefined : (r.data.openBillingAccount.billingAccount.id as string);
    });
    await bus.publish(
      changed(tenant, {
        installedProductId: 'ip-claim',
        customerId,
        change: 'ACTIVATED',
        effectiveDate: '2026-01-01',
        planCode: 'INET-10',
        monthlyFeeMinor: 10000,
      }),
    );
    await waitProducts(clerk, accountId, { 'ip-claim': 1 });
    const invoiceId = (await ok(clerk, RUN, { i: { period: '2026-03' } })).runBillingPeriod.issued[0].id;

    const registered = (await ok(clerk, REGISTER_CLAIM, { i: { invoiceId, description: 'Me cobraron días sin servicio' } })).registerBillingClaim.billingClaim;
    expect(registered).toMatchObject({ status: 'ASSIGNED', urgent: false, invoice: { id: invoiceId }, credited: { amount: '0.00', currency: 'BOB' } });
    await refused(clerk, REGISTER_CLAIM, { i: { invoiceId, description: 'Otra vez el mismo reclamo' } }, 'CONFLICT');
    expect((await ok(clerk, URGE, { i: { claimId: registered.id } })).requestBillingClaimUrgency.billingClaim.urgent).toBe(true);
    expect(await queueOf(utar)).toEqual([{ id: registered.id, urgent: true }]);

    await refused(clerk, RESOLVE, { i: { claimId: registered.id, accepted: true, creditAmount: '30.00', reason: 'Corte del 10 al 12' } }, 'FORBIDDEN');
    await refused(clerk, INFORM, { i: { claimId: registered.id, satisfied: true } }, 'FAILED_PRECONDITION');
    const accepted = (await ok(utar, RESOLVE, { i: { claimId: registered.id, accepted: true, creditAmount: '30.00', reason: 'Corte del 10 al 12' } }))
      .resolveBillingClaim.billingClaim;
    expect(accepted).toMatchObject({ status: 'RESOLVED', outcome: 'ACCEPTED', credited: { amount: '30.00' } });
    expect(await account(clerk, accountId)).toMatchObject({ balance: { amount: '70.00' }, credit: { amount: '0.00' } });
    await refused(utar, RESOLVE, { i: { claimId: registered.id, accepted: false, reason: 'again' } }, 'FAILED_PRECONDITION');

    const escalated = (await ok(clerk, INFORM, { i: { claimId: registered.id, satisfied: false, note: 'Quiere el mes completo' } })).informBillingClaimOutcome
      .billingClaim;
    expect(escalated).toMatchObject({ status: 'ASSIGNED', escalations: 1, outcome: null });
    // R-COL-F2: 30.00 of the 100.00 invoice already credited; 70.01 more is refused and nothing changes.
    const tooMuch = await refused(
      utar,
      RESOLVE,
      { i: { claimId: registered.id, accepted: true, creditAmount: '70.01', reason: 'Todo el mes' } },
      'FAILED_PRECONDITION',
    );
    expect(tooMuch.extensions?.rule).toBe('R-COL-F2');
    expect((await ok(clerk, `query($id: ID!) { billingClaim(id: $id) { ${CLAIM} } }`, { id: registered.id })).billingClaim).toMatchObject({
      status: 'ASSIGNED',
      credited: { amount: '30.00' },
    });
    const rejected = (await ok(utar, RESOLVE, { i: { claimId: registered.id, accepted: false, reason: 'El servicio funcionó el resto del mes' } }))
      .resolveBillingClaim.billingClaim;
    expect(rejected).toMatchObject({ status: 'RESOLVED', outcome: 'REJECTED', credited: { amount: '30.00' } });
    const closed = (await ok(clerk, INFORM, { i: { claimId: registered.id, satisfied: true } })).informBillingClaimOutcome.billingClaim;
    expect(closed.history.map((h: { to: string }) => h.to)).toEqual(['ASSIGNED', 'ASSIGNED', 'RESOLVED', 'ASSIGNED', 'RESOLVED', 'CLOSED']);
    expect(await account(clerk, accountId)).toMatchObject({ balance: { amount: '70.00' } });
    expect(await queueOf(utar)).toEqual([]);
    // Once closed, a new claim on the invoice may be registered: two at once, exactly one gets in.
    const again = await Promise.all(
      [1, 2].map((n) => execute<any>(REGISTER_CLAIM, { i: { invoiceId, description: `Segundo reclamo ${n}` } }, { token: clerk })),
    );
    expect(again.map((r) => r.errors?.[0]?.extensions?.code ?? 'OK').sort()).toEqual(['CONFLICT', 'OK']);
    const second = again.find((r) => !r.errors)!.data.registerBillingClaim.billingClaim.id as string;
    expect((await queueOf(utar)).map((c: { id: string }) => c.id)).toEqual([second]);
    // Two resolutions of it at once (versioned claim write): exactly one is stored, with one credit.
    const resolutions = await Promise.all(
      [1, 2].map(() =>
        execute<any>(RESOLVE, { i: { claimId: second, accepted: true, creditAmount: '10.00', reason: 'Un día sin servicio' } }, { token: utar }),
      ),
    );
    // The loser clashes on the version (CONFLICT) or, having read the claim after the winner's write, finds it RESOLVED.
    const resolutionCodes = resolutions.map((r) => r.errors?.[0]?.extensions?.code ?? 'OK');
    expect(resolutionCodes.filter((c) => c === 'OK')).toHaveLength(1);
    expect(['CONFLICT', 'FAILED_PRECONDITION']).toContain(resolutionCodes.find((c) => c !== 'OK'));
    expect(await account(clerk, accountId)).toMatchObject({ balance: { amount: '60.00' } });

    // Indicators: March billing per segment; debt and ageing now; the claim resolved this month.
    const INDICATORS = `query($p: String!) { collectionsIndicators(period: $p) { period billingBySegment { segment invoices total { amount currency } }
      outstanding { amount currency } overdue { amount } overdueRatioPercent ageing { bucket amount { amount } } claimsResolved averageClaimResolutionHours promiseKeptRatePercent } }`;
    const march = (await ok(clerk, INDICATORS, { p: '2026-03' })).collectionsIndicators;
    expect(march).toMatchObject({
      period: '2026-03',
      billingBySegment: [{ segment: 'BUSINESS', invoices: 1, total: { amount: '100.00', currency: 'BOB' } }],
      outstanding: [{ amount: '60.00', currency: 'BOB' }],
      overdue: [{ amount: '60.00' }],
      overdueRatioPercent: 100,
      claimsResolved: 0,
      averageClaimResolutionHours: null,
      promiseKeptRatePercent: null,
    });
    expect(march.ageing.find((b: { bucket: string }) => b.bucket === 'OVER_90').amount.amount).toBe('60.00');
    const thisMonth = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/La_Paz', year: 'numeric', month: '2-digit', day: '2-digit' })
      .format(new Date())
      .slice(0, 7);
    const current = (await ok(clerk, INDICATORS, { p: thisMonth })).collectionsIndicators;
    expect(current.claimsResolved).toBe(2);
    expect(current.averageClaimResolutionHours).toBeGreaterThanOrEqual(0);
    await refused(await tokenFor(tenant, ['ACCOUNT_EXECUTIVE']), INDICATORS, { p: '2026-03' }, 'FORBIDDEN');
  });
});
