/**
 * One customer, two sales orders, each with its own billing account: the products collections mirrors
 * from post-sale must bill to their own order's account whatever the order in which the three events
 * arrive — sales.SalesOrderActivated (opens the account), postsale.InstalledProductRegistered (names no
 * order) and postsale.SubscriptionChanged ACTIVATED (names the order). Here they are delivered in the
 * worst order, each step waiting until the previous one was applied: the second order's product is
 * registered while only the first order's account exists (attached there provisionally, with a charge),
 * and its activation names the second order before that order's account is open.
 */
import { stackBus, testEvent, tokenFor, uniqueTenant, waitFor } from '@vinculo/common/testing';
import { ok } from './support/untyped-answers';
import { idFromEvent } from '@vinculo/common';

const ACCOUNT = `query($id: ID!) { billingAccount(id: $id) { id orderId
  products { installedProductId status family changeCount billingAccount { id } }
  pendingCharges { id kind amount { amount } } } }`;
const RUN = `mutation($i: RunBillingPeriodInput!) { runBillingPeriod(input: $i) { issued { id
  lines { kind installedProductId days amount { amount } } total { amount } } } }`;

const bus = stackBus();

/** Only this test's products (post-sale also makes one fee-0 product from each item-less activation). */
const OURS = /^ip-oa-/;
type Account = {
  id: string;
  orderId: string;
  products: { installedProductId: string; status: string; family: string | null; billingAccount: { id: string } | null }[];
  pendingCharges: { kind: string; amount: { amount: string } }[];
};
const productsOf = (a: Account | null) => (a?.products ?? []).map((p) => p.installedProductId).filter((id) => OURS.test(id));

test("a second order's product registered before its activation, and activated before its account opens, ends on its own order's account with its charge", async () => {
  const tenant = uniqueTenant('colord');
  const clerk = await tokenFor(tenant, ['COMMERCIAL_CLERK'], { sub: 'clerk-orders' });
  const customerId = (
    await ok(clerk, `mutation { registerCustomer(input: { kind: BUSINESS, name: "Dos Contratos SRL", taxId: "7100991" }) { customer { id } } }`)
  ).registerCustomer.customer.id as string;
  const [orderA, orderB] = [`so-a-${customerId}`, `so-b-${customerId}`];
  const accountA = idFromEvent('bac', `${tenant}:order:${orderA}`);
  const accountB = idFromEvent('bac', `${tenant}:order:${orderB}`);
  const account = async (id: string) => (await ok(clerk, ACCOUNT, { id })).billingAccount as Account | null;
  const until = (what: string, id: string, holds: (a: Account | null) => boolean) =>
    waitFor(what, async () => {
      const a = await account(id);
      return holds(a) ? (a ?? true) : undefined;
    });
  const activated = (orderId: string) =>
    testEvent('sales', 'sales.SalesOrderActivated', tenant, orderId, {
      orderId,
      customerId,
      planCode: 'PLAN',
      activatedAt: '2026-01-01T14:00:00.000Z',
      currency: 'BOB',
      technology: 'FIBER',
      nodeId: null,
    });
  const registered = (installedProductId: string, serviceNumber: string) =>
    testEvent('postsale', 'postsale.InstalledProductRegistered', tenant, installedProductId, {
      installedProductId,
      customerId,
      planCode: 'INET-50',
      family: 'INTERNET',
      serviceNumber,
      installationAddress: 'Av. Busch 1',
    });
  const activation = (installedProductId: string, orderId: string, monthlyFeeMinor: number) =>
    testEvent('postsale', 'postsale.SubscriptionChanged', tenant, installedProductId, {
      installedProductId,
      customerId,
      orderId,
      change: 'ACTIVATED',
      effectiveDate: '2026-01-01',
      planCode: 'INET-50',
      monthlyFeeMinor,
      currency: 'BOB',
      billing: 'PRORATED',
    });

  // 1. Order A's product is activated (naming order A) before A's account exists; then A opens: it is there.
  await bus.publish(activation('ip-oa-1', orderA, 10000));
  await bus.publish(activated(orderA));
  await until("order A's account with its product", accountA, (a) => productsOf(a).includes('ip-oa-1'));
  // Its registration comes last (it names no order): it stays on A.
  await bus.publish(registered('ip-oa-1', '70000001'));
  await until('ip-oa-1 registered', accountA, (a) => a?.products.some((p) => p.installedProductId === 'ip-oa-1' && p.status === 'ACTIVE') ?? false);

  // 2. Order B's product is registered while A is the customer's only account: attached there meanwhile,
  //    with a charge of the product.
  const registeredB = registered('ip-oa-2', '70000002');
  await bus.publish(registeredB);
  await until('ip-oa-2 attached provisionally to A', accountA, (a) => productsOf(a).includes('ip-oa-2'));
  const charge = testEvent(
    'postsale',
    'postsale.ChargeRequested',
    tenant,
    'chg-oa-2',
    {
      chargeId: 'chg-oa-2',
      customerId,
      installedProductId: 'ip-oa-2',
      kind: 'FEE',
      amountMinor: 2500,
      currency: 'BOB',
      description: 'Installation fee',
    },
    { time: '2026-03-05T15:00:00.000Z' },
  );
  await bus.publish(charge);
  await until('the charge on A with its product', accountA, (a) => (a?.pendingCharges.length ?? 0) === 1);

  // 3. Its activation names order B, whose account is not open yet: it leaves A, with its charge.
  const activationB = activation('ip-oa-2', orderB, 7000);
  await bus.publish(activationB);
  const aAfter = await until('ip-oa-2 and its charge gone from A', accountA, (a) => !productsOf(a).includes('ip-oa-2') && a?.pendingCharges.length === 0);
  expect(productsOf(aAfter as Account)).toEqual(['ip-oa-1']);
  expect(await account(accountB)).toBeNull();

  // 4. Order B is activated: its account opens with its product and the product's charge.
  await bus.publish(activated(orderB));
  const b = (await until(
    "order B's account with its product",
    accountB,
    (a) => productsOf(a).includes('ip-oa-2') && a?.pendingCharges.length === 1,
  )) as Account;
  expect(b).toMatchObject({ id: accountB, orderId: orderB, pendingCharges: [{ kind: 'FEE', amount: { amount: '25.00' } }] });
  expect(b.products.filter((p) => OURS.test(p.installedProductId))).toEqual([
    { installedProductId: 'ip-oa-2', status: 'ACTIVE', family: 'INTERNET', changeCount: 1, billingAccount: { id: accountB } },
  ]);

  // 5. Redeliveries in the bad order again (registration after activation) move nothing. A later
  //    re-registration on the same key (partition) changing the family tells when they were consumed.
  await bus.publish(registeredB);
  await bus.publish(activationB);
  await bus.publish(
    testEvent('postsale', 'postsale.InstalledProductRegistered', tenant, 'ip-oa-2', {
      installedProductId: 'ip-oa-2',
      customerId,
      planCode: 'DUO-1',
      family: 'DUO',
      serviceNumber: '70000002',
      installationAddress: 'Av. Busch 1',
    }),
  );
  const bAgain = (await until(
    'the re-registration applied',
    accountB,
    (a) => a?.products.some((p) => p.installedProductId === 'ip-oa-2' && p.family === 'DUO') ?? false,
  )) as Account;
  expect(bAgain.products.filter((p) => OURS.test(p.installedProductId))).toEqual([
    { installedProductId: 'ip-oa-2', status: 'ACTIVE', family: 'DUO', changeCount: 1, billingAccount: { id: accountB } },
  ]);
  expect(bAgain.pendingCharges).toHaveLength(1);
  expect(productsOf(await account(accountA))).toEqual(['ip-oa-1']);

  // 6. The March run bills each product on its own order's account, to the cent.
  const runOf = async (billingAccountId: string) => {
    const issued = (await ok(clerk, RUN, { i: { period: '2026-03', billingAccountId } })).runBillingPeriod.issued as {
      lines: { kind: string; installedProductId: string | null; days: number | null; amount: { amount: string } }[];
    }[];
    expect(issued).toHaveLength(1);
    return issued[0]!.lines
      .filter((l) => l.installedProductId === null || OURS.test(l.installedProductId))
      .map((l) => [l.kind, l.installedProductId, l.days, l.amount.amount]);
  };
  expect(await runOf(accountA)).toEqual([['PLAN_FEE', 'ip-oa-1', 31, '100.00']]);
  expect(await runOf(accountB)).toEqual([
    ['PLAN_FEE', 'ip-oa-2', 31, '70.00'],
    ['FEE', 'ip-oa-2', null, '25.00'],
  ]);
});

