/**
 * An accepted billing claim whose process died between storing the resolution (claim RESOLVED/ACCEPTED
 * with its BillingClaimResolved event in the claim's outbox, one document write) and crediting the
 * account: the state the dead process leaves is written straight into collections' database; the relay
 * publishes the claim's event and collections' own consumer applies the credit, exactly once (a
 * redelivery of that event changes nothing).
 */
import mongoose from 'mongoose';
import { eventPublisher, testEvent, testStack, tokenFor, uniqueTenant, waitFor } from '@vinculo/common/testing';
import { execute, ok } from './support/untyped-answers';

const ACCOUNT = `query($id: ID!) { billingAccount(id: $id) { balance { amount } credit { amount } } }`;
const CLAIM = `query($id: ID!) { billingClaim(id: $id) { status outcome credited { amount } } }`;

test('a claim stored ACCEPTED without its credit (crash) gets the credit once from its own event', async () => {
  const tenant = uniqueTenant('clmcrash');
  const clerk = await tokenFor(tenant, ['COMMERCIAL_CLERK'], { sub: 'clerk-crash' });
  const erp = await tokenFor(tenant, ['PARTNER'], { sub: 'erp-crash', scopes: ['write', 'billing:write'] });
  const customerId = (
    await ok(clerk, `mutation { registerCustomer(input: { kind: BUSINESS, name: "Crédito Perdido SRL", taxId: "7777772" }) { customer { id } } }`)
  ).registerCustomer.customer.id as string;
  const accountId = await waitFor('collections to know the customer', async () => {
    const r = await execute<any>(
      `mutation($c: ID!) { openBillingAccount(input: { customerId: $c, currency: "BOB" }) { billingAccount { id } } }`,
      { c: customerId },
      { token: clerk },
    );
    return r.errors ? undefined : (r.data.openBillingAccount.billingAccount.id as string);
  });
  const invoiceId = (
    await ok(erp, `mutation($i: ImportInvoiceInput!) { importInvoice(input: $i) { invoice { id } } }`, {
      i: {
        billingAccountId: accountId,
        externalId: 'ERP-CRASH-1',
        period: '2026-02',
        dueDate: '2026-03-01',
        total: '100.00',
        lines: [{ kind: 'PLAN_FEE', description: 'Plan', amount: '100.00' }],
      },
    })
  ).importInvoice.invoice.id as string;
  const claimId = (
    await ok(clerk, `mutation($i: RegisterBillingClaimInput!) { registerBillingClaim(input: $i) { billingClaim { id } } }`, {
      i: { invoiceId, description: 'Cobro de días sin servicio' },
    })
  ).registerBillingClaim.billingClaim.id as string;

  // What resolveBillingClaim writes in its one versioned claim write; the process dies before the credit.
  const now = new Date();
  const resolved = testEvent(
    'collections',
    'collections.BillingClaimResolved',
    tenant,
    claimId,
    {
      claimId,
      invoiceId,
      billingAccountId: accountId,
      customerId,
      status: 'RESOLVED',
      outcome: 'ACCEPTED',
      reason: 'Corte del 10 al 12',
      creditAmount: 3000,
      currency: 'BOB',
    },
    { actor: { userId: 'utar-crash', role: 'CLAIMS_UNIT' } },
  );
  const { mongoUri, runId } = testStack();
  const conn = await mongoose.createConnection(mongoUri, { dbName: `t${runId}_collections` }).asPromise();
  const bus = await eventPublisher(testStack().kafkaBrokers);
  try {
    const written = await conn
      .collection<{ _id: string } & Record<string, unknown>>('billing_claims')
      .updateOne({ _id: claimId, tenantId: tenant, status: 'ASSIGNED' }, {
        $set: { status: 'RESOLVED', outcome: 'ACCEPTED', resolution: 'Corte del 10 al 12', resolvedAt: now },
        $inc: { creditedMinor: 3000, version: 1 },
        $push: { history: { from: 'ASSIGNED', to: 'RESOLVED', by: 'utar-crash', at: now, note: 'Corte del 10 al 12' }, outbox: resolved },
      } as never);
    expect(written.modifiedCount).toBe(1);

    expect((await ok(clerk, CLAIM, { id: claimId })).billingClaim).toEqual({ status: 'RESOLVED', outcome: 'ACCEPTED', credited: { amount: '30.00' } });
    const credited = await waitFor('the credit from the claim event', async () => {
      const a = (await ok(clerk, ACCOUNT, { id: accountId })).billingAccount;
      return a.balance.amount === '70.00' ? a : undefined;
    });
    expect(credited).toEqual({ balance: { amount: '70.00' }, credit: { amount: '0.00' } });

    // The same event delivered again, then a later resolution's event on the same key (partition):
    // once the later one is applied, the redelivery has been consumed too — and credited nothing.
    await bus.publish(resolved);
    const later = testEvent('collections', 'collections.BillingClaimResolved', tenant, claimId, {
      claimId,
      invoiceId,
      billingAccountId: accountId,
      customerId,
      status: 'RESOLVED',
      outcome: 'ACCEPTED',
      reason: 'Segunda revisión',
      creditAmount: 500,
      currency: 'BOB',
    });
    await bus.publish(later);
    await waitFor('the later credit', async () => ((await ok(clerk, ACCOUNT, { id: accountId })).billingAccount.balance.amount === '65.00' ? true : undefined));
    expect((await ok(clerk, ACCOUNT, { id: accountId })).billingAccount).toEqual({ balance: { amount: '65.00' }, credit: { amount: '0.00' } });
    const account = await conn.collection('billing_accounts').findOne({ _id: accountId } as never);
    expect((account?.appliedPaymentIds as string[]).filter((g) => g.startsWith('claim-credit:'))).toEqual([
      `claim-credit:${resolved.id}`,
      `claim-credit:${later.id}`,
    ]);
  } finally {
    await bus.stop();
    await conn.close();
  }
});
