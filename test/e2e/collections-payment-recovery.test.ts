/**
 * A payment orphaned by a crash — stored RECEIVED, the process killed before it was applied to the
 * account — is completed by its resubmission, exactly once; later resubmissions are a CONFLICT.
 * The orphan is written straight into collections' database, as the dead process left it.
 */
import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { execute, expectGraphQLErrors, expectNoGraphQLErrors, testStack, tokenFor, uniqueTenant, waitFor } from '@vinculo/common/testing';

const PAY = `mutation($i: RegisterPaymentInput!) { registerPayment(input: $i) {
  payment { id amount { amount } creditAdded { amount } } billingAccount { id credit { amount } } } }`;

test('an orphaned RECEIVED payment is applied once by its resubmission, then the reference is a CONFLICT', async () => {
  const tenant = uniqueTenant('orphan');
  const clerk = await tokenFor(tenant, ['COMMERCIAL_CLERK']);
  const admin = await tokenFor(tenant, ['ADMIN']);
  const reg = await execute<any>(
    `mutation { registerCustomer(input: { kind: BUSINESS, name: "Huérfano SRL", taxId: "7777771" }) { customer { id } } }`,
    {},
    { token: admin },
  );
  const customerId = expectNoGraphQLErrors(reg).registerCustomer.customer.id as string;
  const accountId = await waitFor('collections to know the customer', async () => {
    const r = await execute<any>(
      `mutation($c: ID!) { openBillingAccount(input: { customerId: $c, currency: "BOB" }) { billingAccount { id } } }`,
      { c: customerId },
      { token: clerk },
    );
    return r.errors ? undefined : (r.data.openBillingAccount.billingAccount.id as string);
  });

  const { mongoUri, runId } = testStack();
  const conn = await mongoose.createConnection(mongoUri, { dbName: `t${runId}_collections` }).asPromise();
  const twoMinutesAgo = new Date(Date.now() - 120_000);
  const orphanId = `pay_orphan_${randomUUID().slice(0, 8)}`;
  try {
    await conn.collection<{ _id: string } & Record<string, unknown>>('payments').insertOne({
      _id: orphanId,
      tenantId: tenant,
      billingAccountId: accountId,
      customerId,
      channel: 'BANK',
      externalReference: 'BANK-ORPHAN-1',
      amountMinor: 5000,
      currency: 'BOB',
      receivedAt: twoMinutesAgo,
      registeredBy: 'user-commercial_clerk',
      registeredAt: twoMinutesAgo,
      status: 'RECEIVED',
      allocations: [],
      creditAddedMinor: 0,
    });

    const input = { billingAccountId: accountId, amount: '50.00', channel: 'BANK', externalReference: 'BANK-ORPHAN-1' };
    const completed = expectNoGraphQLErrors(await execute<any>(PAY, { i: input }, { token: clerk })).registerPayment;
    expect(completed.payment).toEqual({ id: orphanId, amount: { amount: '50.00' }, creditAdded: { amount: '50.00' } });
    expect(completed.billingAccount.credit).toEqual({ amount: '50.00' });

    expectGraphQLErrors(await execute(PAY, { i: input }, { token: clerk }), 'CONFLICT');
    const after = expectNoGraphQLErrors(
      await execute<any>(`query($id: ID!) { billingAccount(id: $id) { credit { amount } } }`, { id: accountId }, { token: clerk }),
    );
    expect(after.billingAccount.credit).toEqual({ amount: '50.00' });
    expect(await conn.collection('payments').countDocuments({ tenantId: tenant })).toBe(1);
  } finally {
    await conn.close();
  }
});
