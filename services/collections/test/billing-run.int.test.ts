/**
 * The billing run at scale on the real Mongo-wire server: a run killed for real (SIGKILL, its own
 * process) in the middle of a batch — after the invoices were stored, before the ledgers — and again
 * after the ledgers of a later batch, before its cursor was saved, is continued by the next run and ends
 * exactly as an uninterrupted run on a copy of the same data: the same invoices, ledgers, standings and
 * marked charges, one collections.InvoiceIssued per invoice (none lost, none twice), nothing billed twice.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { connectMongo, SYSTEM_ACTOR } from '@vinculo/common';
import { testStack } from '@vinculo/common/testing';
import { collectionsStores } from '../src/subgraph';
import { runBillingPeriod } from '../src/application/billing-run';
import { billingRunId } from '../src/store/billing-run.model';
import { currentIndicatorTotals, recomputeIndicatorTotals } from '../src/application/indicator-totals';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { seedBillingAccounts } = require('../../../test/bench/billing-accounts') as {
  seedBillingAccounts: (db: unknown, o: { tenantId: string; to: number; period: string }) => Promise<void>;
};

const HARNESS = path.join(__dirname, 'fixtures', 'billing-run-harness.js');
const PERIOD = '2026-03';
const NOW = '2026-04-02T14:00:00.000Z';
const ACCOUNTS = 60;
const BATCH = 7;

function runHarness(args: string[]): Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [HARNESS, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.on('exit', (code, signal) => resolve({ code, signal, out }));
  });
}

interface Outboxed {
  type: string;
  data: Record<string, unknown>;
}

/** What a billing run leaves in a database, without what differs by nature (event ids and wall-clock stamps). */
async function endState(conn: Connection, tenantId: string) {
  const stores = collectionsStores(conn, () => {});
  const invoices = await stores.invoices.find({ tenantId }, { updatedAt: 0 }).sort({ _id: 1 }).lean();
  const accounts = await stores.accounts.find({ tenantId }, { updatedAt: 0 }).sort({ _id: 1 }).lean();
  const charges = await stores.charges.find({ tenantId }, { _id: 1, invoiceId: 1 }).sort({ _id: 1 }).lean();
  return {
    invoices,
    charges,
    accounts: accounts.map(({ outbox, ...a }) => ({ ...a, events: (outbox as Outboxed[]).map((e) => ({ type: e.type, data: e.data })) })),
  };
}

