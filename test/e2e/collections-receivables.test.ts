/**
 * R-PS-H4 through the gateway on real Kafka + Mongo-wire: a charge requested with settlement
 * RECEIVABLE_INVOICE (factura CxC) gets one receivable invoice of its own at once — redeliveries and a
 * producer's retry included, to the cent, on the account's ledger, InvoiceIssued once — and never a line
 * on a monthly invoice; a charge without settlement is still a line of the next monthly invoice. A
 * receivable charge of a customer without any account waits, and is invoiced when the account opens.
 */
import { idFromEvent } from '@vinculo/common';
import { stackBus, testEvent, tokenFor, uniqueTenant, waitFor } from '@vinculo/common/testing';
import { execute, ok } from './support/untyped-answers';

const bus = stackBus();
let seq = 7400000;

const REGISTER = `mutation($i: RegisterCustomerInput!) { registerCustomer(input: $i) { customer { id } } }`;
const OPEN = `mutation($i: OpenBillingAccountInput!) { openBillingAccount(input: $i) { billingAccount { id accountNumber } } }`;
const INVOICE_FIELDS = `id kind number period dueDate status total { amount currency } outstanding { amount }
  lines { kind description installedProductId days amount { amount } }`;
const ACCOUNT = `query($id: ID!) { billingAccount(id: $id) { id standing balance { amount }
  pendingCharges { id kind settlement amount { amount } }
  invoices(first: 10) { edges { node { ${INVOICE_FIELDS} } } } } }`;
const RUN = `mutation($i: RunBillingPeriodInput!) { runBillingPeriod(input: $i) { issued { ${INVOICE_FIELDS} } } }`;
const PAY = `mutation($i: RegisterPaymentInput!) { registerPayment(input: $i) { payment { id } } }`;
const TIMELINE = `query($id: ID!) { customer(id: $id) { timeline(first: 100, filter: { kinds: [BILLING] }) { edges { node { eventType } } } } }`;
const CUSTOMER = `query($id: ID!) { customer(id: $id) { billingBalance { amount currency } billingAccounts(first: 5) { edges { node { id } } } } }`;

const localToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'America/La_Paz', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

type Invoice = {
  id: string;
  kind: string;
  number: string;
  period: string;
  dueDate: string;
  status: string;
  total: { amount: string; currency: string };
  outstanding: { amount: string };
  lines: { kind: string; amount: { amount: string } }[];
};
type Account = {
  id: string;
  standing: string;
  balance: { amount: string };
  pendingCharges: { kind: string; settlement: string; amount: { amount: string } }[];
  invoices: { edges: { node: Invoice }[] };
};

async function setUp(prefix: string) {
  const tenant = uniqueTenant(prefix);
  const clerk = await tokenFor(tenant, ['COMMERCIAL_CLERK'], { sub: `clerk-${prefix}` });
  const register = async (name: string) =>
    (await ok(clerk, REGISTER, { i: { kind: 'BUSINESS', name, taxId: String(++seq) } })).registerCustomer.customer.id as string;
  const open = (customerId: string) =>
    waitFor('collections to know the customer', async () => {
      const r = await execute<any>(OPEN, { i: { customerId, currency: 'BOB' } }, { token: clerk });
      return r.errors ? undefined : (r.data.openBillingAccount.billingAccount as { id: string; accountNumber: string });
    });
  const account = async (id: string) => (await ok(clerk, ACCOUNT, { id })).billingAccount as Account;
  return { tenant, clerk, register, open, account };
}

const charge = (tenant: string, key: string, data: Record<string, unknown>, time = '2026-03-05T15:00:00.000Z') =>
  testEvent('postsale', 'postsale.ChargeRequested', tenant, key, { currency: 'BOB', ...data }, { time });

