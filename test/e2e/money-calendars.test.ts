/**
 * The kit's value types through the gateway on real Kafka + Mongo-wire (issue #17): money keeps the
 * ISO 4217 exponent (a COP amount with cents round-trips), and business days skip the tenant's
 * national holidays (a PQR received before one gets a deadline that skips it).
 */
import { AdvanceBusinessClockDocument, ChooseHolidayCalendarDocument, createClient, RegisterPaymentDocument, TenantHolidaysDocument } from '@vinculo/client';
import { testStack, tokenFor, uniqueTenant, waitFor } from '@vinculo/common/testing';
import { execute, ok } from './support/untyped-answers';
import { postsaleRequirementFiles } from './support/files';
import { expectReconciled } from './support/reconciliation';

let seq = 9170000;

const CONFIGURE = `mutation($i: ConfigureTenantInput!) { configureTenant(input: $i) { tenant { version currency } } }`;
const REGISTER = `mutation($i: RegisterCustomerInput!) { registerCustomer(input: $i) { customer { id } } }`;
const OPEN = `mutation($i: OpenBillingAccountInput!) { openBillingAccount(input: $i) { billingAccount { id } } }`;
const PAYMENT = `query($id: ID!) { payment(id: $id) { amount { amount currency } creditAdded { amount currency } billingAccount { id } } }`;
const ACCOUNT_PAYMENTS = `query($id: ID!) { billingAccount(id: $id) { payments(first: 5) { edges { node { id amount { amount currency } } } } } }`;
const RECEIVE = `mutation($i: ReceivePostSaleRequestInput!) { receivePostSaleRequest(input: $i) { request { id receivedOn pqr { sla { deadline businessDaysLeft breached } } } } }`;
/** @vinculo/client's typed operations (client/operations) through the gateway. */
const client = (token: string) => createClient({ url: testStack().gatewayUrl, token });

/** A Colombian NIT with its DIAN check digit (a CO tenant validates it). */
function colombianNit(base: string): string {
  const weights = [3, 7, 13, 17, 19, 23, 29, 37, 41, 43, 47, 53, 59, 67, 71];
  const sum = [...base].reverse().reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
  const r = sum % 11;
  return `${base}-${r > 1 ? 11 - r : r}`;
}

async function customer(token: string, name: string, taxId = String(++seq)): Promise<string> {
  return (await ok(token, REGISTER, { i: { kind: 'BUSINESS', name, taxId } })).registerCustomer.customer.id as string;
}

/** Receive a PQR once post-sale's directory knows the customer (its read model fills from customers' events). */
async function receivePqr(clerk: string, customerId: string) {
  return waitFor(
    'post-sale to know the customer',
    async () => {
      const r = await execute<any>(
        RECEIVE,
        {
          i: {
            type: 'PQR',
            customerId,
            channel: 'EMAIL',
            requirementAttachments: await postsaleRequirementFiles(clerk, customerId),
            pqr: { kind: 'CLAIM', subject: 'Factura duplicada', description: 'Me cobraron dos veces el mes' },
          },
        },
        { token: clerk },
      );
      if (r.errors?.some((e: any) => e.extensions?.code === 'NOT_FOUND' || e.extensions?.reason === 'STILL_ARRIVING')) return undefined;
      if (r.errors) throw new Error(JSON.stringify(r.errors));
      return r.data.receivePostSaleRequest.request as {
        id: string;
        receivedOn: string;
        pqr: { sla: { deadline: string; businessDaysLeft: number; breached: boolean } };
      };
    },
    { timeoutMs: 60_000, intervalMs: 300 },
  );
}

