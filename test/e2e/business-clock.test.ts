/**
 * The business clock per tenant (issue 13 finding 7) through the gateway on real Kafka + Mongo-wire:
 * customers owns `advanceBusinessClock` (ADMIN, forward only; refused in production — the pure guard's
 * unit test, services/common/test/business-clock.test.ts) and `businessClock`; every subgraph learns the
 * advance (customers.BusinessClockAdvanced) and runs its jobs for that tenant at the new time. Advancing
 * a tenant into next month bills the closed month (the suspended days without plan fee), ends a
 * suspension whose end passed, evaluates standings and promises at the new time — and nothing of
 * another tenant moves.
 */
import { refused, tokenFor, uniqueTenant, waitFor } from '@vinculo/common/testing';
import { execute, ok } from './support/untyped-answers';
import { postsaleRequirementFiles } from './support/files';

let seq = 8800000;
const CLOCK = `query { businessClock { now offsetSeconds advanced advancedTo advancedAt advancedBy } }`;
const ADVANCE = `mutation($i: AdvanceBusinessClockInput!) { advanceBusinessClock(input: $i) { businessClock { now offsetSeconds advanced advancedTo advancedBy } } }`;
const REGISTER = `mutation($i: RegisterCustomerInput!) { registerCustomer(input: $i) { customer { id } } }`;
const OPEN = `mutation($i: OpenBillingAccountInput!) { openBillingAccount(input: $i) { billingAccount { id } } }`;
const REGISTER_PRODUCT = `mutation($i: RegisterInstalledProductInput!) { registerInstalledProduct(input: $i) { installedProduct { id installationDate } } }`;
const PRODUCT = `query($id: ID!) { installedProduct(id: $id) { id status suspension { startDate endDate } changes { kind effectiveDate } } }`;
const RECEIVE = `mutation($i: ReceivePostSaleRequestInput!) { receivePostSaleRequest(input: $i) { request { id status } } }`;
const ENTER = `mutation($i: EnterPostSaleRequestInput!) { enterPostSaleRequest(input: $i) { request { id status } } }`;
const IMPORT = `mutation($i: ImportInvoiceInput!) { importInvoice(input: $i) { invoice { id } created } }`;
const PROMISE = `mutation($i: RecordPaymentPromiseInput!) { recordPaymentPromise(input: $i) { paymentPromise { id status } } }`;
const ACCOUNT = `query($id: ID!) { billingAccount(id: $id) { id standing overdueAmount { amount } balance { amount }
  products { installedProductId status changeCount }
  invoices(first: 10) { edges { node { id period kind status dueDate total { amount } lines { kind installedProductId days amount { amount } } } } }
  paymentPromises(first: 5) { edges { node { id status } } } } }`;
const REPORT = `query { reconciliation { ${['customers', 'sales', 'postsale', 'collections', 'techsupport', 'proposals'].map((s) => `${s} { discrepancies { invariant entityIds } }`).join(' ')} } }`;

const LA_PAZ = 'America/La_Paz'; // the default tenant time zone (UTC−4, no DST)
const laPazDay = (at: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: LA_PAZ }).format(at);
const plusDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
/** Noon in La Paz of `day` of the month `monthOffset` months after `from`'s (La Paz) month. */
const laPazNoon = (from: Date, monthOffset: number, day: number) => {
  const [y, m] = laPazDay(from).split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1 + monthOffset, day, 16));
};

interface Tenant {
  tenant: string;
  admin: string;
  clerk: string;
  exec: string;
  partner: string;
}

async function tenantActors(label: string): Promise<Tenant> {
  const tenant = uniqueTenant(label);
  return {
    tenant,
    admin: await tokenFor(tenant, ['ADMIN'], { sub: 'admin-clock' }),
    clerk: await tokenFor(tenant, ['COMMERCIAL_CLERK'], { sub: 'clerk-clock' }),
    exec: await tokenFor(tenant, ['ACCOUNT_EXECUTIVE'], { sub: 'exec-clock' }),
    partner: await tokenFor(tenant, ['PARTNER'], { sub: 'billing-sys', scopes: ['read', 'write', 'billing:write'] }),
  };
}

