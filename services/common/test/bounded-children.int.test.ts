/**
 * The kit's bounded child pages on the real Mongo-wire engine (issue #18): each parent's first rows are
 * cut in the store — per parent with a `limit` (what MongoDB's indexes serve), or grouped and sliced in
 * one aggregation (what the local engine prefers) — with the same answer either way, only the caller's
 * tenant, parents without children empty, in the order asked.
 */
import { randomUUID } from 'node:crypto';
import { Schema, type Connection, type Model } from 'mongoose';
import { boundedChildPages, childPagesMode, connectMongo, onStoreCall, type ChildPagesMode } from '@vinculo/common';
import { testStack } from '@vinculo/common/testing';

interface Row {
  _id: string;
  tenantId: string;
  parentId: string;
  at: Date;
}

describe('boundedChildPages (real Mongo-wire)', () => {
  let conn: Connection;
  let model: Model<Row>;
  const calls: { method: string; args: unknown[] }[] = [];
  const t0 = Date.UTC(2026, 0, 1);
  const at = (minutes: number) => new Date(t0 + minutes * 60_000);

  beforeAll(async () => {
    conn = await connectMongo(testStack().mongoUri, `bounded_${randomUUID().slice(0, 8)}`);
    const schema = new Schema<Row>({ _id: String, tenantId: String, parentId: String, at: Date }, { collection: 'rows', versionKey: false });
    schema.index({ tenantId: 1, parentId: 1, at: -1, _id: -1 });
    model = conn.model<Row>('Row', schema);
    await model.init();
    const rows: Row[] = [];
    // p1: 6 rows, two of them at the same instant (the id breaks the tie); p3: 2 rows; p2: none.
    for (let k = 0; k < 6; k++) rows.push({ _id: `r1-${k}`, tenantId: 't', parentId: 'p1', at: at(k === 5 ? 4 : k) });
    rows.push({ _id: 'r3-0', tenantId: 't', parentId: 'p3', at: at(10) }, { _id: 'r3-1', tenantId: 't', parentId: 'p3', at: at(1) });
    // Another tenant's rows under the same parent id, newer than all: never part of t's pages.
    for (let k = 0; k < 3; k++) rows.push({ _id: `x1-${k}`, tenantId: 'other', parentId: 'p1', at: at(100 + k) });
    await model.insertMany(rows);
    onStoreCall(conn, (_collection, method, args) => calls.push({ method, args }));
  });
  afterAll(async () => {
    await conn.dropDatabase();
    await conn.close();
  });

  const page = (mode: ChildPagesMode, parentIds: string[], descending = true) =>
    boundedChildPages<Row>(model, { filter: { tenantId: 't' }, parentField: 'parentId', parentIds, sort: { field: 'at', descending }, limit: 3, mode });

  test.each(['per-parent', 'grouped'] as const)(
    "%s: each parent's first 3 rows of the tenant, newest first (id breaks ties), in the order asked",
    async (mode) => {
      const lists = await page(mode, ['p1', 'p2', 'p3', 'p1']);
      expect(lists.map((l) => l.map((r) => r._id))).toEqual([['r1-5', 'r1-4', 'r1-3'], [], ['r3-0', 'r3-1'], ['r1-5', 'r1-4', 'r1-3']]);
      const oldest = await page(mode, ['p1'], false);
      expect(oldest[0]!.map((r) => r._id)).toEqual(['r1-0', 'r1-1', 'r1-2']);
    },
  );

  test('per-parent: one query per distinct parent, each with the limit, none for all children', async () => {
    calls.length = 0;
    await page('per-parent', ['p1', 'p2', 'p3', 'p1']);
    const finds = calls.filter((c) => c.method === 'find');
    expect(finds.map((c) => (c.args[0] as { parentId: unknown }).parentId).sort()).toEqual(['p1', 'p2', 'p3']);
    for (const f of finds) expect((f.args[1] as { limit?: number }).limit).toBe(3);
    expect(calls.filter((c) => c.method === 'aggregate')).toHaveLength(0);
  });

  test('grouped: one aggregation whose answer carries at most the limit per parent', async () => {
    calls.length = 0;
    await page('grouped', ['p1', 'p2', 'p3']);
    expect(calls.map((c) => c.method)).toEqual(['aggregate']);
    const raw = await model.aggregate<{ _id: string; rows: Row[] }>(calls[0]!.args[0] as object[] as never);
    expect(Math.max(...raw.map((g) => g.rows.length))).toBe(3);
  });

  test('the mode comes from VINCULO_CHILD_PAGES: grouped only when asked, per-parent otherwise', () => {
    expect(childPagesMode({ VINCULO_CHILD_PAGES: 'grouped' })).toBe('grouped');
    expect(childPagesMode({})).toBe('per-parent');
    expect(childPagesMode({ VINCULO_CHILD_PAGES: 'anything' })).toBe('per-parent');
  });
});