describe('collections: ChargeRequested settlement (R-PS-H4)', () => {
  test('RECEIVABLE_INVOICE delivered twice (and retried by the producer) → exactly one receivable invoice to the cent, InvoiceIssued once, nothing on the monthly run; no settlement → a monthly line as before', async () => {
    const { tenant, clerk, register, open, account } = await setUp('cxc');
    const customerId = await register('Equipos Pendientes SRL');
    const { id: accountId, accountNumber } = await open(customerId);

    const receivable = charge(tenant, 'eq-1', {
      chargeId: 'eq-1',
      customerId,
      installedProductId: 'ip-cxc-1',
      kind: 'RECEIVABLE',
      amountMinor: 35050,
      description: 'ONT router not returned (R-PS-H4)',
      settlement: 'RECEIVABLE_INVOICE',
    });
    await bus.publish(receivable);
    await bus.publish(receivable);
    // The producer retrying the same charge under a new event id is still the same charge.
    await bus.publish(
      charge(tenant, 'eq-1', {
        chargeId: 'eq-1',
        customerId,
        installedProductId: 'ip-cxc-1',
        kind: 'RECEIVABLE',
        amountMinor: 35050,
        description: 'ONT router not returned (R-PS-H4)',
        settlement: 'RECEIVABLE_INVOICE',
      }),
    );
    // A charge without settlement on the same key (partition), consumed after the three above.
    await bus.publish(
      charge(tenant, 'eq-1', { chargeId: 'fee-1', customerId, kind: 'FEE', amountMinor: 2000, description: 'Procedure fee' }, '2026-03-06T15:00:00.000Z'),
    );

    const seen = await waitFor('the fee pending, after the receivable deliveries', async () => {
      const a = await account(accountId);
      // (The account's ledger is read before its charges in one query: wait for both.)
      return a.pendingCharges.some((c) => c.kind === 'FEE') && a.balance.amount !== '0.00' ? a : undefined;
    });
    expect(seen.pendingCharges).toEqual([expect.objectContaining({ kind: 'FEE', settlement: 'NEXT_INVOICE', amount: { amount: '20.00' } })]);
    const today = localToday();
    const receivableInvoice = seen.invoices.edges[0]!.node;
    expect(receivableInvoice).toMatchObject({
      kind: 'RECEIVABLE',
      period: today.slice(0, 7),
      dueDate: today,
      status: 'OPEN',
      total: { amount: '350.50', currency: 'BOB' },
      outstanding: { amount: '350.50' },
      lines: [
        { kind: 'RECEIVABLE', description: 'ONT router not returned (R-PS-H4)', installedProductId: 'ip-cxc-1', days: null, amount: { amount: '350.50' } },
      ],
    });
    expect(receivableInvoice.number.startsWith(`${accountNumber}-R-`)).toBe(true);
    // On the ledger: payable on receipt (due today), not overdue before the policy's days.
    expect(seen).toMatchObject({ standing: 'UP_TO_DATE', balance: { amount: '350.50' } });
    const byId = (await ok(clerk, `query($id: ID!) { invoice(id: $id) { ${INVOICE_FIELDS} } }`, { id: receivableInvoice.id })).invoice;
    expect(byId).toEqual(receivableInvoice);

    // A payment travels on the account's key behind the InvoiceIssued: once it is in the customer's
    // timeline, so is every InvoiceIssued there will be from the charge.
    const bank = await tokenFor(tenant, ['PARTNER'], { sub: 'bank-cxc', scopes: ['read', 'write', 'payments:write'] });
    await ok(bank, PAY, { i: { billingAccountId: accountId, amount: '100.00', channel: 'BANK', externalReference: 'BNB-CXC-1' } });
    const types = await waitFor('the payment in the timeline', async () => {
      const t = (await ok(clerk, TIMELINE, { id: customerId })).customer.timeline.edges.map(
        (e: { node: { eventType: string } }) => e.node.eventType,
      ) as string[];
      return t.includes('collections.PaymentReceived') ? t : undefined;
    });
    expect(types.filter((t) => t === 'collections.InvoiceIssued')).toHaveLength(1);
    expect((await account(accountId)).invoices.edges[0]!.node.outstanding).toEqual({ amount: '250.50' });

    // The March run (both charges were requested in March): only the fee, as before; the receivable is not a line.
    const run = (await ok(clerk, RUN, { i: { period: '2026-03', billingAccountId: accountId } })).runBillingPeriod;
    expect(run.issued).toHaveLength(1);
    expect(run.issued[0]).toMatchObject({
      kind: 'MONTHLY',
      period: '2026-03',
      dueDate: '2026-04-01',
      total: { amount: '20.00' },
      lines: [{ kind: 'FEE', amount: { amount: '20.00' } }],
    });
    const after = await account(accountId);
    expect(after.pendingCharges).toEqual([]);
    expect(after.invoices.edges.map((e) => [e.node.kind, e.node.total.amount]).sort()).toEqual([
      ['MONTHLY', '20.00'],
      ['RECEIVABLE', '350.50'],
    ]);
    expect(after.balance).toEqual({ amount: '270.50' });
    // A later closed month has nothing left to bill.
    expect((await ok(clerk, RUN, { i: { period: '2026-04', billingAccountId: accountId } })).runBillingPeriod.issued).toEqual([]);
  });

  test("a RECEIVABLE_INVOICE charge of a customer without any account waits, and is invoiced once when the order's account opens", async () => {
    const { tenant, clerk, register, open, account } = await setUp('cxcw');
    const waiting = await register('Sin Cuenta SRL');
    const other = await register('Con Cuenta SRL');
    const { id: otherAccount } = await open(other);

    await bus.publish(
      charge(tenant, 'eq-w', {
        chargeId: 'eq-w',
        customerId: waiting,
        installedProductId: 'ip-cxcw-1',
        kind: 'RECEIVABLE',
        amountMinor: 12345,
        description: 'Damaged decoder (R-PS-H4)',
        settlement: 'RECEIVABLE_INVOICE',
      }),
    );
    // Another customer's charge on the same key (partition): once it is pending, the first one was consumed.
    await bus.publish(charge(tenant, 'eq-w', { chargeId: 'fee-w', customerId: other, kind: 'FEE', amountMinor: 1000, description: 'Procedure fee' }));
    await waitFor("the other customer's fee", async () => ((await account(otherAccount)).pendingCharges.length === 1 ? true : undefined));
    expect((await ok(clerk, CUSTOMER, { id: waiting })).customer).toEqual({ billingBalance: [], billingAccounts: { edges: [] } });
    expect((await account(otherAccount)).invoices.edges).toEqual([]);

    const orderId = `so-cxcw-${waiting}`;
    const activated = testEvent('sales', 'sales.SalesOrderActivated', tenant, orderId, {
      orderId,
      customerId: waiting,
      planCode: 'PLAN',
      activatedAt: '2026-01-01T14:00:00.000Z',
      currency: 'BOB',
      technology: 'FIBER',
      nodeId: null,
    });
    await bus.publish(activated);
    await bus.publish(activated);
    const accountId = idFromEvent('bac', `${tenant}:order:${orderId}`);
    const a = await waitFor('the receivable invoice on the new account', async () => {
      const r = (await ok(clerk, ACCOUNT, { id: accountId })).billingAccount as Account | null;
      // Stored, then on the ledger, then the charge marked invoiced (crash-safe order); the account's fields
      // are read at different moments of one query: wait until they all show the end state.
      return r && r.invoices.edges.length === 1 && r.pendingCharges.length === 0 && r.balance.amount !== '0.00' ? r : undefined;
    });
    expect(a.invoices.edges[0]!.node).toMatchObject({
      kind: 'RECEIVABLE',
      total: { amount: '123.45' },
      lines: [{ kind: 'RECEIVABLE', amount: { amount: '123.45' } }],
    });
    expect(a.balance).toEqual({ amount: '123.45' });
    // (Post-sale mirrors a product from the item-less activation: the run may bill its plan fee, never the receivable.)
    const run = (await ok(clerk, RUN, { i: { period: '2026-03', billingAccountId: accountId } })).runBillingPeriod;
    expect(run.issued.flatMap((i: Invoice) => i.lines).filter((l: { kind: string }) => l.kind === 'RECEIVABLE')).toEqual([]);
  });
});