/** A customer with a billing account and one internet product (150.00 a month) installed today, mirrored by collections. */
async function billedCustomer(t: Tenant, name: string) {
  const customerId = (await ok(t.admin, REGISTER, { i: { kind: 'BUSINESS', name, taxId: String(++seq) } })).registerCustomer.customer.id as string;
  const accountId = await waitFor('collections to know the customer', async () => {
    const r = await execute<any>(OPEN, { i: { customerId, currency: 'BOB' } }, { token: t.clerk });
    return r.errors ? undefined : (r.data.openBillingAccount.billingAccount.id as string);
  });
  const input = {
    customerId,
    planCode: 'INET-50',
    family: 'INTERNET',
    serviceNumber: `78${++seq}`,
    installationAddress: 'Calle Sucre 450, Cochabamba',
    technology: 'COPPER',
    monthlyFee: '150.00',
  };
  const product = await waitFor('post-sale to know the customer', async () => {
    const r = await execute<any>(REGISTER_PRODUCT, { i: input }, { token: t.clerk });
    return r.errors ? undefined : r.data.registerInstalledProduct.installedProduct;
  });
  await waitFor('collections to mirror the product', async () => {
    const a = (await ok(t.clerk, ACCOUNT, { id: accountId })).billingAccount;
    return a.products.some((p: { installedProductId: string }) => p.installedProductId === product.id) ? a : undefined;
  });
  return { customerId, accountId, productId: product.id as string, installedOn: product.installationDate as string };
}

const clockOf = async (token: string) => (await ok(token, CLOCK)).businessClock;
const accountOf = async (t: Tenant, id: string) => (await ok(t.clerk, ACCOUNT, { id })).billingAccount;
const discrepancies = async (token: string) => {
  const rep = (await ok(token, REPORT)).reconciliation;
  return Object.entries(rep).flatMap(([section, s]: [string, any]) => s.discrepancies.map((d: unknown) => ({ section, ...(d as object) })));
};

