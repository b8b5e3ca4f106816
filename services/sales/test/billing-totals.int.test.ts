/**
 * R-SAL-KPI billing from maintained totals, on the real Mongo-wire server: invoice facts arrive through
 * sales' collections.InvoiceIssued handler — redelivered, delivered to two consumers at once, many at
 * once, a writer that died between its writes — and a deployment whose facts predate the totals; after
 * each, every bucket's totals equal a full recompute of its facts, and what the indicator reads
 * (`billing.total`) equals the scan it replaced.
 */
import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { connectMongo, type EventEnvelope } from '@vinculo/common';
import { testEvent, testStack } from '@vinculo/common/testing';
import { billingReadModel } from '../src/events/read-models';
import { buildBillingTotals, rebuildBillingTotals, recomputeBillingFigures } from '../src/application/billing-totals';
import { billingTotalsId, factKey } from '../src/domain/billing-totals';

describe('sales billing totals (real Mongo-wire)', () => {
  let conn: Connection;
  beforeAll(async () => {
    conn = await connectMongo(testStack().mongoUri, `sales_billing_totals_${randomUUID().slice(0, 8)}`);
  });
  afterAll(async () => {
    await conn.dropDatabase();
    await conn.close();
  });

  const setup = async () => {
    const billing = billingReadModel(conn);
    await Promise.all(Object.values(conn.models).map((m) => m.init()));
    const tenantId = `bill-${randomUUID().slice(0, 8)}`;
    const handle = billing.handlers['collections.InvoiceIssued'] as (e: EventEnvelope<unknown>) => Promise<void>;
    const invoice = (id: string, period: string, totalAmount: number, segment: string | null = 'BUSINESS', kind?: string) =>
      testEvent('collections', 'collections.InvoiceIssued', tenantId, id, {
        invoiceId: id,
        number: id,
        billingAccountId: `bac-${id}`,
        customerId: `cus-${id}`,
        period,
        dueDate: `${period}-20`,
        totalAmount,
        creditApplied: 0,
        currency: 'BOB',
        segment,
        lineCount: 1,
        ...(kind ? { kind } : {}),
      });
    /** Every bucket of the tenant: stored totals, the scan of its facts, and what the indicator reads. */
    const compare = async (buckets: [string, string][]) => {
      for (const [period, segment] of buckets) {
        const scan = await recomputeBillingFigures(billing.stores, { tenantId, period, segment });
        expect(await billing.total(tenantId, period, segment)).toBe(scan.totalMinor);
        const stored = await billing.stores.totals.findById(billingTotalsId(tenantId, period, segment)).lean();
        expect({ invoices: stored?.invoices ?? 0, totalMinor: stored?.totalMinor ?? 0 }).toEqual(scan);
      }
    };
    return { billing, tenantId, handle, invoice, compare };
  };

  test('R-SAL-KPI totals count each billing invoice once: redelivered, two consumers at once, many at once; receivable invoices never', async () => {
    const { billing, tenantId, handle, invoice, compare } = await setup();
    const first = invoice('i1', '2026-10', 100_000);
    await handle(first);
    await handle(first); // redelivered
    const pair = invoice('i2', '2026-11', 60_000);
    await Promise.all([handle(pair), handle(pair)]); // the same event at two consumers at once
    // Many facts of one bucket at once (one hot totals document), each also redelivered concurrently.
    const many = Array.from({ length: 30 }, (_, k) => invoice(`m${k}`, '2026-11', 1_000 + k));
    await Promise.all([...many, ...many].map(handle));
    await handle(invoice('r1', '2026-11', 35_000, 'BUSINESS', 'RECEIVABLE'));
    await handle(invoice('p1', '2026-11', 999_999, 'PERSON'));
    await handle(invoice('u1', '2026-11', 7_000, null));

    expect(await billing.total(tenantId, '2026-11', 'BUSINESS')).toBe(60_000 + many.reduce((s, _e, k) => s + 1_000 + k, 0));
    expect(await billing.total(tenantId, '2026-10', 'BUSINESS')).toBe(100_000);
    expect(await billing.total(tenantId, '2026-11', 'UNKNOWN')).toBe(7_000);
    expect(await billing.total(tenantId, '2026-09', 'BUSINESS')).toBe(0);
    await compare([
      ['2026-10', 'BUSINESS'],
      ['2026-11', 'BUSINESS'],
      ['2026-11', 'PERSON'],
      ['2026-11', 'UNKNOWN'],
    ]);
    // Nothing left pending once every writer finished.
    expect(await billing.stores.facts.countDocuments({ tenantId, pending: true })).toBe(0);
  });

  test('R-SAL-KPI a writer that died between its writes: the read counts its fact once, and the redelivery adds it once', async () => {
    const { billing, tenantId, handle, invoice, compare } = await setup();
    await handle(invoice('a1', '2026-11', 10_000));
    // Died after storing its fact (step 1): the totals lack it, the read still counts it.
    await billing.stores.facts.create({
      _id: `${tenantId}:a2`,
      tenantId,
      period: '2026-11',
      segment: 'BUSINESS',
      totalAmount: 20_000,
      currency: 'BOB',
      pending: true,
    });
    // Died after adding its fact to the totals (step 2), before marking it.
    await billing.stores.facts.create({
      _id: `${tenantId}:a3`,
      tenantId,
      period: '2026-11',
      segment: 'BUSINESS',
      totalAmount: 40_000,
      currency: 'BOB',
      pending: true,
    });
    await billing.stores.totals.updateOne(
      { _id: billingTotalsId(tenantId, '2026-11', 'BUSINESS') },
      { $inc: { invoices: 1, totalMinor: 40_000 }, $push: { counting: factKey(`${tenantId}:a3`) } },
    );
    expect(await billing.total(tenantId, '2026-11', 'BUSINESS')).toBe(70_000);

    // The events come again (at-least-once): each fact ends counted once.
    await Promise.all([handle(invoice('a2', '2026-11', 20_000)), handle(invoice('a3', '2026-11', 40_000))]);
    await handle(invoice('a3', '2026-11', 40_000));
    expect(await billing.total(tenantId, '2026-11', 'BUSINESS')).toBe(70_000);
    await compare([['2026-11', 'BUSINESS']]);
    expect(await billing.stores.facts.countDocuments({ tenantId, pending: true })).toBe(0);
  });

  test('R-SAL-KPI a deployment with facts from before the totals: built on first need, race-free with concurrent builders and new facts', async () => {
    const { billing, tenantId, handle, invoice, compare } = await setup();
    // Facts as the earlier version stored them: no totals, no `pending`.
    await billing.stores.facts.insertMany(
      Array.from({ length: 40 }, (_, k) => ({
        _id: `${tenantId}:old${k}`,
        tenantId,
        period: k % 2 ? '2026-10' : '2026-11',
        segment: 'BUSINESS',
        totalAmount: 500 + k,
        currency: 'BOB',
      })),
    );
    const bucket = { tenantId, period: '2026-11', segment: 'BUSINESS' };
    // Two builders, readers and new facts (one redelivered at once) all at the same time.
    const fresh = Array.from({ length: 10 }, (_, k) => invoice(`new${k}`, '2026-11', 2_000 + k));
    await Promise.all([
      buildBillingTotals(billing.stores, bucket),
      billing.total(tenantId, '2026-11', 'BUSINESS'),
      ...fresh.map(handle),
      handle(fresh[0]!),
      buildBillingTotals(billing.stores, bucket),
      billing.total(tenantId, '2026-10', 'BUSINESS'),
    ]);
    // A redelivery of an old fact's event adds nothing: the build counted it.
    await handle(invoice('old0', '2026-11', 500));
    const expected = Array.from({ length: 20 }, (_, k) => 500 + 2 * k).reduce((a, b) => a + b, 0) + fresh.reduce((s, _e, k) => s + 2_000 + k, 0);
    expect(await billing.total(tenantId, '2026-11', 'BUSINESS')).toBe(expected);
    await compare([
      ['2026-10', 'BUSINESS'],
      ['2026-11', 'BUSINESS'],
    ]);
    // A rebuild (operations) gives the same totals.
    await rebuildBillingTotals(billing.stores, bucket);
    await compare([['2026-11', 'BUSINESS']]);
  });
});
