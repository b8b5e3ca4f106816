/**
 * The compact backend of the local Mongo engine (infra/local/CompactMemoryBackend.java, the scale bench's
 * default) stores the same documents as the memory backend the suite runs on and answers the same: the
 * scale generator's documents written to both engines read back equal (to each other and to what was
 * written), and so do queries its equality indexes serve (equality, $in, an array field), before and after
 * updates and deletes move documents between index keys, aggregations and a unique index's refusal.
 */
import { createServer } from 'node:net';
import mongoose, { type Connection } from 'mongoose';
import { testStack } from '@vinculo/common/testing';

/* eslint-disable @typescript-eslint/no-require-imports -- the engines and the generator are plain CommonJS */
const { startMongo } = require('../../infra/local/engines/mongo') as {
  startMongo: (profile: string, port: number, log: (m: string) => void) => Promise<unknown>;
};
const { stopEngine } = require('../../infra/local/engines/processes') as { stopEngine: (h: unknown, log: (m: string) => void) => Promise<void> };
const { customerHistory } = require('../bench/scale/documents') as {
  customerHistory: (tenantId: string, i: number, now: Date, salt?: string) => Record<string, Record<string, Doc[]>>;
};
/* eslint-enable @typescript-eslint/no-require-imports */
type Doc = Record<string, unknown> & { _id: string };

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

