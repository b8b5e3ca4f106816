/**
 * The churn analysis from maintained counts, on the real Mongo-wire server: churn from before the
 * counts (a deployment), moves to CHURNED many at once and one redelivered at once, a reactivated
 * customer churning again, a churned customer's new segment, and a writer that died before adding its
 * delta; after them the stored counts equal a full recompute from the customers, and the analysis read
 * from them equals the scan of churned customers' histories it replaced — in two time zones (one offset
 * by a quarter of an hour), for periods cut at any day.
 */
import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { connectMongo, rawCollection, type Principal } from '@vinculo/common';
import { testStack } from '@vinculo/common/testing';
import { customerModel } from '../src/store/customer.model';
import { customerRepository, type CustomerRepository } from '../src/store/customer.repository';
import { moveCustomerStatus } from '../src/application/customer-status';
import { updateCustomerProfile } from '../src/application/customer';
import { buildChurnCounts, churnDeltaOf, churnRows, rebuildChurnCounts, recomputeChurnCounts, storedChurnCounts } from '../src/application/churn-totals';
import { analyseChurn } from '../src/domain/churn';
import { addDays, startOfDay } from '../src/domain/calendar';

/** The analysis as the resolver computed it before the counts: every churned customer's history. */
async function byScan(customers: CustomerRepository, tenantId: string, from: string, to: string, timeZone: string) {
  const start = startOfDay(from, timeZone);
  const end = startOfDay(addDays(to, 1), timeZone);
  const churned = await customers.churnedBetween(tenantId, start, end);
  const rows = churned.flatMap((c) =>
    (c.history ?? [])
      .filter((h) => h.to === 'CHURNED' && h.at >= start && h.at < end)
      .map((h) => ({ at: h.at, reason: h.note ?? 'UNKNOWN', segment: c.segment ?? null })),
  );
  return analyseChurn(rows, timeZone);
}

async function fromCounts(customers: CustomerRepository, tenantId: string, from: string, to: string, timeZone: string) {
  return analyseChurn(await churnRows(customers.model, tenantId, startOfDay(from, timeZone), startOfDay(addDays(to, 1), timeZone)), timeZone);
}

