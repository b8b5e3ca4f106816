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
});