describe('business clock per tenant', () => {
  test('advanceBusinessClock is ADMIN only and forward only; businessClock shows it; another tenant keeps the wall clock', async () => {
    const t = await tenantActors('clk');
    const other = await tenantActors('clk-other');
    const before = await clockOf(t.clerk);
    expect(before).toMatchObject({ offsetSeconds: 0, advanced: false, advancedTo: null, advancedAt: null, advancedBy: null });
    expect(Math.abs(Date.parse(before.now) - Date.now())).toBeLessThan(60_000);

    const to = new Date(Date.now() + 3 * 86_400_000);
    await refused(t.clerk, ADVANCE, { i: { to: to.toISOString() } }, 'FORBIDDEN');
    await refused(t.exec, ADVANCE, { i: { to: to.toISOString() } }, 'FORBIDDEN');
    // Forward only: a moment before the tenant's business now is refused.
    await refused(t.admin, ADVANCE, { i: { to: new Date(Date.now() - 86_400_000).toISOString() } }, 'BAD_USER_INPUT');

    const advanced = (await ok(t.admin, ADVANCE, { i: { to: to.toISOString() } })).advanceBusinessClock.businessClock;
    expect(advanced).toMatchObject({ advanced: true, advancedTo: to.toISOString(), advancedBy: 'admin-clock' });
    expect(Date.parse(advanced.now)).toBeGreaterThanOrEqual(to.getTime());
    // Three days ahead, give or take the seconds the call took.
    expect(Math.abs(advanced.offsetSeconds - 3 * 86_400)).toBeLessThan(60);
    const after = await clockOf(t.clerk);
    expect(Date.parse(after.now)).toBeGreaterThanOrEqual(to.getTime());

    // Back to a moment between the wall clock and the new business now: refused, the clock unchanged.
    const err = await refused(t.admin, ADVANCE, { i: { to: new Date(Date.now() + 2 * 86_400_000).toISOString() } }, 'BAD_USER_INPUT');
    expect(err.message).toMatch(/only moves forward/);
    expect((await clockOf(t.clerk)).advancedTo).toBe(to.toISOString());

    // The other tenant's business time is still the wall clock.
    const untouched = await clockOf(other.clerk);
    expect(untouched).toMatchObject({ offsetSeconds: 0, advanced: false });
    expect(Math.abs(Date.parse(untouched.now) - Date.now())).toBeLessThan(60_000);
  });

  test('R-COL-BILL1 advancing a tenant into next month bills the closed month by itself (suspended days without plan fee), ends the suspension that ended, evaluates standings and breaks the unkept promise at the new time; another tenant is untouched', async () => {
    const t = await tenantActors('month');
    const other = await tenantActors('month-other');
    const c = await billedCustomer(t, 'Vive El Mes SRL');
    const o = await billedCustomer(other, 'Sigue Igual SRL');
    const wallNow = new Date();
    const today = laPazDay(wallNow);
    expect(c.installedOn).toBe(today);
    const month = today.slice(0, 7);
    const target = laPazNoon(wallNow, 1, 15); // the 15th of next month, noon in La Paz
    const suspendedUntil = laPazNoon(wallNow, 1, 10).toISOString().slice(0, 10); // the 10th of next month

    // 1. A temporary suspension from tomorrow to the 10th of next month (R-PS-D1: the account is up to date).
    const req = (
      await ok(t.clerk, RECEIVE, {
        i: {
          type: 'SUSPENSION',
          customerId: c.customerId,
          installedProductId: c.productId,
          channel: 'LETTER',
          requirementAttachments: await postsaleRequirementFiles(t.clerk, c.customerId),
          suspension: { startDate: plusDays(today, 1), endDate: suspendedUntil },
        },
      })
    ).receivePostSaleRequest.request;
    await ok(t.clerk, ENTER, { i: { requestId: req.id } });
    await waitFor('collections to mirror the suspension', async () => {
      const a = await accountOf(t, c.accountId);
      return a.products.find((p: { installedProductId: string; changeCount: number }) => p.installedProductId === c.productId && p.changeCount === 2);
    });

    // 2. Last month's invoice from the external billing system, due 20 days ago: not overdue yet (30 days, tenant policy).
    const dueDate = plusDays(today, -20);
    const previousMonth = plusDays(`${month}-01`, -1).slice(0, 7);
    await ok(t.partner, IMPORT, {
      i: {
        billingAccountId: c.accountId,
        externalId: `EXT-${c.accountId}`,
        period: previousMonth,
        dueDate,
        total: '80.00',
        lines: [{ kind: 'FEE', description: 'Servicio técnico', amount: '80.00' }],
      },
    });
    expect(await accountOf(t, c.accountId)).toMatchObject({ standing: 'UP_TO_DATE', balance: { amount: '80.00' } });
    // A payment promise for the day after tomorrow (R-COL-I1), never kept.
    const promise = (await ok(t.exec, PROMISE, { i: { billingAccountId: c.accountId, promisedDate: plusDays(today, 2), amount: '40.00' } }))
      .recordPaymentPromise.paymentPromise;
    expect(promise.status).toBe('PENDING');

    // 3. The tenant lives on to the 15th of next month.
    await ok(t.admin, ADVANCE, { i: { to: target.toISOString() } });

    // Collections: this month closed and is billed by the billing job — one day of plan fee (installed
    // today), the rest of the month suspended without plan fee.
    const billed = await waitFor('the billing job to bill the closed month', async () => {
      const a = await accountOf(t, c.accountId);
      return a.invoices.edges.find((e: { node: { period: string } }) => e.node.period === month)?.node;
    });
    const daysInMonth = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
    const oneDay = (Math.round(15000 / daysInMonth) / 100).toFixed(2);
    expect(billed).toMatchObject({
      kind: 'MONTHLY',
      status: 'OPEN',
      dueDate: `${laPazNoon(wallNow, 1, 1).toISOString().slice(0, 10)}`,
      total: { amount: oneDay },
    });
    expect(billed.lines.map((l: any) => [l.kind, l.installedProductId, l.days, l.amount.amount])).toEqual([['PLAN_FEE', c.productId, 1, oneDay]]);

    // Post-sale: the suspension ended on the 10th; the product is ACTIVE again from the 11th.
    const back = await waitFor('the suspension-end job', async () => {
      const p = (await ok(t.clerk, PRODUCT, { id: c.productId })).installedProduct;
      return p.status === 'ACTIVE' && p.changes.some((ch: { kind: string }) => ch.kind === 'RECONNECTED') ? p : undefined;
    });
    expect(back.changes.at(-1)).toMatchObject({ kind: 'RECONNECTED', effectiveDate: plusDays(suspendedUntil, 1) });

    // Standings at the new time: the imported invoice is now more than 30 days past due; the promise's date passed unpaid.
    const account = await waitFor('the standings and promise jobs', async () => {
      const a = await accountOf(t, c.accountId);
      const p = a.paymentPromises.edges.find((e: { node: { id: string } }) => e.node.id === promise.id)?.node;
      return a.standing === 'OVERDUE' && p?.status === 'BROKEN' ? a : undefined;
    });
    expect(account).toMatchObject({ overdueAmount: { amount: '80.00' }, balance: { amount: (80 + Number(oneDay)).toFixed(2) } });
    // The clock's "today" everywhere: this month can now be billed by hand too (R-COL-BILL1) — already done.
    expect(
      (
        await ok(t.clerk, `mutation($i: RunBillingPeriodInput!) { runBillingPeriod(input: $i) { issued { id } alreadyIssued } }`, {
          i: { period: month, billingAccountId: c.accountId },
        })
      ).runBillingPeriod,
    ).toEqual({ issued: [], alreadyIssued: 1 });

    // 4. The other tenant lives on the wall clock: no invoice, product and standing as they were.
    expect((await clockOf(other.clerk)).offsetSeconds).toBe(0);
    const untouched = await accountOf(other, o.accountId);
    expect(untouched).toMatchObject({ standing: 'UP_TO_DATE', invoices: { edges: [] } });
    await refused(
      other.clerk,
      `mutation($i: RunBillingPeriodInput!) { runBillingPeriod(input: $i) { period } }`,
      { i: { period: month } },
      'FAILED_PRECONDITION',
    );

    // Nothing owed between the subgraphs in either tenant.
    expect(await discrepancies(t.admin)).toEqual([]);
    expect(await discrepancies(other.admin)).toEqual([]);
  });
});
