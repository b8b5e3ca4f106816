/**
 * The collections indicators from maintained totals, on the real Mongo-wire server: after billing runs,
 * payments (partial, exact, over-paying into credit), promises evaluated, standings turning OVERDUE, a
 * claim's credit and a writer that died before adding its delta, the tenant's totals equal a full
 * recompute from the accounts, and the indicators read from them equal what the scan of every account
 * and invoice (the way they were computed before) answers.
 */
import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { connectMongo, SYSTEM_ACTOR, updateVersioned } from '@vinculo/common';
import { testStack } from '@vinculo/common/testing';
import { collectionsStores } from '../src/subgraph';
import type { ResolverDeps } from '../src/resolvers/deps';
import { runBillingPeriod } from '../src/application/billing-run';
import { registerPayment } from '../src/application/payments';
import { evaluateStandings } from '../src/application/standings';
import { evaluatePromises } from '../src/application/promises';
import { applyClaimCredit } from '../src/application/claim-credit';
import { deltaIn, ledgerOf, ledgerWrite } from '../src/application/account-ledger';
import {
  currentIndicatorTotals,
  foldIndicatorDeltas,
  pendingDeltas,
  rebuildIndicatorTotals,
  recomputeIndicatorTotals,
} from '../src/application/indicator-totals';
import { indicatorsFromTotals } from '../src/domain/indicator-totals';
import { applyPayment, balanceOf } from '../src/domain/ledger';
import { ageing, percent } from '../src/domain/indicators';
import { calendarDate } from '../src/domain/period';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { seedBillingAccounts } = require('../../../test/bench/billing-accounts') as {
  seedBillingAccounts: (db: unknown, o: { tenantId: string; to: number; period: string }) => Promise<void>;
};

/** The account-based indicators as they were computed before the totals: a scan of every account and the period's invoices. */
async function byScan(deps: ResolverDeps, tenantId: string, period: string, today: string) {
  const invoices = await deps.invoices.find({ tenantId, period, kind: { $ne: 'RECEIVABLE' } }).lean();
  const bySegment = new Map<string, { segment: string; currency: string; invoices: number; totalMinor: number }>();
  for (const i of invoices) {
    const k = `${i.segment ?? 'UNKNOWN'}|${i.currency}`;
    const e = bySegment.get(k) ?? { segment: i.segment ?? 'UNKNOWN', currency: i.currency, invoices: 0, totalMinor: 0 };
    e.invoices++;
    e.totalMinor += i.totalMinor;
    bySegment.set(k, e);
  }
  const accounts = (await deps.accounts.find({ tenantId }).lean()).filter((a) => a.invoices.length > 0);
  const outstanding = accounts.reduce((s, a) => s + balanceOf(ledgerOf(a)), 0);
  const overdueAccounts = accounts.filter((a) => a.standing === 'OVERDUE');
  const overdue = overdueAccounts.reduce((s, a) => s + a.overdueMinor, 0);
  return {
    billingBySegment: [...bySegment.values()].sort((a, b) => a.segment.localeCompare(b.segment)),
    outstanding: accounts.length ? [{ currency: 'BOB', amountMinor: outstanding }] : [],
    overdue: overdueAccounts.length ? [{ currency: 'BOB', amountMinor: overdue }] : [],
    overdueRatioPercent: percent(overdue, outstanding),
    ageing: ageing(
      accounts.flatMap((a) => a.invoices),
      today,
    ),
  };
}

