/**
 * The kit's add-once write of maintained aggregates (readmodels/add-once.ts) on the real Mongo-wire
 * engine: each delta counts once however many writers add it and however often, by either path (the
 * store's own key check for a few deltas, a read and a `rev` check for many).
 */
import { randomUUID } from 'node:crypto';
import { Schema, type Connection, type Model } from 'mongoose';
import { addOnce, connectMongo, STORE_CHECKED_KEYS, type OnceAddedAggregate } from '@vinculo/common';
import { testStack } from '@vinculo/common/testing';

interface Aggregate extends OnceAddedAggregate {
  c?: Record<string, number>;
}
interface Delta {
  key: string;
  n: number;
}

describe('addOnce on the real engine', () => {
  let conn: Connection;
  let model: Model<Aggregate>;

  beforeAll(async () => {
    conn = await connectMongo(testStack().mongoUri, `addonce_${randomUUID().slice(0, 8)}`);
    model = conn.model<Aggregate>(
      'Aggregate',
      new Schema<Aggregate>({ _id: String, applied: [String], rev: String, c: Schema.Types.Mixed }, { versionKey: false }),
    );
    await model.init();
  });
  afterAll(async () => {
    await conn.dropDatabase();
    await conn.close();
  });

  const options = { key: (d: Delta) => d.key, inc: (d: Delta) => ({ 'c.x': d.n }), keysKept: 1000 };
  const deltas = (n: number, from = 0): Delta[] => Array.from({ length: n }, (_, i) => ({ key: `k${from + i}`, n: from + i + 1 }));
  const sum = (ds: readonly Delta[]) => ds.reduce((s, d) => s + d.n, 0);
  const created = async (c: Record<string, number> = {}) => {
    const _id = randomUUID();
    await model.collection.insertOne({ _id, c, applied: [], rev: randomUUID() } as never);
    return _id;
  };
  const counted = async (_id: string) => (await model.findById(_id).lean())?.c?.x ?? 0;

  test('a few deltas (checked by the store): repeated and concurrent adds count each once', async () => {
    const _id = await created();
    const ds = deltas(3);
    const results = await Promise.all([addOnce(model, _id, ds, options), addOnce(model, _id, ds, options), addOnce(model, _id, ds.slice(1), options)]);
    expect(results).toEqual([[], [], []]);
    expect(await addOnce(model, _id, ds, options)).toEqual([]);
    expect(await counted(_id)).toBe(sum(ds));
  });

  test('many deltas (checked by a read and rev): three writers, some keys added before, each counts once', async () => {
    const _id = await created();
    const ds = deltas(STORE_CHECKED_KEYS * 3);
    await addOnce(model, _id, ds.slice(0, 5), options);
    const results = await Promise.all([
      addOnce(model, _id, ds, options),
      addOnce(model, _id, ds.slice(10), options),
      addOnce(model, _id, [...ds].reverse(), options),
    ]);
    // A writer may give back deltas when others kept moving the aggregate; whatever it gives back was
    // added by another (they are the same keys), and a last add of everything changes nothing.
    expect(await addOnce(model, _id, ds, options)).toEqual([]);
    expect(results.every((r) => r.length <= ds.length)).toBe(true);
    expect(await counted(_id)).toBe(sum(ds));
  });

  test('no aggregate: the deltas are given back, or onMissing builds it and the rest is added once', async () => {
    const ds = deltas(4);
    const absent = randomUUID();
    expect(await addOnce(model, absent, ds, options)).toEqual(ds);
    expect(await model.findById(absent).lean()).toBeNull();

    // A build that counted k0 (it was on its source) and remembers its key.
    const _id = randomUUID();
    let builds = 0;
    const onMissing = async () => {
      builds++;
      await model.collection.insertOne({ _id, c: { x: 1000 + ds[0]!.n }, applied: [ds[0]!.key], rev: randomUUID() } as never);
      return true;
    };
    expect(await addOnce(model, _id, ds, { ...options, onMissing })).toEqual([]);
    expect(builds).toBe(1);
    expect(await counted(_id)).toBe(1000 + sum(ds));
  });

  test('the aggregate remembers the latest keysKept keys', async () => {
    const _id = await created();
    for (const d of deltas(5)) await addOnce(model, _id, [d], { ...options, keysKept: 3 });
    expect((await model.findById(_id).lean())?.applied).toEqual(['k2', 'k3', 'k4']);
    expect(await counted(_id)).toBe(sum(deltas(5)));
  });
});