describe("money: ISO 4217 exponents, not the runtime's", () => {
  test('a COP payment of 1000.50 is taken and reads back as 1000.50 COP (COP has two minor digits)', async () => {
    const tenant = uniqueTenant('cop');
    const admin = await tokenFor(tenant, ['ADMIN'], { sub: 'admin-cop' });
    const clerk = await tokenFor(tenant, ['COMMERCIAL_CLERK'], { sub: 'clerk-cop' });
    await ok(admin, CONFIGURE, { i: { expectedVersion: 0, currency: 'COP', country: 'CO', timeZone: 'America/Bogota' } });
    const customerId = await customer(clerk, 'Aseo Bogotá SAS', colombianNit(`9${++seq}`));
    const accountId = await waitFor(
      'collections to know the customer',
      async () => {
        const r = await execute<any>(OPEN, { i: { customerId, currency: 'COP' } }, { token: clerk });
        return r.errors ? undefined : (r.data.openBillingAccount.billingAccount.id as string);
      },
      { timeoutMs: 60_000, intervalMs: 300 },
    );

    const paid = (
      await client(clerk).request(RegisterPaymentDocument, {
        input: { billingAccountId: accountId, amount: '1000.50', channel: 'BANK', externalReference: `COP-${tenant}` },
      })
    ).registerPayment.payment;
    expect(paid.amount).toEqual({ amount: '1000.50', currency: 'COP' });
    // Read back through a fresh query: what was stored (minor units) means 1000.50 again.
    expect((await ok(clerk, PAYMENT, { id: paid.id })).payment).toEqual({
      amount: { amount: '1000.50', currency: 'COP' },
      creditAdded: { amount: '1000.50', currency: 'COP' },
      billingAccount: { id: accountId },
    });
    expect((await ok(clerk, ACCOUNT_PAYMENTS, { id: accountId })).billingAccount.payments.edges).toEqual([
      { node: { id: paid.id, amount: { amount: '1000.50', currency: 'COP' } } },
    ]);
    // More precision than the currency has is still refused.
    await expect(
      client(clerk).request(RegisterPaymentDocument, {
        input: { billingAccountId: accountId, amount: '10.505', channel: 'BANK', externalReference: `COP2-${tenant}` },
      }),
    ).rejects.toHaveProperty('code', 'BAD_USER_INPUT');

    await expectReconciled(admin);
  });
});

describe("calendars: business days skip the tenant's national holidays", () => {
  test('R-PS-PQR1 a PQR received the day before a national holiday (Bolivia, 22 January) gets a deadline that skips it and Carnival', async () => {
    const tenant = uniqueTenant('pqrhol');
    const admin = await tokenFor(tenant, ['ADMIN'], { sub: 'admin-hol' });
    const clerk = await tokenFor(tenant, ['COMMERCIAL_CLERK'], { sub: 'clerk-hol' });
    // A tenant never configured is Bolivian (Bs): its calendar is Bolivia's.
    const { policy } = (await client(admin).request(TenantHolidaysDocument, { year: 2027 })).tenant;
    expect(policy.holidayCalendar).toBe('COUNTRY');
    expect(policy.holidays.map((h) => h.date)).toEqual(expect.arrayContaining(['2027-01-22', '2027-02-08', '2027-02-09', '2027-03-26']));

    // Wednesday 20 January 2027, noon in La Paz: Friday 22 is the Plurinational State's day, 8–9 February Carnival.
    await client(admin).request(AdvanceBusinessClockDocument, { input: { to: '2027-01-20T16:00:00.000Z' } });
    const customerId = await customer(clerk, 'Reclamos Feriado SRL');
    const pqr = await waitFor(
      'post-sale on the advanced clock',
      async () => {
        const r = await receivePqr(clerk, customerId);
        return r.receivedOn === '2027-01-20' ? r : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    // 15 business days: weekends only would end on 10 February; without 22 Jan, 8 and 9 Feb it is 15 February.
    expect(pqr.pqr.sla).toEqual({ deadline: '2027-02-15', businessDaysLeft: 15, breached: false });

    // A tenant that chooses no holiday calendar counts weekends only: post-sale reads the policy from its read model.
    const chosen = (await client(admin).request(ChooseHolidayCalendarDocument, { input: { expectedVersion: 0, holidayCalendar: 'NONE' } })).updateTenantPolicy
      .tenant;
    expect(chosen).toEqual({ version: 1, policy: { holidayCalendar: 'NONE', additionalHolidays: [] } });
    const weekendsOnly = await waitFor(
      'post-sale to read the new holiday calendar',
      async () => {
        const r = await receivePqr(clerk, customerId);
        return r.pqr.sla.deadline === '2027-02-10' ? r : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    expect(weekendsOnly.pqr.sla).toEqual({ deadline: '2027-02-10', businessDaysLeft: 15, breached: false });

    await expectReconciled(admin);
  });
});