describe('customers churn counts (real Mongo-wire)', () => {
  let conn: Connection;
  beforeAll(async () => {
    conn = await connectMongo(testStack().mongoUri, `customers_churn_${randomUUID().slice(0, 8)}`);
  });
  afterAll(async () => {
    await conn.dropDatabase();
    await conn.close();
  });

  test('after churn from before the counts, concurrent and redelivered moves, a reactivation, a new segment and a lost fold, the counts equal a recompute and the analysis equals the scan', async () => {
    const customers = customerRepository(customerModel(conn), () => {});
    await customers.model.init();
    const tenantId = `churn-${randomUUID().slice(0, 8)}`;
    const principal: Principal = { tenantId, userId: 'admin-1', roles: ['ADMIN'], scopes: [] };
    const at = (iso: string) => new Date(iso);
    // 24 customers; the first 6 churned before the counts existed (history only, as the earlier version wrote it).
    const docs = Array.from({ length: 24 }, (_, k) => {
      const churnedBefore = k < 6;
      const history = [
        { from: null, to: 'PROSPECT', by: 'u', at: at('2026-01-02T10:00:00Z'), note: null },
        { from: 'PROSPECT', to: 'ACTIVE', by: 'system', at: at('2026-02-01T10:00:00Z'), note: null },
        ...(churnedBefore
          ? [{ from: 'ACTIVE', to: 'CHURNED', by: 'system', at: at(`2026-0${3 + (k % 3)}-${10 + k}T03:50:00Z`), note: k % 2 ? 'PRICE' : 'MOVED' }]
          : []),
      ];
      return {
        _id: `cus-${tenantId}-${k}`,
        tenantId,
        kind: 'PERSON',
        name: `Cliente ${k}`,
        nameKey: `cliente ${k}`,
        tradeName: null,
        tradeNameKey: null,
        taxId: null,
        identityCard: `${1000 + k}`,
        documentKey: `CI:${tenantId}:${k}`,
        activityType: null,
        segment: k % 4 === 0 ? null : k % 2 ? 'RESIDENCIAL' : 'EMPRESAS',
        market: null,
        category: null,
        status: churnedBefore ? 'CHURNED' : 'ACTIVE',
        history,
        statusEventIds: [],
        contacts: [],
        phoneKeys: [],
        addresses: [],
        executiveId: null,
        portfolioHistory: [],
        createdBy: 'u',
        createdAt: at('2026-01-02T10:00:00Z'),
        updatedAt: at('2026-02-01T10:00:00Z'),
        version: 2,
        outbox: [],
      };
    });
    await rawCollection(customers.model).insertMany(docs as never[]);
    const cause = (n: string, when: string) => ({ tenantId, eventId: `evt-${n}`, eventType: 'postsale.InstalledProductWithdrawn', subject: n, at: when });
    const churn = (k: number, when: string, reason: string, n = `${k}-${when}`) =>
      moveCustomerStatus(customers, cause(n, when), docs[k]!._id, { kind: 'CHURNED', reason });

    // Moves at once (the first build races them), one of them redelivered at once; times at quarter edges
    // and just before a La Paz / Kathmandu local midnight.
    await Promise.all([
      churn(6, '2026-04-30T03:59:59.999Z', 'PRICE'),
      churn(7, '2026-04-30T04:00:00.000Z', 'PRICE'),
      churn(8, '2026-04-30T18:14:59.000Z', 'SERVICE'),
      churn(9, '2026-04-30T18:15:00.000Z', 'SERVICE'),
      churn(10, '2026-05-01T00:00:00.000Z', 'MOVED', 'dup'),
      churn(10, '2026-05-01T00:00:00.000Z', 'MOVED', 'dup'),
      ...[11, 12, 13, 14, 15].map((k) => churn(k, `2026-05-0${k - 9}T12:00:00Z`, 'PRICE')),
    ]);
    await churn(10, '2026-05-01T00:00:00.000Z', 'MOVED', 'dup'); // redelivered again later

    // A reactivated customer churns again: both churns count (its history keeps both).
    await moveCustomerStatus(customers, cause('react', '2026-05-10T12:00:00Z'), docs[1]!._id, { kind: 'ACTIVATED' });
    await churn(1, '2026-05-20T12:00:00Z', 'SERVICE');
    // Churned customers get a new segment: their disaffiliations move to it.
    await updateCustomerProfile({ customers }, principal, docs[1]!._id, { segment: 'GRANDES-CLIENTES' });
    await updateCustomerProfile({ customers }, principal, docs[8]!._id, { segment: 'EMPRESAS' });
    // A writer that died after its versioned write, before adding its delta: the move and its delta are on the customer.
    const lost = docs[16]!;
    const entry = { from: 'ACTIVE', to: 'CHURNED', by: 'system', at: at('2026-05-15T09:00:00Z'), note: 'LOST' };
    const delta = churnDeltaOf(lost._id, lost as never, { segment: lost.segment, history: [...lost.history, entry] as never })!;
    await rawCollection(customers.model).updateOne(
      { _id: lost._id },
      { $set: { status: 'CHURNED', churnPending: true }, $push: { history: entry, churnDeltas: delta } as never, $inc: { version: 1 } },
    );

    const periods: [string, string][] = [
      ['2026-03-01', '2026-06-30'],
      ['2026-04-30', '2026-05-01'],
      ['2026-05-01', '2026-05-01'],
      ['2026-03-12', '2026-05-14'],
    ];
    for (const timeZone of ['America/La_Paz', 'Asia/Kathmandu']) {
      for (const [from, to] of periods)
        expect(await fromCounts(customers, tenantId, from, to, timeZone)).toEqual(await byScan(customers, tenantId, from, to, timeZone));
    }
    const all = await fromCounts(customers, tenantId, '2026-01-01', '2026-12-31', 'America/La_Paz');
    expect(all.total).toBe(6 + 10 + 1 + 1); // before the counts, the ten moved here (one twice delivered), the second churn, the lost one
    expect(all.bySegment.find((s) => s.key === 'GRANDES-CLIENTES')?.count).toBe(2);
    // The read added the lost delta and took it off; nothing is pending, and the counts equal a recompute.
    expect(await customers.model.countDocuments({ tenantId, churnPending: true })).toBe(0);
    expect(await storedChurnCounts(customers.model, tenantId)).toEqual((await recomputeChurnCounts(customers.model, tenantId)).counts);

    // A second build (two builders at once) never replaces the first; a rebuild gives the same counts.
    const before = await storedChurnCounts(customers.model, tenantId);
    await Promise.all([buildChurnCounts(customers.model, tenantId), buildChurnCounts(customers.model, tenantId)]);
    expect(await storedChurnCounts(customers.model, tenantId)).toEqual(before);
    await rebuildChurnCounts(customers.model, tenantId);
    expect(await storedChurnCounts(customers.model, tenantId)).toEqual(before);
    expect(await fromCounts(customers, tenantId, '2026-03-01', '2026-06-30', 'Asia/Kathmandu')).toEqual(
      await byScan(customers, tenantId, '2026-03-01', '2026-06-30', 'Asia/Kathmandu'),
    );
  });
});