test('two tenants whose events carry the same product and order ids each bill their own product (the mirror is tenant-scoped)', async () => {
  const tenants = [uniqueTenant('colsame'), uniqueTenant('colsame')];
  const shared = { orderId: 'so-same', installedProductId: 'ip-oa-same', customerId: 'cus-same' };
  for (const [n, tenant] of tenants.entries()) {
    await bus.publish(
      testEvent('sales', 'sales.SalesOrderActivated', tenant, shared.orderId, {
        orderId: shared.orderId,
        customerId: shared.customerId,
        planCode: 'PLAN',
        activatedAt: '2026-01-01T14:00:00.000Z',
        currency: 'BOB',
      }),
    );
    await bus.publish(
      testEvent('postsale', 'postsale.SubscriptionChanged', tenant, shared.installedProductId, {
        installedProductId: shared.installedProductId,
        customerId: shared.customerId,
        orderId: shared.orderId,
        change: 'ACTIVATED',
        effectiveDate: '2026-01-01',
        planCode: 'INET-50',
        monthlyFeeMinor: 1000 * (n + 1),
        currency: 'BOB',
        billing: 'PRORATED',
      }),
    );
  }
  for (const [n, tenant] of tenants.entries()) {
    const clerk = await tokenFor(tenant, ['COMMERCIAL_CLERK']);
    const accountId = idFromEvent('bac', `${tenant}:order:${shared.orderId}`);
    await waitFor(`tenant ${n + 1}'s product on its account`, async () => {
      const a = (await ok(clerk, ACCOUNT, { id: accountId })).billingAccount as Account | null;
      return productsOf(a).includes(shared.installedProductId) ? true : undefined;
    });
    const lines = (await ok(clerk, RUN, { i: { period: '2026-03', billingAccountId: accountId } })).runBillingPeriod.issued[0].lines as {
      installedProductId: string | null;
      amount: { amount: string };
    }[];
    expect(lines.filter((l) => l.installedProductId === shared.installedProductId).map((l) => l.amount.amount)).toEqual([`${10 * (n + 1)}.00`]);
  }
});
