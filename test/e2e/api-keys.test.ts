/**
 * Issue #14 through the gateway on real Kafka + Mongo-wire: API keys for machine clients (issued,
 * listed, rotated and revoked by the tenant's ADMIN in customers, checked by the gateway on every
 * request) and scopes denied by default, at the gateway and again in a subgraph called directly.
 */
import { SignJWT } from 'jose';
import { devJwtSecret } from '@vinculo/common';
import { expectGraphQLErrors, refused, testStack, tokenFor, uniqueTenant, waitFor } from '@vinculo/common/testing';
import { execute, ok } from './support/untyped-answers';

let seq = 8140000;

const REGISTER = `mutation($i: RegisterCustomerInput!) { registerCustomer(input: $i) { customer { id } } }`;
const OPEN = `mutation($i: OpenBillingAccountInput!) { openBillingAccount(input: $i) { billingAccount { id } } }`;
const PAY = `mutation($i: RegisterPaymentInput!) { registerPayment(input: $i) { payment { id amount { amount } } } }`;
const PAYMENTS = `query($id: ID!) { billingAccount(id: $id) { id payments(first: 10) { edges { node { externalReference amount { amount } } } } } }`;
const CUSTOMERS = `{ customers(first: 5) { edges { node { id } } } }`;
const CREATE = `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { key apiKey { id partner role scopes rateLimitPerMinute createdBy revokedAt } } }`;
const ROTATE = `mutation($id: ID!) { rotateApiKey(input: { id: $id }) { key apiKey { id rotatedAt } } }`;
const REVOKE = `mutation($id: ID!) { revokeApiKey(input: { id: $id }) { apiKey { id revokedAt revokedBy } } }`;
const LIST = `query($all: Boolean) { apiKeys(includeRevoked: $all) { id partner role scopes revokedAt } }`;

type Spec = { partner: string; role: 'PARTNER' | 'REPORTING'; scopes: string[]; rateLimitPerMinute?: number };

async function setUp(prefix: string) {
  const tenant = uniqueTenant(prefix);
  const admin = await tokenFor(tenant, ['ADMIN'], { sub: `admin-${prefix}` });
  const clerk = await tokenFor(tenant, ['COMMERCIAL_CLERK'], { sub: `clerk-${prefix}` });
  const createKey = async (spec: Spec) => (await ok(admin, CREATE, { i: spec })).createApiKey as { key: string; apiKey: { id: string } };
  const openAccount = async () => {
    const customerId = (await ok(clerk, REGISTER, { i: { kind: 'BUSINESS', name: `Cliente ${prefix}`, taxId: String(++seq) } })).registerCustomer.customer.id;
    return waitFor('collections to know the customer', async () => {
      const r = await execute<any>(OPEN, { i: { customerId, currency: 'BOB' } }, { token: clerk });
      return r.errors ? undefined : (r.data.openBillingAccount.billingAccount.id as string);
    });
  };
  const payments = async (accountId: string) =>
    ((await ok(clerk, PAYMENTS, { id: accountId })).billingAccount.payments.edges as { node: { externalReference: string } }[]).map(
      (e) => e.node.externalReference,
    );
  return { tenant, admin, clerk, createKey, openAccount, payments };
}

/** A request made with an API key, in either header the gateway accepts. */
const withKey = (key: string, query: string, variables: Record<string, unknown> = {}, header: 'authorization' | 'x-api-key' = 'x-api-key') =>
  execute<any>(query, variables, { headers: header === 'authorization' ? { authorization: `ApiKey ${key}` } : { 'x-api-key': key } });

const payment = (billingAccountId: string, externalReference: string) => ({ i: { billingAccountId, amount: '25.00', channel: 'BANK', externalReference } });