describe('billing run: resumable and idempotent at scale (real Mongo-wire, killed process)', () => {
  const stack = testStack();
  const run = randomUUID().slice(0, 8);
  let straight: Connection;
  let crashed: Connection;

  beforeAll(async () => {
    straight = await connectMongo(stack.mongoUri, `billing_straight_${run}`);
    crashed = await connectMongo(stack.mongoUri, `billing_crashed_${run}`);
    for (const conn of [straight, crashed]) {
      const stores = collectionsStores(conn, () => {});
      await Promise.all([stores.accounts.init(), stores.invoices.init(), stores.charges.init(), stores.subscriptions.init(), stores.billingRuns.init()]);
    }
  });
  afterAll(async () => {
    for (const conn of [straight, crashed]) {
      await conn.dropDatabase();
      await conn.close();
    }
  });

  test("R-COL-BILL1 a run killed mid-batch and after a batch's ledgers continues from its cursor and ends identical to an uninterrupted run", async () => {
    const tenantId = `bill-${run}`;
    await seedBillingAccounts(straight.db, { tenantId, to: ACCOUNTS, period: PERIOD });
    await seedBillingAccounts(crashed.db, { tenantId, to: ACCOUNTS, period: PERIOD });

    // The reference: one uninterrupted run in this process.
    const reference = await runBillingPeriod(
      collectionsStores(straight, () => {}),
      { tenantId, actor: SYSTEM_ACTOR },
      PERIOD,
      new Date(NOW),
      { collect: false, batchSize: BATCH },
    );
    expect(reference.issuedCount + reference.nothingToBill).toBe(ACCOUNTS);
    expect(reference.nothingToBill).toBeGreaterThan(0); // the generator leaves some accounts without subscriptions

    const args = [stack.mongoUri, `billing_crashed_${run}`, tenantId, PERIOD, NOW, String(BATCH)];
    const stores = collectionsStores(crashed, () => {});
    const runRecord = () => stores.billingRuns.findById(billingRunId(tenantId, PERIOD)).lean();

    // 1. Killed after storing the invoices of the batch starting at account 14, before any of its ledgers.
    expect((await runHarness([...args, 'invoices', '14'])).signal).toBe('SIGKILL');
    expect(await runRecord()).toMatchObject({ status: 'RUNNING', accounts: 14, pass: 1 });
    const storedEarly = await stores.invoices.countDocuments({ tenantId });
    const postedEarly = (await stores.accounts.find({ tenantId, 'invoices.0': { $exists: true } }, { _id: 1 }).lean()).length;
    expect(storedEarly).toBeGreaterThan(postedEarly); // invoices stored whose ledgers and events are not written

    // 2. The restart is killed too: after the ledgers of the batch starting at account 35, before their
    // indicator deltas were added to the totals and before its cursor. The run record says so.
    expect((await runHarness([...args, 'ledgers', '35'])).signal).toBe('SIGKILL');
    expect(await runRecord()).toMatchObject({ status: 'RUNNING', accounts: 35, pass: 1 });
    expect((await runRecord())?.unfolded).toHaveLength(1);

    // 3. The next run finishes the pass: from the cursor, the batch it died after counted as already issued.
    const last = await runHarness(args);
    expect(last.code).toBe(0);
    const finished = JSON.parse(last.out) as { issued: number; alreadyIssued: number; nothingToBill: number };
    expect(finished.alreadyIssued).toBe(
      BATCH - (await endState(crashed, tenantId)).accounts.slice(35, 35 + BATCH).filter((a) => a.invoices.length === 0).length,
    );
    expect(await runRecord()).toMatchObject({ status: 'DONE', pass: 1, accounts: ACCOUNTS });
    expect((await runRecord())?.unfolded).toEqual([]);
    // The indicator totals count the batch it died in once: rebuilt from the accounts, then kept by the rest of the pass.
    const totals = await currentIndicatorTotals(stores, tenantId);
    expect(totals).toEqual((await recomputeIndicatorTotals(stores, tenantId)).totals);
    expect(totals).toEqual(
      await currentIndicatorTotals(
        collectionsStores(straight, () => {}),
        tenantId,
      ),
    );
    expect(Object.keys(totals).length).toBeGreaterThan(0);

    const want = await endState(straight, tenantId);
    const got = await endState(crashed, tenantId);
    expect(got).toEqual(want);
    // Each invoice once, and its event once (none lost, none duplicated).
    const issuedEvents = got.accounts.flatMap((a) => a.events.filter((e) => e.type === 'collections.InvoiceIssued').map((e) => e.data.invoiceId));
    expect(issuedEvents.sort()).toEqual(got.invoices.map((i) => i._id).sort());
    expect(new Set(issuedEvents).size).toBe(issuedEvents.length);
    expect(got.invoices).toHaveLength(reference.issuedCount);

    // Billing again is a new pass that issues nothing and changes nothing.
    const again = await runHarness(args);
    expect(JSON.parse(again.out)).toEqual({ issued: 0, alreadyIssued: reference.issuedCount, nothingToBill: reference.nothingToBill });
    expect(await runRecord()).toMatchObject({ status: 'DONE', pass: 2 });
    expect(await endState(crashed, tenantId)).toEqual(got);
  });

  test('R-COL-BILL1 an account changed between the read and the bulk write (stale version) is re-decided on its own, billed once', async () => {
    const tenantId = `stale-${run}`;
    await seedBillingAccounts(straight.db, { tenantId, to: 10, period: PERIOD });
    const stores = collectionsStores(straight, () => {});
    // Between the reads of the batch and its ledger writes, another write moves two accounts on (as a payment would).
    const moved = ['0000002', '0000005'].map((n) => `bac_${tenantId}_${n}`);
    const result = await runBillingPeriod(stores, { tenantId, actor: SYSTEM_ACTOR }, PERIOD, new Date(NOW), {
      collect: true,
      batchSize: 10,
      afterStep: async (step) => {
        if (step === 'charges') await stores.accounts.updateMany({ _id: { $in: moved } }, { $inc: { version: 1 }, $set: { creditMinor: 500 } });
      },
    });
    expect(result.issuedCount).toBe(10);
    const accounts = await stores.accounts.find({ _id: { $in: moved } }).lean();
    for (const a of accounts) {
      expect(a.invoices).toHaveLength(1);
      // Re-decided against the moved ledger: its credit paid part of the invoice.
      expect(a.invoices[0]!.paidMinor).toBe(500);
      expect(a.creditMinor).toBe(0);
      expect(a.outbox.filter((e) => e.type === 'collections.InvoiceIssued')).toHaveLength(1);
    }
  });
});
