/**
 * The scheduled jobs on the real Mongo-wire server (JOBS_INTERVAL_MS is off in the test graph, so the
 * jobs are run here by hand with a chosen `now`): the monthly billing run bills the month that has just
 * closed in the tenant's time zone, once; the standing job turns the unpaid invoice OVERDUE once its
 * due date is past the tenant's overdue days; the promise job breaks a promise whose date passed.
 */
import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { connectMongo } from '@vinculo/common';
import { testStack } from '@vinculo/common/testing';
import { collectionsStores } from '../src/subgraph';
import { collectionsJobs } from '../src/application/jobs';
import { jobRunModel } from '../src/store/job-run.model';

/** A job clock where every tenant's business now is `iso`. */
const clockAt = (iso: string) => ({ now: () => new Date(iso) });

describe('collections scheduled jobs', () => {
  let conn: Connection;
  beforeAll(async () => {
    conn = await connectMongo(testStack().mongoUri, `collections_jobs_${randomUUID().slice(0, 8)}`);
  });
  afterAll(async () => {
    await conn.dropDatabase();
    await conn.close();
  });

  test('billing run for the closed period (tenant time zone) once; standings and R-COL-I1 promises by date', async () => {
    const stores = collectionsStores(conn, () => {});
    const jobs = Object.fromEntries(collectionsJobs({ ...stores, jobRuns: jobRunModel(conn) }).map((j) => [j.name, j]));
    const tenantId = `jobs-${randomUUID().slice(0, 8)}`;
    const opened = new Date('2026-02-01T12:00:00Z');
    await stores.accounts.create({
      _id: 'bac_jobs',
      tenantId,
      customerId: 'cus_jobs',
      accountNumber: 'BA-JOBS0001',
      currency: 'BOB',
      standing: 'UP_TO_DATE',
      orderId: null,
      openedBy: 'system',
      openedAt: opened,
      standingSince: opened,
      history: [],
      outbox: [],
    });
    await stores.subscriptions.create({
      _id: `${tenantId}|ip-jobs`,
      tenantId,
      installedProductId: 'ip-jobs',
      customerId: 'cus_jobs',
      billingAccountId: 'bac_jobs',
      orderId: null,
      family: 'INTERNET',
      serviceNumber: null,
      currency: 'BOB',
      status: 'ACTIVE',
      updatedAt: opened,
      changes: [
        {
          eventId: 'e1',
          change: 'ACTIVATED',
          effectiveDate: '2026-01-01',
          planCode: 'INET-10',
          monthlyFeeMinor: 10000,
          billing: 'PRORATED',
          wholePartMinor: null,
        },
      ],
    });
    const billing = jobs['collections.billing-run']!;
    const periods = async () => (await stores.invoices.find({ tenantId }).sort({ period: 1 }).lean()).map((i) => [i.period, i.totalMinor]);

    // 1 April 03:30 UTC is 31 March 23:30 in La Paz (the default tenant time zone): February is billed
    // (the first run bills every month closed since the account opened in February).
    await billing.run(clockAt('2026-04-01T03:30:00Z'));
    expect(await periods()).toEqual([['2026-02', 10000]]);
    await billing.run(clockAt('2026-04-01T03:45:00Z'));
    expect(await periods()).toEqual([['2026-02', 10000]]);
    // The February invoice was due 1 March; 30 days later (tenant policy) it is overdue: from 1 April (local) on.
    const standings = jobs['collections.standings']!;
    await standings.run(clockAt('2026-04-01T03:40:00Z'));
    expect((await stores.accounts.findById('bac_jobs').lean())?.standing).toBe('UP_TO_DATE');
    await standings.run(clockAt('2026-04-01T12:00:00Z'));
    const overdue = await stores.accounts.findById('bac_jobs').lean();
    expect([overdue?.standing, overdue?.overdueMinor]).toEqual(['OVERDUE', 10000]);
    expect(overdue?.outbox.filter((e) => e.type === 'collections.AccountStandingChanged')).toHaveLength(1);

    // March closed: billed once during April.
    await billing.run(clockAt('2026-04-01T12:30:00Z'));
    await billing.run(clockAt('2026-04-15T12:00:00Z'));
    expect(await periods()).toEqual([
      ['2026-02', 10000],
      ['2026-03', 10000],
    ]);
    const account = await stores.accounts.findById('bac_jobs').lean();
    expect(account?.invoices.map((i) => [i.period, i.totalMinor, i.paidMinor])).toEqual([
      ['2026-02', 10000, 0],
      ['2026-03', 10000, 0],
    ]);
    expect(account?.outbox.filter((e) => e.type === 'collections.InvoiceIssued')).toHaveLength(2);

    // R-COL-I1: a promise for 2 April, unpaid, is BROKEN by the job of 3 April (not before).
    await stores.promises.create({
      _id: 'ppr_jobs',
      tenantId,
      billingAccountId: 'bac_jobs',
      customerId: 'cus_jobs',
      promisedDate: '2026-04-02',
      amountMinor: 5000,
      currency: 'BOB',
      note: null,
      status: 'PENDING',
      paidMinor: 0,
      madeOn: '2026-04-01',
      followUpDate: '2026-04-02',
      recordedBy: 'exec',
      createdAt: new Date('2026-04-01T15:00:00Z'),
      history: [],
      outbox: [],
    });
    const promises = jobs['collections.promises']!;
    await promises.run(clockAt('2026-04-02T20:00:00Z'));
    expect((await stores.promises.findById('ppr_jobs').lean())?.status).toBe('PENDING');
    await promises.run(clockAt('2026-04-03T15:00:00Z'));
    expect((await stores.promises.findById('ppr_jobs').lean())?.status).toBe('BROKEN');
    expect(await jobRunModel(conn).countDocuments({ tenantId })).toBe(6);
  });

  test('a payment a crash left RECEIVED (stored, never applied) is applied once by the standings job, even if nobody resubmits it', async () => {
    const stores = collectionsStores(conn, () => {});
    const standings = collectionsJobs({ ...stores, jobRuns: jobRunModel(conn) }).find((j) => j.name === 'collections.standings')!;
    const tenantId = `orphan-${randomUUID().slice(0, 8)}`;
    const at = new Date('2026-05-01T12:00:00Z');
    await stores.accounts.create({
      _id: 'bac_orphan',
      tenantId,
      customerId: 'cus_orphan',
      accountNumber: 'BA-ORPH0001',
      currency: 'BOB',
      standing: 'UP_TO_DATE',
      orderId: null,
      openedBy: 'system',
      openedAt: at,
      standingSince: at,
      history: [],
      outbox: [],
    });
    const payment = (id: string, registeredAt: Date) => ({
      _id: id,
      tenantId,
      billingAccountId: 'bac_orphan',
      customerId: 'cus_orphan',
      channel: 'BANK' as const,
      externalReference: id,
      amountMinor: 5000,
      currency: 'BOB',
      receivedAt: registeredAt,
      registeredBy: 'bank',
      registeredAt,
      status: 'RECEIVED' as const,
      allocations: [],
      creditAddedMinor: 0,
    });
    await stores.payments.create(payment('pay_orphan', at));
    // One being registered right now (seconds old) is left to its own process.
    const now = new Date('2026-05-02T15:00:00Z');
    await stores.payments.create(payment('pay_in_flight', new Date(now.getTime() - 1_000)));

    await standings.run({ now: () => now });
    const applied = await stores.payments.findById('pay_orphan').lean();
    expect([applied?.status, applied?.creditAddedMinor]).toEqual(['APPLIED', 5000]);
    expect((await stores.payments.findById('pay_in_flight').lean())?.status).toBe('RECEIVED');
    await standings.run(clockAt('2026-05-03T15:00:00Z'));
    const account = await stores.accounts.findById('bac_orphan').lean();
    expect([account?.creditMinor, account?.appliedPaymentIds]).toEqual([10000, ['pay_orphan', 'pay_in_flight']]);
    expect(account?.outbox.filter((e) => e.type === 'collections.PaymentReceived')).toHaveLength(2);
    expect(account?.paymentAllocations.map((a) => [a.paymentId, a.creditAddedMinor])).toEqual([
      ['pay_orphan', 5000],
      ['pay_in_flight', 5000],
    ]);

    // Died after the ledger write, before marking the payment: completing it applies nothing again and
    // the payment gets the allocation the ledger write recorded.
    await stores.payments.create(payment('pay_half', new Date('2026-05-03T10:00:00Z')));
    await stores.accounts.updateOne(
      { _id: 'bac_orphan' },
      {
        $inc: { creditMinor: 5000 },
        $push: { appliedPaymentIds: 'pay_half', paymentAllocations: { paymentId: 'pay_half', allocations: [], creditAddedMinor: 5000 } },
      },
    );
    await standings.run(clockAt('2026-05-04T15:00:00Z'));
    const half = await stores.payments.findById('pay_half').lean();
    expect([half?.status, half?.creditAddedMinor]).toEqual(['APPLIED', 5000]);
    expect((await stores.accounts.findById('bac_orphan').lean())?.creditMinor).toBe(15000);
  });
});
