/**
 * The kit's command pipeline on the real Mongo-wire engine: a person's act applies only to the version
 * they saw, a system act re-decides on a stale version (bounded), nothing is written when the decision
 * refuses or has nothing to do, and another tenant's id is NOT_FOUND and never written (the versioned
 * write filters `{ _id, version }`: the tenant is checked when the aggregate is loaded).
 */
import { randomUUID } from 'node:crypto';
import { Schema, type Connection } from 'mongoose';
import { connectMongo, DomainError, newEnvelope, outboxPlugin, runCommand, SYSTEM_ACTOR, SYSTEM_RETRY, type WithOutbox } from '@vinculo/common';
import { testStack } from '@vinculo/common/testing';

interface Counter extends WithOutbox {
  _id: string;
  tenantId: string;
  count: number;
}

describe('command pipeline (real Mongo-wire)', () => {
  const stack = testStack();
  let conn: Connection;
  const schema = new Schema<Counter>({ _id: String, tenantId: String, count: Number }, { collection: 'counters' });
  schema.plugin(outboxPlugin);
  /** Ids whose next N versioned writes are overtaken by another writer (deterministically, before ours runs). */
  const interference = new Map<string, number>();
  /** The filters of the versioned writes, by id (the shape the engine has to serve). */
  const writeFilters = new Map<string, string[][]>();
  schema.pre('findOneAndUpdate', async function () {
    const id = String((this.getFilter() as { _id?: unknown })._id);
    writeFilters.set(id, [...(writeFilters.get(id) ?? []), Object.keys(this.getFilter()).sort()]);
    const left = interference.get(id) ?? 0;
    if (left <= 0) return;
    interference.set(id, left - 1);
    await this.model.collection.updateOne({ _id: id } as never, { $inc: { version: 1, count: 10 } });
  });
  const model = () => conn.model<Counter>('Counter', schema);
  const who = { tenantId: 't1', actor: SYSTEM_ACTOR };
  const bump = (by: number) => (c: Counter) => ({
    update: { $set: { count: c.count + by } },
    events: [
      newEnvelope('customers', who, {
        type: 'customers.BusinessClockAdvanced',
        subject: c._id,
        data: { from: new Date(0).toISOString(), to: new Date(1).toISOString(), offsetMs: 1 },
      }),
    ],
  });

  beforeAll(async () => {
    conn = await connectMongo(stack.mongoUri, `pipeline_${randomUUID().slice(0, 8)}`);
    await model().init();
  });
  afterAll(async () => {
    await conn.dropDatabase();
    await conn.close();
  });

  async function fresh(): Promise<string> {
    const id = randomUUID();
    await model().create({ _id: id, tenantId: 't1', count: 0, version: 0, outbox: [] });
    return id;
  }

  it("applies a person's act to the version they saw and refuses a stale one with CONFLICT, writing nothing", async () => {
    const id = await fresh();
    const first = await runCommand({ model: model(), what: 'Counter', tenantId: 't1', id, concurrency: { expectedVersion: 0 }, decide: bump(1) });
    expect(first).toMatchObject({ changed: true, doc: { count: 1, version: 1 } });
    await expect(
      runCommand({ model: model(), what: 'Counter', tenantId: 't1', id, concurrency: { expectedVersion: 0 }, decide: bump(1) }),
    ).rejects.toMatchObject({ kind: 'stale_version' });
    const stored = await model().findById(id).lean();
    expect(stored).toMatchObject({ count: 1, version: 1 });
    expect(stored?.outbox).toHaveLength(1);
  });

  it('re-decides a system act on the current version when another write got in first', async () => {
    const id = await fresh();
    interference.set(id, 1);
    let calls = 0;
    const result = await runCommand({ model: model(), what: 'Counter', tenantId: 't1', id, concurrency: { retry: 3 }, decide: (c) => (calls++, bump(1)(c)) });
    // Decided twice: once on version 0 (lost the race), once on top of the concurrent write.
    expect(calls).toBe(2);
    expect(result.doc).toMatchObject({ count: 11, version: 2 });
    expect(result.doc.outbox).toHaveLength(1);
  });

  it('gives up with CONFLICT after the bounded attempts when the aggregate keeps moving', async () => {
    const id = await fresh();
    interference.set(id, 5);
    let calls = 0;
    await expect(
      runCommand({ model: model(), what: 'Counter', tenantId: 't1', id, concurrency: { retry: 2 }, decide: (c) => (calls++, bump(1)(c)) }),
    ).rejects.toMatchObject({ kind: 'stale_version' });
    expect(calls).toBe(2);
    expect((await model().findById(id).lean())?.outbox).toHaveLength(0);
  });

  it('writes nothing when the decision has nothing to do or refuses', async () => {
    const id = await fresh();
    const none = await runCommand({ model: model(), what: 'Counter', tenantId: 't1', id, concurrency: { expectedVersion: 0 }, decide: () => null });
    expect(none.changed).toBe(false);
    await expect(
      runCommand({
        model: model(),
        what: 'Counter',
        tenantId: 't1',
        id,
        concurrency: { expectedVersion: 0 },
        decide: () => {
          throw new DomainError('illegal_transition', 'no');
        },
      }),
    ).rejects.toMatchObject({ kind: 'illegal_transition' });
    expect(await model().findById(id).lean()).toMatchObject({ count: 0, version: 0 });
  });

  it('writes by `{ _id, version }`, a filter the unique index of outboxPlugin serves (the tenant was checked on load)', async () => {
    const id = await fresh();
    await runCommand({ model: model(), what: 'Counter', tenantId: 't1', id, concurrency: SYSTEM_RETRY, decide: bump(1) });
    expect(writeFilters.get(id)).toEqual([['_id', 'version']]);
    // The local engine serves a filter only from a unique index with exactly its keys; MongoDB from `_id`.
    const indexes = await model().collection.indexes();
    expect(indexes.find((ix) => JSON.stringify(ix.key) === JSON.stringify({ _id: 1, version: 1 }))).toMatchObject({ unique: true });
  });

  it("never writes another tenant's aggregate, whatever the version or concurrency the act names", async () => {
    const id = await fresh(); // tenant t1, version 0
    let decided = 0;
    const decide = (c: Counter) => (decided++, bump(1)(c));
    for (const concurrency of [{ expectedVersion: 0 }, { expectedVersion: null }, SYSTEM_RETRY]) {
      await expect(runCommand({ model: model(), what: 'Counter', tenantId: 't2', id, concurrency, decide })).rejects.toMatchObject({ kind: 'not_found' });
    }
    expect(decided).toBe(0);
    expect(writeFilters.get(id)).toBeUndefined(); // no write was even attempted
    const stored = await model().findById(id).lean();
    expect(stored).toMatchObject({ tenantId: 't1', count: 0, version: 0 });
    expect(stored?.outbox).toHaveLength(0);
    // And t1's own act still applies to it.
    await runCommand({ model: model(), what: 'Counter', tenantId: 't1', id, concurrency: { expectedVersion: 0 }, decide });
    expect(await model().findById(id).lean()).toMatchObject({ tenantId: 't1', count: 1, version: 1 });
  });

  it("answers NOT_FOUND for an unknown id and for another tenant's id", async () => {
    const id = await fresh();
    await expect(
      runCommand({ model: model(), what: 'Counter', tenantId: 't2', id, concurrency: { expectedVersion: 0 }, decide: bump(1) }),
    ).rejects.toMatchObject({ kind: 'not_found' });
    await expect(
      runCommand({ model: model(), what: 'Counter', tenantId: 't1', id: 'nope', concurrency: { expectedVersion: 0 }, decide: bump(1) }),
    ).rejects.toMatchObject({ kind: 'not_found' });
  });
});