describe('collections indicator totals (real Mongo-wire)', () => {
  let conn: Connection;
  beforeAll(async () => {
    conn = await connectMongo(testStack().mongoUri, `collections_totals_${randomUUID().slice(0, 8)}`);
  });
  afterAll(async () => {
    await conn.dropDatabase();
    await conn.close();
  });

  test('after billing runs, payments, promises, standings, a claim credit and a lost fold, the totals equal a full recompute and the indicators equal the scan', async () => {
    const deps = collectionsStores(conn, () => {});
    await Promise.all(Object.values(conn.models).map((m) => m.init()));
    const tenantId = `totals-${randomUUID().slice(0, 8)}`;
    const system = { tenantId, actor: SYSTEM_ACTOR };
    const cashier = { tenantId, userId: 'cashier-1', roles: ['CASHIER'] as never[] };
    await seedBillingAccounts(conn.db, { tenantId, to: 40, period: '2026-03' });
    const acc = (i: number) => `bac_${tenantId}_${String(i).padStart(7, '0')}`;

    // Built before anything is billed (a tenant that asks early), then kept up to date by every write.
    expect(await currentIndicatorTotals(deps, tenantId)).toEqual({});
    await runBillingPeriod(deps, system, '2026-03', new Date('2026-04-02T14:00:00Z'), { collect: false, batchSize: 9 });

    const paidAt = new Date('2026-04-10T15:00:00Z');
    await registerPayment(deps, cashier, { billingAccountId: acc(1), amount: '50.00', channel: 'CASHIER', externalReference: 'p-1' }, paidAt);
    await registerPayment(deps, cashier, { billingAccountId: acc(2), amount: '10000.00', channel: 'CASHIER', externalReference: 'p-2' }, paidAt);
    const invoice3 = (await deps.accounts.findById(acc(3)).lean())!.invoices[0]!;
    await registerPayment(
      deps,
      cashier,
      { billingAccountId: acc(3), amount: String(invoice3.totalMinor / 100), channel: 'CASHIER', externalReference: 'p-3' },
      paidAt,
    );
    // Promises: one kept by account 3's payment, one broken (account 4 never paid).
    const promise = (id: string, accountId: string, amountMinor: number) => ({
      _id: id,
      tenantId,
      billingAccountId: accountId,
      customerId: 'c',
      promisedDate: '2026-04-15',
      amountMinor,
      currency: 'BOB',
      note: null,
      status: 'PENDING',
      paidMinor: 0,
      madeOn: '2026-04-05',
      followUpDate: '2026-04-16',
      recordedBy: 'exec',
      createdAt: new Date('2026-04-05T12:00:00Z'),
      history: [],
      version: 0,
      outbox: [],
    });
    await deps.promises.create([promise('pp-3', acc(3), invoice3.totalMinor), promise('pp-4', acc(4), 1000)]);
    expect((await evaluatePromises(deps, system, new Date('2026-04-20T15:00:00Z'))).map((p) => [p._id, p.status]).sort()).toEqual([
      ['pp-3', 'KEPT'],
      ['pp-4', 'BROKEN'],
    ]);

    // April billed (account 2's credit pays its invoice), then the March invoices fall overdue.
    await runBillingPeriod(deps, system, '2026-04', new Date('2026-05-03T14:00:00Z'), { collect: false, batchSize: 9 });
    const standingsAt = new Date('2026-05-10T15:00:00Z');
    // (April's posting already judged most accounts against its own today; the evaluation finishes the rest.)
    await evaluateStandings(deps, system, standingsAt);
    expect(await deps.accounts.countDocuments({ tenantId, standing: 'OVERDUE' })).toBeGreaterThan(30);
    await applyClaimCredit(deps, system, acc(5), 700, 'evt-claim-5', standingsAt);

    // A writer that died after its versioned write and before adding its delta to the totals.
    const account6 = (await deps.accounts.findById(acc(6)).lean())!;
    const { update, events } = ledgerWrite(account6, { ledger: applyPayment(ledgerOf(account6), 1234).ledger }, system, '2026-05-10', 30, standingsAt);
    await updateVersioned(deps.accounts, { _id: account6._id, tenantId }, account6.version, update, events);
    const left = await pendingDeltas(deps.accounts, tenantId);
    expect(left.map((d) => d.delta.key)).toEqual([`${acc(6)}@${account6.version + 1}`]);
    expect(left[0]!.delta).toEqual(deltaIn(update));
    // Two processes add it at once: it counts once.
    const racing = [{ accountId: acc(6), delta: left[0]!.delta }];
    await Promise.all([foldIndicatorDeltas(deps.accounts, tenantId, racing), foldIndicatorDeltas(deps.accounts, tenantId, racing)]);
    expect(await pendingDeltas(deps.accounts, tenantId)).toEqual([]);

    const maintained = await currentIndicatorTotals(deps, tenantId);
    const { totals: recomputed } = await recomputeIndicatorTotals(deps, tenantId);
    expect(maintained).toEqual(recomputed);
    expect(maintained['bill.2026-03.BUSINESS~BOB.invoices']).toBeGreaterThan(0);

    const today = calendarDate(new Date('2026-07-15T15:00:00Z'), 'America/La_Paz');
    for (const period of ['2026-03', '2026-04', '2026-05']) {
      expect(indicatorsFromTotals(maintained, period, 'BOB', today)).toEqual(await byScan(deps, tenantId, period, today));
    }
    const view = indicatorsFromTotals(maintained, '2026-03', 'BOB', today);
    expect(view.overdue[0]!.amountMinor).toBeGreaterThan(0);
    expect(view.ageing.some((b) => b.bucket === 'DAYS_61_90' && b.amountMinor > 0)).toBe(true);

    // Rebuilt from the accounts (operations after a restore): the same totals.
    await rebuildIndicatorTotals(deps, tenantId);
    expect(await currentIndicatorTotals(deps, tenantId)).toEqual(recomputed);
  });
  test('a batch of deltas (more than the engine checks by `$nin`) added by two processes at once counts once', async () => {
    const deps = collectionsStores(conn, () => {});
    await Promise.all(Object.values(conn.models).map((m) => m.init()));
    const tenantId = `totals-${randomUUID().slice(0, 8)}`;
    const system = { tenantId, actor: SYSTEM_ACTOR };
    await seedBillingAccounts(conn.db, { tenantId, to: 60, period: '2026-03' });
    await currentIndicatorTotals(deps, tenantId);
    // Batches of 30: each batch's deltas are checked against the remembered keys by a read and written under `rev`.
    await runBillingPeriod(deps, system, '2026-03', new Date('2026-04-02T14:00:00Z'), { collect: false, batchSize: 30 });
    expect(await pendingDeltas(deps.accounts, tenantId)).toEqual([]);

    // 25 writers that died after their versioned writes; two processes then add the 25 deltas at once.
    const accounts = await deps.accounts
      .find({ tenantId, 'invoices.0': { $exists: true } })
      .sort({ _id: 1 })
      .limit(25)
      .lean();
    expect(accounts).toHaveLength(25);
    for (const account of accounts) {
      const { update, events } = ledgerWrite(
        account,
        { ledger: applyPayment(ledgerOf(account), 100).ledger },
        system,
        '2026-04-10',
        30,
        new Date('2026-04-10T15:00:00Z'),
      );
      await updateVersioned(deps.accounts, account, account.version, update, events);
    }
    const left = await pendingDeltas(deps.accounts, tenantId);
    expect(left).toHaveLength(25);
    await Promise.all([foldIndicatorDeltas(deps.accounts, tenantId, left), foldIndicatorDeltas(deps.accounts, tenantId, left)]);
    expect(await pendingDeltas(deps.accounts, tenantId)).toEqual([]);
    const { totals: recomputed } = await recomputeIndicatorTotals(deps, tenantId);
    expect(await currentIndicatorTotals(deps, tenantId)).toEqual(recomputed);
    expect(recomputed['bill.2026-03.BUSINESS~BOB.invoices']).toBeGreaterThan(0);
  });
});