describe('local Mongo engine: compact backend', () => {
  const stack = testStack();
  const tenantId = `compact-${Date.now().toString(36)}`;
  const dbName = `compact_${stack.runId}`;
  const now = new Date('2026-11-15T12:00:00Z');
  const histories = Array.from({ length: 30 }, (_, i) => customerHistory(tenantId, i, now, '00c0ffee00c0ffee'));
  const docsOf = (subgraph: string, collection: string) => histories.flatMap((h) => h[subgraph]?.[collection] ?? []);
  const collections = {
    customers: docsOf('customers', 'customers'),
    invoices: docsOf('collections', 'invoices'),
    sales_orders: docsOf('sales', 'sales_orders'),
    timeline: docsOf('customers', 'timeline'),
  };
  let engine: unknown;
  let memory: Connection;
  let compact: Connection;
  /** The same call on both engines: [memory backend's answer, compact backend's answer]. */
  const both = <T>(fn: (c: Connection) => Promise<T>) => Promise.all([fn(memory), fn(compact)]);

  beforeAll(async () => {
    const port = await freePort();
    const before = process.env.VINCULO_MONGO_BACKEND;
    process.env.VINCULO_MONGO_BACKEND = 'compact';
    try {
      engine = await startMongo('test', port, () => undefined);
    } finally {
      if (before === undefined) delete process.env.VINCULO_MONGO_BACKEND;
      else process.env.VINCULO_MONGO_BACKEND = before;
    }
    memory = await mongoose.createConnection(stack.mongoUri, { dbName }).asPromise();
    compact = await mongoose.createConnection(`mongodb://127.0.0.1:${port}`, { dbName }).asPromise();
    // The services' kind of index: tenant first, then the parent or key a query pins, then the sort.
    await both((c) =>
      Promise.all([
        c.db!.collection('timeline').createIndex({ tenantId: 1, customerId: 1, at: -1, _id: -1 }),
        c.db!.collection('invoices').createIndex({ tenantId: 1, billingAccountId: 1, issuedAt: -1, _id: -1 }),
        c.db!.collection('invoices').createIndex({ tenantId: 1, segment: 1, period: 1 }),
        c.db!.collection('sales_orders').createIndex({ tenantId: 1, customerId: 1, placedAt: -1, _id: -1 }),
        c.db!.collection('customers').createIndex({ tenantId: 1, phoneKeys: 1 }),
        c.db!.collection('customers').createIndex({ tenantId: 1, nameKey: 1, _id: 1 }),
      ]),
    );
    await both((c) => Promise.all(Object.entries(collections).map(([name, docs]) => c.db!.collection<Doc>(name).insertMany(docs.map((d) => ({ ...d }))))));
  });

  /** Queries the equality indexes serve, each sorted so both engines must return the same rows in the same order. */
  const indexedReads = (c: Connection) => {
    const customers = collections.customers.map((d) => d._id);
    const accounts = [...new Set(collections.invoices.map((d) => d.billingAccountId as string))];
    const middle = collections.customers[15]! as Doc & { nameKey: string };
    return Promise.all([
      c
        .db!.collection<Doc>('timeline')
        .find({ tenantId, customerId: { $in: customers.slice(2, 12) } })
        .sort({ at: -1, _id: -1 })
        .toArray(),
      c.db!.collection<Doc>('invoices').find({ tenantId, billingAccountId: accounts[5] }).sort({ issuedAt: -1, _id: -1 }).limit(4).toArray(),
      c
        .db!.collection<Doc>('invoices')
        .find({ tenantId, billingAccountId: { $in: accounts.slice(0, 6) }, segment: 'BUSINESS' })
        .sort({ _id: 1 })
        .toArray(),
      c
        .db!.collection<Doc>('invoices')
        .find({ tenantId, segment: { $in: ['PERSON', 'NOBODY'] } })
        .sort({ _id: 1 })
        .toArray(),
      c
        .db!.collection<Doc>('sales_orders')
        .find({ tenantId, customerId: { $eq: customers[8] } })
        .toArray(),
      c
        .db!.collection<Doc>('customers')
        .find({ tenantId, phoneKeys: (collections.customers[7]!.phoneKeys as string[])[0] })
        .toArray(),
      c
        .db!.collection<Doc>('sales_orders')
        .find({ tenantId, customerId: { $in: [...customers.slice(0, 3), 'cus_moved'] } })
        .sort({ _id: 1 })
        .toArray(),
      // sorted pages the name index walks in order (first, reversed with a skip, after a cursor, with a filter)
      c.db!.collection<Doc>('customers').find({ tenantId }).sort({ nameKey: 1, _id: 1 }).limit(7).toArray(),
      c.db!.collection<Doc>('customers').find({ tenantId }).sort({ nameKey: -1, _id: -1 }).skip(3).limit(5).toArray(),
      c
        .db!.collection<Doc>('customers')
        .find({ tenantId, $or: [{ nameKey: { $gt: middle.nameKey } }, { nameKey: middle.nameKey, _id: { $gt: middle._id } }] })
        .sort({ nameKey: 1, _id: 1 })
        .limit(6)
        .toArray(),
      c.db!.collection<Doc>('customers').find({ tenantId, segment: 'BUSINESS' }).sort({ nameKey: 1, _id: 1 }).limit(4).toArray(),
    ]);
  };

  test('reads served by equality indexes answer as the scan does, and find what they should', async () => {
    const [a, b] = await both(indexedReads);
    expect(b).toEqual(a);
    const [timeline, lastInvoices, business, persons, orders, byPhone] = b;
    expect(timeline.length).toBeGreaterThanOrEqual(10);
    expect(lastInvoices).toHaveLength(4);
    expect(business.length).toBeGreaterThan(0);
    expect(persons.length).toBeGreaterThan(0);
    expect(orders.length).toBeGreaterThan(0);
    expect(byPhone.map((d) => d._id)).toEqual([collections.customers[7]!._id]);
    const key = (d: Doc) => `${String(d.nameKey)}\u0000${d._id}`; // binary order, as the engines compare strings
    const byName = [...collections.customers].sort((x, y) => (key(x) < key(y) ? -1 : 1)).map((d) => d._id);
    const [first, reversed, after, businessByName] = b.slice(7);
    expect(first!.map((d) => d._id)).toEqual(byName.slice(0, 7));
    expect(reversed!.map((d) => d._id)).toEqual([...byName].reverse().slice(3, 8));
    expect(after!.map((d) => d._id)).toEqual(byName.slice(byName.indexOf(collections.customers[15]!._id) + 1).slice(0, 6));
    expect(businessByName!.every((d) => d.segment === 'BUSINESS')).toBe(true);
    expect(businessByName).toHaveLength(4);
  });

  /*
   * The paths that walk part of an index: the outbox relays' `$exists` poll, deep keyset pages (`$and` of the
   * filter and the cursor's `$or`), ranges after the pinned fields, `field: null` and `$in` pins merged in sort
   * order. Over 2,000 candidates a sorted page is walked in index order instead of sorted whole
   * (CompactMemoryBackend ORDERED_WALK_ABOVE), so `edges` holds more documents than that under each pin.
   */
  const edgeTenant = `${tenantId}-edge`;
  const day = (i: number) => new Date(Date.UTC(2026, 0, 1) + i * 3_600_000);
  /** Sort values of every kind the engine orders: mixed numerics, strings, booleans, dates, null and missing. */
  const edgeValue = (i: number): unknown => {
    switch (i % 11) {
      case 0:
        return i % 7; // int
      case 1:
        return (i % 7) + 0.5; // double
      case 2:
        return i % 7; // int again: equal values tie on _id
      case 3:
        return 2 ** 40 + (i % 5); // long
      case 4:
        return `k${i % 13}`;
      case 5:
        return i % 2 === 0;
      case 6:
        return day(i % 17);
      case 7:
        return null;
      case 8:
        return undefined; // missing
      case 9:
        return (i % 7) * 1.0; // a whole double equals the int
      default:
        return (i % 7) + 0.25; // numbers are over 2,000 of the tenant's documents: a keyset walk over them
    }
  };
  const edgeDocs = Array.from({ length: 4_200 }, (_, i) => {
    const doc: Doc = {
      _id: `e${String(i).padStart(5, '0')}`,
      tenantId: i % 50 === 0 ? `${edgeTenant}-other` : edgeTenant,
      // pinned field: mostly scalars, some null/missing, a list (two keys), an embedded document
      status: i % 97 === 0 ? ['A', 'C'] : i % 89 === 0 ? { s: 'A' } : i % 83 === 0 ? null : i % 3 === 0 ? 'B' : 'A',
      closedAt: i % 10 === 0 ? day(i % 30) : i % 10 === 1 ? undefined : null,
      at: day(i % 400),
      outbox: [],
    };
    const k = edgeValue(i);
    if (k !== undefined) doc.k = k;
    if (doc.closedAt === undefined) delete doc.closedAt;
    return doc;
  });
  const ids = (docs: Doc[]) => docs.map((d) => d._id);

  /** Every page of a keyset walk as `paginate` (services/common) builds it: `$and: [filter, { $or: [after the cursor] }]`. */
  const allPages = async (c: Connection, filter: Record<string, unknown>, field: string, dir: 1 | -1, size: number) => {
    const op = dir === 1 ? '$gt' : '$lt';
    const out: Doc[] = [];
    let cursor: Doc | undefined;
    for (;;) {
      const query = cursor
        ? { $and: [filter, { $or: [{ [field]: { [op]: cursor[field] } }, { [field]: cursor[field], _id: { [op]: cursor._id } }] }] }
        : filter;
      const page = await c
        .db!.collection<Doc>('edges')
        .find(query)
        .sort({ [field]: dir, _id: dir })
        .limit(size)
        .toArray();
      out.push(...page);
      if (page.length < size) return out;
      cursor = page.at(-1);
    }
  };

  /** Sorted pages each new path serves, answered by both engines; every one is also checked against the scan. */
  const walkedReads = (c: Connection) => {
    const edges = c.db!.collection<Doc>('edges');
    const t = edgeTenant;
    const page = (q: Record<string, unknown>, sort: Record<string, 1 | -1>, limit: number, skip = 0) =>
      edges.find(q).sort(sort).skip(skip).limit(limit).toArray();
    return Promise.all([
      // ranges on the first sort field after the pinned tenant, each kind of bound, both directions
      page({ tenantId: t, k: { $gt: 2 } }, { k: 1, _id: 1 }, 40),
      page({ tenantId: t, k: { $gte: 2, $lt: 2 ** 40 + 2 } }, { k: 1, _id: 1 }, 500),
      page({ tenantId: t, k: { $lte: 3.5 } }, { k: -1, _id: -1 }, 30, 5),
      page({ tenantId: t, k: { $gte: 'k3' } }, { k: 1, _id: 1 }, 25),
      page({ tenantId: t, k: { $lt: day(5) } }, { k: -1, _id: -1 }, 25),
      page({ tenantId: t, k: { $gt: 5, $lt: 1 } }, { k: 1, _id: 1 }, 10), // empty range
      page({ tenantId: t, k: { $eq: 3 } }, { k: 1, _id: 1 }, 500),
      page({ tenantId: t, k: false }, { k: -1, _id: -1 }, 500),
      page({ tenantId: t, $or: [{ k: { $lt: 1 } }, { k: 'k1' }] }, { k: 1, _id: 1 }, 60), // hull of the branches
      page({ tenantId: t, $or: [{ k: { $gt: 4 } }, { at: day(3) }] }, { k: 1, _id: 1 }, 60), // a branch unbounded
      // the descending index, walked in its order and reversed, bounded by dates
      page({ tenantId: t, at: { $lt: day(200) } }, { at: -1, _id: -1 }, 50),
      page({ tenantId: t, at: { $gte: day(390) } }, { at: 1, _id: 1 }, 100),
      // `field: null` pins (null or missing) and `$in` pins merged in sort order, with a list and a document in the pinned field
      page({ tenantId: t, closedAt: null }, { k: 1, _id: 1 }, 60),
      page({ tenantId: t, closedAt: null, k: { $gt: 1, $lte: 4 } }, { k: -1, _id: -1 }, 60, 3),
      page({ tenantId: t, status: { $in: ['A', 'B'] } }, { k: 1, _id: 1 }, 80),
      page({ tenantId: t, status: { $in: ['C', 'A'] } }, { k: -1, _id: -1 }, 80, 10),
      page({ tenantId: t, status: { $in: ['A', null] }, k: { $gte: 'k0' } }, { k: 1, _id: 1 }, 80),
      // the outbox relays' poll (a sparse index on a dotted path)
      edges
        .find({ 'outbox.id': { $exists: true }, outboxQuarantinedAt: null }, { projection: { outbox: 1, tenantId: 1 } })
        .sort({ _id: 1 })
        .limit(200)
        .toArray(),
      // ranges after the pinned fields without a sort to walk: the range's documents are the candidates
      edges
        .find({ tenantId: t, k: { $gt: 2, $lt: 5 } })
        .sort({ _id: 1 })
        .toArray(),
      edges
        .find({ tenantId: t, at: { $gte: day(100), $lt: day(130) } })
        .sort({ _id: 1 })
        .toArray(),
      edges
        .find({ tenantId: t, status: { $in: ['A', 'C', null] }, k: { $gte: 'k2', $lte: 'k7' } })
        .sort({ _id: -1 })
        .toArray(),
      edges.find({ tenantId: t, closedAt: null, k: { $lte: day(9) } }).toArray(),
      edges
        .find({ tenantId: t, $or: [{ at: { $lt: day(20) } }, { at: { $gt: day(380) } }] })
        .sort({ _id: 1 })
        .toArray(),
    ]);
  };

  test('walks of part of an index (ranges, deep keyset pages, null and $in pins, the outbox poll) answer as the scan does', async () => {
    await both((c) =>
      Promise.all([
        c.db!.collection('edges').createIndex({ tenantId: 1, k: 1, _id: 1 }),
        c.db!.collection('edges').createIndex({ tenantId: 1, at: -1, _id: -1 }),
        c.db!.collection('edges').createIndex({ tenantId: 1, closedAt: 1, k: 1, _id: 1 }),
        c.db!.collection('edges').createIndex({ tenantId: 1, status: 1, k: 1, _id: 1 }),
        c.db!.collection('edges').createIndex({ 'outbox.id': 1 }, { sparse: true }),
      ]),
    );
    await both((c) => c.db!.collection<Doc>('edges').insertMany(edgeDocs.map((d) => ({ ...d }))));
    const check = async () => {
      const [a, b] = await both(walkedReads);
      expect(b).toEqual(a);
      return b;
    };
    const first = await check();
    expect(first.slice(0, 17).every((p, i) => i === 5 || p.length > 0)).toBe(true);
    expect(first[5]).toEqual([]);
    expect(first[17]).toEqual([]); // every outbox empty
    expect(first.slice(18).every((p) => p.length > 0)).toBe(true);

    // The outbox poll: events written, a document without `id`, nested shapes; then published (pulled), quarantined, deleted.
    const outboxOf: Record<string, unknown> = {
      e00001: [{ id: 'ev1', type: 'x' }],
      e00002: [{ id: 'ev2' }, { id: 'ev3' }],
      e00003: [{ type: 'no id' }],
      e00004: { id: 'not a list' },
      e00005: [{ id: null }],
      e00006: [[{ id: 'nested list' }]],
      e00007: 'a string',
    };
    await both((c) => Promise.all(Object.entries(outboxOf).map(([_id, outbox]) => c.db!.collection<Doc>('edges').updateOne({ _id }, { $set: { outbox } }))));
    const withEvents = await check();
    expect(ids(withEvents[17]!)).toEqual(expect.arrayContaining(['e00001', 'e00002', 'e00004', 'e00005']));
    expect(ids(withEvents[17]!)).not.toContain('e00003');
    await both(async (c) => {
      const edges = c.db!.collection<Doc>('edges');
      await edges.updateOne({ _id: 'e00001' }, { $pull: { outbox: { id: { $in: ['ev1'] } } } } as never);
      await edges.updateOne({ _id: 'e00002' }, { $set: { outboxQuarantinedAt: day(2) } });
      await edges.deleteOne({ _id: 'e00004' });
      await edges.updateOne({ _id: 'e00009' }, { $push: { outbox: { id: 'ev9' } } } as never);
    });
    const published = await check();
    expect(ids(published[17]!)).toContain('e00009');
    expect(ids(published[17]!)).not.toContain('e00001');
    expect(ids(published[17]!)).not.toContain('e00002');

    // Documents moved between keys and along the order by updates, and removed.
    await both(async (c) => {
      const edges = c.db!.collection<Doc>('edges');
      await edges.updateMany({ tenantId: edgeTenant, status: 'B', k: { $gt: 3 } }, { $set: { status: 'C' } });
      await edges.updateMany({ tenantId: edgeTenant, closedAt: null, k: 2 }, { $set: { closedAt: day(1) } });
      await edges.updateMany({ tenantId: edgeTenant, k: 'k5' }, { $set: { k: 1.25 } });
      await edges.updateMany({ tenantId: edgeTenant, k: false }, { $unset: { k: '' } });
      await edges.deleteMany({ tenantId: edgeTenant, k: 3 });
    });
    await check();

    // Deep pages: every page of a keyset walk, ascending and descending, on each index, gives the whole order
    // (a cursor compares only within its value's type, so each walk keeps to one type of sort value).
    const numbers = { $gte: 0, $lt: 2 ** 41 };
    for (const [filter, field, dir] of [
      [{ tenantId: edgeTenant, k: numbers }, 'k', 1],
      [{ tenantId: edgeTenant, k: numbers }, 'k', -1],
      [{ tenantId: edgeTenant }, 'at', -1],
      [{ tenantId: edgeTenant, at: { $ne: null } }, 'at', 1],
      [{ tenantId: edgeTenant, closedAt: null, k: { $gte: 'k' } }, 'k', 1],
      [{ tenantId: edgeTenant, status: { $in: ['A', 'C'] }, k: numbers }, 'k', -1],
    ] as const) {
      const [a, b] = await both((c) => allPages(c, filter, field, dir, 97));
      const [whole] = await both((c) =>
        c
          .db!.collection<Doc>('edges')
          .find(filter)
          .sort({ [field]: dir, _id: dir })
          .toArray(),
      );
      expect(ids(b)).toEqual(ids(a));
      expect(ids(a)).toEqual(ids(whole));
      expect(b.length).toBeGreaterThan(300);
    }
  });

  afterAll(async () => {
    await memory?.db?.dropDatabase().catch(() => undefined);
    await memory?.close();
    await compact?.close();
    if (engine) await stopEngine(engine, () => undefined);
  });

  test('documents read back as written, field for field and in field order', async () => {
    for (const [name, docs] of Object.entries(collections)) {
      const [a, b] = await both((c) => c.db!.collection<Doc>(name).find({}).sort({ _id: 1 }).toArray());
      const written = [...docs].sort((x, y) => (x._id < y._id ? -1 : 1));
      expect(b).toEqual(written);
      expect(b).toEqual(a);
      expect(b.map((d) => Object.keys(d))).toEqual(written.map((d) => Object.keys(d)));
    }
  });

  test('queries, sorted pages and aggregations answer the same', async () => {
    const some = collections.customers.slice(3, 9).map((c) => c._id);
    const answers = await both((c) =>
      Promise.all([
        c.db!.collection<Doc>('invoices').find({ tenantId, segment: 'PERSON' }).sort({ issuedAt: -1, _id: -1 }).skip(5).limit(7).toArray(),
        c
          .db!.collection<Doc>('sales_orders')
          .find({ tenantId, customerId: { $in: some } }, { projection: { number: 1, history: 1 } })
          .sort({ _id: 1 })
          .toArray(),
        c
          .db!.collection<Doc>('invoices')
          .aggregate([{ $match: { tenantId } }, { $group: { _id: '$period', n: { $sum: 1 }, total: { $sum: '$totalMinor' } } }, { $sort: { _id: 1 } }])
          .toArray(),
        c.db!.collection<Doc>('timeline').countDocuments({ tenantId, 'actor.role': 'ACCOUNT_EXECUTIVE' }),
      ]),
    );
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[1][0]).toHaveLength(7);
    expect(answers[1][1].length).toBeGreaterThanOrEqual(some.length);
  });

  test('updates apply alike: $set, $push into a shared-looking list, $inc', async () => {
    const order = collections.sales_orders[4]!;
    const step = { from: 'COMPLETED', to: 'CANCELLED', by: 'exec-1', at: new Date('2026-11-16T00:00:00Z'), note: null };
    await both((c) =>
      c
        .db!.collection<{ _id: string; status: string; history: (typeof step)[]; version: number }>('sales_orders')
        .updateOne({ _id: order._id }, { $set: { status: 'CANCELLED' }, $push: { history: step }, $inc: { version: 1 } }),
    );
    const [a, b] = await both((c) => c.db!.collection<Doc>('sales_orders').find({ tenantId }).sort({ _id: 1 }).toArray());
    expect(b).toEqual(a);
    const updated = b.find((d) => d._id === order._id)!;
    expect(updated).toMatchObject({ status: 'CANCELLED', version: (order.version as number) + 1 });
    expect((updated.history as unknown[]).at(-1)).toEqual(step);
    // The other orders' equal-valued lists stay untouched (no list is shared between documents).
    expect(b.filter((d) => d._id !== order._id).every((d) => (d.history as unknown[]).length === 3)).toBe(true);
  });

  test('indexed reads follow documents that updates and deletes move between keys', async () => {
    const moved = collections.sales_orders[1]!;
    const gone = collections.sales_orders[2]!;
    const renamed = collections.customers[20]!;
    const removed = collections.customers[0]!;
    await both(async (c) => {
      await c.db!.collection<Doc>('sales_orders').updateOne({ _id: moved._id }, { $set: { customerId: 'cus_moved' } });
      await c.db!.collection<Doc>('sales_orders').deleteOne({ _id: gone._id });
      await c.db!.collection<Doc>('customers').updateOne({ _id: renamed._id }, { $set: { nameKey: 'aaa first now' } });
      await c.db!.collection<Doc>('customers').deleteOne({ _id: removed._id });
      await c
        .db!.collection<Doc>('invoices')
        .updateMany({ tenantId, segment: 'BUSINESS', billingAccountId: collections.invoices[0]!.billingAccountId }, { $set: { segment: 'PERSON' } });
    });
    const [a, b] = await both(indexedReads);
    expect(b).toEqual(a);
    const ordersOfFirstThree = b[6];
    expect(ordersOfFirstThree.map((d) => d._id)).toContain(moved._id);
    expect(ordersOfFirstThree.map((d) => d._id)).not.toContain(gone._id);
    expect(ordersOfFirstThree.find((d) => d._id === moved._id)?.customerId).toBe('cus_moved');
    const firstAccount = collections.invoices[0]!.billingAccountId;
    expect(b[2].some((d) => d.billingAccountId === firstAccount)).toBe(false); // left the BUSINESS key
    expect(b[3].filter((d) => d.billingAccountId === firstAccount)).toHaveLength(12); // joined the PERSON key
    expect(b[7]![0]!._id).toBe(renamed._id); // moved to the front of the name order
    expect(b[7]!.map((d) => d._id)).not.toContain(removed._id);
  });

  test('a unique index refuses a duplicate on both', async () => {
    const errors = await both(async (c) => {
      const invoices = c.db!.collection<Doc>('invoices');
      await invoices.createIndex({ tenantId: 1, number: 1 }, { unique: true });
      const copy = { ...collections.invoices[0]!, _id: 'inv_duplicate_number' };
      return invoices.insertOne(copy).then(
        () => null,
        (err: { code?: number }) => err.code,
      );
    });
    expect(errors).toEqual([11000, 11000]);
  });
  test('a filter that pins _id beside other fields reads only those ids, and answers as the scan does', async () => {
    // three customers still stored (earlier tests delete and rename some)
    const stored = await memory.db!.collection<Doc>('customers').find({ tenantId }).sort({ _id: 1 }).limit(3).toArray();
    const [first, second, third] = stored.map((d) => d._id);
    const ids = [first!, second!, third!];
    // The shapes of the kit's writes and reads: newest-wins upsert, tenant-checked lookups, `$in` with the tenant.
    const reads = (c: Connection) => {
      const customers = c.db!.collection<Doc>('customers');
      return Promise.all([
        customers.find({ _id: first!, tenantId }).toArray(),
        customers.find({ _id: first!, tenantId: 'another-tenant' }).toArray(),
        customers
          .find({ tenantId, _id: { $in: [...ids, 'cus_absent'] } })
          .sort({ _id: 1 })
          .toArray(),
        customers.find({ tenantId, _id: { $in: ids }, segment: 'no-such-segment' }).toArray(),
      ]);
    };
    const [a, b] = await both(reads);
    expect(b).toEqual(a);
    expect(b.map((r) => r.length)).toEqual([1, 0, 3, 0]);

    const examined = async () => ((await compact.db!.admin().command({ vinculoExamined: 1 })) as { examined: number }).examined;
    const before = await examined();
    await reads(compact);
    // 1 + 1 + 3 + 3 candidates; a scan would read every customer of the collection per query
    expect((await examined()) - before).toBe(8);

    // the newest-wins write (`{ _id, tenantId, order: { $lt } }`) by the same path: written once, refused when older
    const written = await both(async (c) => {
      const customers = c.db!.collection<Doc>('customers');
      await customers.updateOne({ _id: second!, tenantId }, { $set: { order: 'm' } });
      const newer = await customers.updateOne({ _id: second!, tenantId, order: { $lt: 'z' } }, { $set: { order: 'z', touched: true } });
      const older = await customers.updateOne({ _id: second!, tenantId, order: { $lt: 'n' } }, { $set: { order: 'n' } });
      return [newer.modifiedCount, older.modifiedCount, (await customers.findOne({ _id: second! }))?.order];
    });
    expect(written).toEqual([
      [1, 0, 'z'],
      [1, 0, 'z'],
    ]);
  });
  test('$exists on the field after tenantId (pending deltas) reads only the documents that have it', async () => {
    // collections' shape: `{ tenantId, 'indicatorDeltas.key': { $exists: true } }` on a sparse `{ tenantId, 'indicatorDeltas.key' }`
    const docs = Array.from({ length: 300 }, (_, i) => ({
      _id: `acc-${i}`,
      tenantId: i % 3 ? tenantId : 'another-tenant',
      ...(i % 50 === 7 ? { indicatorDeltas: [{ key: `k${i}`, billed: i }] } : {}),
      ...(i === 11 ? { indicatorDeltas: [] } : {}), // an empty list has no `.key`
    }));
    await both(async (c) => {
      const accounts = c.db!.collection<Doc>('accounts_probe');
      await accounts.createIndex({ tenantId: 1, 'indicatorDeltas.key': 1 }, { sparse: true });
      await accounts.insertMany(docs.map((d) => ({ ...d })));
    });
    const pending = (c: Connection) =>
      c
        .db!.collection<Doc>('accounts_probe')
        .find({ tenantId, 'indicatorDeltas.key': { $exists: true } })
        .sort({ _id: 1 })
        .toArray();
    const [a] = await both(pending);
    const examined = async () => ((await compact.db!.admin().command({ vinculoExamined: 1 })) as { examined: number }).examined;
    await pending(compact); // builds the set
    const before = await examined();
    const b = await pending(compact);
    expect(b).toEqual(a);
    expect(b.map((d) => d._id)).toEqual(['acc-107', 'acc-157', 'acc-257', 'acc-7']);
    // the 6 documents of either tenant that have the field, not the collection's 300
    expect((await examined()) - before).toBe(6);
    // the set follows updates: one delta taken off, one added
    await both((c) =>
      Promise.all([
        c.db!.collection<Doc>('accounts_probe').updateOne({ _id: 'acc-7' }, { $unset: { indicatorDeltas: 1 } }),
        c.db!.collection<Doc>('accounts_probe').updateOne({ _id: 'acc-8' }, { $push: { indicatorDeltas: { key: 'k8', billed: 8 } } } as never),
      ]),
    );
    const [a2, b2] = await both(pending);
    expect(b2).toEqual(a2);
    expect(b2.map((d) => d._id)).toEqual(['acc-107', 'acc-157', 'acc-257', 'acc-8']);
  });
});
