/**
 * A collection call whose recording process died between storing the call (with its
 * CollectionCallRecorded event in the call's outbox, one document write) and moving the account's
 * pending promise's next follow-up (R-COL-I1): the state the dead process leaves is written straight
 * into collections' database; the relay publishes the call's event and collections' own consumer moves
 * the follow-up (a redelivery changes nothing: the date only moves forward).
 */
import mongoose from 'mongoose';
import { stackBus, testEvent, testStack, tokenFor, uniqueTenant, waitFor } from '@vinculo/common/testing';
import { execute, ok } from './support/untyped-answers';

const bus = stackBus();
const PROMISES = `query($id: ID!) { billingAccount(id: $id) { paymentPromises(first: 5) { edges { node { id status followUpDate } } } } }`;
const localToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'America/La_Paz', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const plus = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

test("R-COL-I1 a call stored without its follow-up move (crash) moves the promise's follow-up from its own event, once", async () => {
  const tenant = uniqueTenant('callcrash');
  const clerk = await tokenFor(tenant, ['COMMERCIAL_CLERK'], { sub: 'clerk-call' });
  const erp = await tokenFor(tenant, ['PARTNER'], { sub: 'erp-call', scopes: ['write', 'billing:write'] });
  const customerId = (
    await ok(clerk, `mutation { registerCustomer(input: { kind: BUSINESS, name: "Llamada Perdida SRL", taxId: "7777773" }) { customer { id } } }`)
  ).registerCustomer.customer.id as string;
  const accountId = await waitFor('collections to know the customer', async () => {
    const r = await execute<any>(
      `mutation($c: ID!) { openBillingAccount(input: { customerId: $c, currency: "BOB" }) { billingAccount { id } } }`,
      { c: customerId },
      { token: clerk },
    );
    return r.errors ? undefined : (r.data.openBillingAccount.billingAccount.id as string);
  });
  await ok(erp, `mutation($i: ImportInvoiceInput!) { importInvoice(input: $i) { invoice { id } } }`, {
    i: {
      billingAccountId: accountId,
      externalId: 'ERP-CALL-1',
      period: '2026-02',
      dueDate: '2026-03-01',
      total: '100.00',
      lines: [{ kind: 'PLAN_FEE', description: 'Plan', amount: '100.00' }],
    },
  });
  const today = localToday();
  const promise = (
    await ok(clerk, `mutation($i: RecordPaymentPromiseInput!) { recordPaymentPromise(input: $i) { paymentPromise { id followUpDate } } }`, {
      i: { billingAccountId: accountId, promisedDate: plus(today, 30), amount: '100.00' },
    })
  ).recordPaymentPromise.paymentPromise;
  expect(promise.followUpDate).toBe(plus(today, 7));

  // What recordCollectionCall writes in its one call write; the process dies before moving the follow-up.
  const callId = `ccl_crash_${tenant}`;
  const now = new Date();
  const data = {
    callId,
    billingAccountId: accountId,
    customerId,
    outcome: 'CALL_BACK',
    note: null,
    promiseId: promise.id,
    nextFollowUpDate: plus(today, 14),
    calledAt: now.toISOString(),
  };
  const recorded = testEvent('collections', 'collections.CollectionCallRecorded', tenant, callId, data, {
    actor: { userId: 'clerk-call', role: 'COMMERCIAL_CLERK' },
  });
  const { mongoUri, runId } = testStack();
  const conn = await mongoose.createConnection(mongoUri, { dbName: `t${runId}_collections` }).asPromise();
  try {
    await conn.collection<{ _id: string } & Record<string, unknown>>('collection_calls').insertOne({
      _id: callId,
      tenantId: tenant,
      billingAccountId: accountId,
      customerId,
      outcome: 'CALL_BACK',
      note: null,
      promiseId: promise.id,
      calledBy: 'clerk-call',
      calledAt: now,
      version: 0,
      outbox: [recorded],
    });
    const followUpOf = async () =>
      (await ok(clerk, PROMISES, { id: accountId })).billingAccount.paymentPromises.edges[0].node as { id: string; status: string; followUpDate: string };
    const moved = await waitFor('the follow-up moved by the call event', async () => {
      const p = await followUpOf();
      return p.followUpDate === plus(today, 14) ? p : undefined;
    });
    expect(moved).toEqual({ id: promise.id, status: 'PENDING', followUpDate: plus(today, 14) });

    // The same event again changes nothing; a later call's event moves it further.
    await bus.publish(recorded);
    await bus.publish(testEvent('collections', 'collections.CollectionCallRecorded', tenant, callId, { ...data, nextFollowUpDate: plus(today, 21) }));
    await waitFor('the later follow-up', async () => ((await followUpOf()).followUpDate === plus(today, 21) ? true : undefined));
  } finally {
    await conn.close();
  }
});