describe('API keys and scopes (issue #14)', () => {
  test('a partner key with only payments:write (+ write) registers a payment and reads nothing else; with only read it cannot register one', async () => {
    const { admin, createKey, openAccount, payments } = await setUp('key-pay');
    const accountId = await openAccount();
    const bank = await createKey({ partner: 'Banco Unión', role: 'PARTNER', scopes: ['write', 'payments:write'], rateLimitPerMinute: 600 });
    const reader = await createKey({ partner: 'Banco Lector', role: 'PARTNER', scopes: ['read'], rateLimitPerMinute: 600 });
    expect(bank.key).toMatch(new RegExp(`^vk_${bank.apiKey.id}_`));

    const paid = await withKey(bank.key, PAY, payment(accountId, 'BU-1'), 'authorization');
    expect(paid.errors).toBeUndefined();
    expect(paid.data.registerPayment.payment.amount).toEqual({ amount: '25.00' });
    expect((await withKey(bank.key, PAY, payment(accountId, 'BU-2'))).data.registerPayment.payment.id).toBeTruthy();

    // Nothing else: no reads (not even the account it paid into), no other act.
    expectGraphQLErrors(await withKey(bank.key, PAYMENTS, { id: accountId }), 'FORBIDDEN');
    expectGraphQLErrors(await withKey(bank.key, CUSTOMERS), 'FORBIDDEN');
    expectGraphQLErrors(await withKey(bank.key, LIST), 'FORBIDDEN');
    const invoice = {
      i: {
        billingAccountId: accountId,
        externalId: 'X-1',
        period: '2026-01',
        dueDate: '2026-02-01',
        total: '1.00',
        lines: [{ kind: 'FEE', description: 'x', amount: '1.00' }],
      },
    };
    expectGraphQLErrors(await withKey(bank.key, `mutation($i: ImportInvoiceInput!) { importInvoice(input: $i) { invoice { id } } }`, invoice), 'FORBIDDEN');

    // Read only: reads the account, cannot register a payment.
    expect((await withKey(reader.key, PAYMENTS, { id: accountId })).data?.billingAccount.id).toBe(accountId);
    expectGraphQLErrors(await withKey(reader.key, PAY, payment(accountId, 'BL-1')), 'FORBIDDEN');

    // The two payments of the bank and nothing of the reader, as the clerk sees them.
    expect((await payments(accountId)).sort()).toEqual(['BU-1', 'BU-2']);
    const listed = (await ok(admin, LIST, {})).apiKeys;
    expect(listed).toEqual([
      { id: bank.apiKey.id, partner: 'Banco Unión', role: 'PARTNER', scopes: ['payments:write', 'write'], revokedAt: null },
      { id: reader.apiKey.id, partner: 'Banco Lector', role: 'PARTNER', scopes: ['read'], revokedAt: null },
    ]);
  });

  test('R-KEY-1 a revoked key is refused at once; a rotated key only with its new secret; a revoked key cannot be rotated', async () => {
    const { admin, createKey } = await setUp('key-rev');
    const a = await createKey({ partner: 'Cobros SIGEP', role: 'PARTNER', scopes: ['read'], rateLimitPerMinute: 600 });
    const b = await createKey({ partner: 'Cobros Bot', role: 'PARTNER', scopes: ['read'], rateLimitPerMinute: 600 });
    const TENANT = `{ tenant { id } }`;
    expect((await withKey(a.key, TENANT)).status).toBe(200);

    const revoked = (await ok(admin, REVOKE, { id: a.apiKey.id })).revokeApiKey.apiKey;
    expect(revoked.revokedAt).toBeTruthy();
    const after = await withKey(a.key, TENANT);
    expect(after.status).toBe(401);
    expectGraphQLErrors(after, 'UNAUTHENTICATED');
    await refused(admin, ROTATE, { id: a.apiKey.id }, 'FAILED_PRECONDITION');
    expect((await ok(admin, LIST, {})).apiKeys.map((k: { id: string }) => k.id)).toEqual([b.apiKey.id]);
    expect((await ok(admin, LIST, { all: true })).apiKeys.map((k: { id: string }) => k.id)).toEqual([a.apiKey.id, b.apiKey.id]);

    const rotated = (await ok(admin, ROTATE, { id: b.apiKey.id })).rotateApiKey;
    expect(rotated.key).not.toBe(b.key);
    expect((await withKey(b.key, TENANT)).status).toBe(401);
    expect((await withKey(rotated.key, TENANT, {}, 'authorization')).status).toBe(200);
  });

  test("only the tenant's ADMIN manages its keys; another tenant's ADMIN does not find them; a REPORTING key writes nothing", async () => {
    const { clerk, createKey, openAccount } = await setUp('key-adm');
    const other = await tokenFor(uniqueTenant('key-oth'), ['ADMIN']);
    const key = await createKey({ partner: 'BI nocturno', role: 'REPORTING', scopes: ['read', 'reporting'] });
    await refused(clerk, LIST, {}, 'FORBIDDEN');
    await refused(clerk, CREATE, { i: { partner: 'Banco', role: 'PARTNER', scopes: ['read'] } }, 'FORBIDDEN');
    await refused(other, REVOKE, { id: key.apiKey.id }, 'NOT_FOUND');
    expect((await ok(other, LIST, {})).apiKeys).toEqual([]);

    const { admin } = await setUp('key-adm2');
    await refused(admin, CREATE, { i: { partner: 'BI', role: 'REPORTING', scopes: ['read', 'write'] } }, 'BAD_USER_INPUT');
    await refused(admin, CREATE, { i: { partner: 'Banco', role: 'PARTNER', scopes: ['payments:write'] } }, 'BAD_USER_INPUT');

    const accountId = await openAccount();
    expectGraphQLErrors(await withKey(key.key, PAY, payment(accountId, 'REP-1')), 'FORBIDDEN');
    expectGraphQLErrors(await withKey(key.key, REGISTER, { i: { kind: 'BUSINESS', name: 'No', taxId: String(++seq) } }), 'FORBIDDEN');
  });

  test('a key spends its own rate limit at the gateway; a malformed or unknown key is 401', async () => {
    const { createKey } = await setUp('key-rate');
    const slow = await createKey({ partner: 'Lento', role: 'PARTNER', scopes: ['read'], rateLimitPerMinute: 1 });
    expect((await withKey(slow.key, `{ __typename }`)).status).toBe(200);
    const second = await withKey(slow.key, `{ __typename }`);
    expect(second.status).toBe(429);
    expect(second.headers.get('retry-after')).toBeTruthy();

    expect((await withKey('vk_nope', `{ __typename }`)).status).toBe(401);
    const wrongSecret = slow.key.slice(0, -1) + (slow.key.endsWith('A') ? 'B' : 'A');
    expect((await withKey(wrongSecret, `{ __typename }`)).status).toBe(401);
    const unknownId = `vk_${'0'.repeat(24)}_${slow.key.split('_').slice(2).join('_')}`;
    expect((await withKey(unknownId, `{ __typename }`)).status).toBe(401);
  });

  test('deny by default: a token without scopes reads and writes nothing, at the gateway and at a subgraph called directly', async () => {
    const tenant = uniqueTenant('noscope');
    const noClaim = await new SignJWT({ tenant, roles: ['ADMIN'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('admin-noscope')
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode(devJwtSecret));
    const empty = await tokenFor(tenant, ['ADMIN'], { scopes: [] });
    const readOnly = await tokenFor(tenant, ['ADMIN'], { scopes: ['read'] });
    const customersUrl = testStack().urls.customers!;
    const register = { i: { kind: 'BUSINESS', name: 'Sin Alcance SA', taxId: String(++seq) } };
    for (const token of [noClaim, empty]) {
      for (const url of [undefined, customersUrl]) {
        expectGraphQLErrors(await execute(CUSTOMERS, {}, { token, ...(url ? { url } : {}) }), 'FORBIDDEN');
        expectGraphQLErrors(await execute(REGISTER, register, { token, ...(url ? { url } : {}) }), 'FORBIDDEN');
      }
    }
    expectGraphQLErrors(await execute(REGISTER, register, { token: readOnly, url: customersUrl }), 'FORBIDDEN');
    expect((await execute(CUSTOMERS, {}, { token: readOnly })).errors).toBeUndefined();
    // Nothing was written by any of them.
    expect((await ok(await tokenFor(tenant, ['ADMIN']), CUSTOMERS)).customers.edges).toEqual([]);
  });
});
