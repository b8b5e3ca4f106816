/**
 * The kit's create and act-on-seen steps (command/create.ts, command/act-on-seen.ts) on the real
 * Mongo-wire engine: a new aggregate lands with its events in its outbox at version 0 and wakes the
 * relay; a duplicate key is what the act says it is (refusal or the existing aggregate) and writes
 * nothing; an act prepared on the version the person saw is refused when the aggregate moves on
 * between the reads and the write.
 */
import { randomUUID } from 'node:crypto';
import { Schema, type Connection } from 'mongoose';
import { actOnSeen, conflict, connectMongo, createWithEvents, isDuplicateKey, newEnvelope, outboxPlugin, SYSTEM_ACTOR, type WithOutbox } from '@vinculo/common';
import { testStack } from '@vinculo/common/testing';

interface Thing extends WithOutbox {
  _id: string;
  tenantId: string;
  label: string;
  /** At most one thing per tenant and label (a unique index: "one open claim per invoice"). */
  labelKey: string;
  note: string | null;
}

describe('createWithEvents and actOnSeen (real Mongo-wire)', () => {
  let conn: Connection;
  const schema = new Schema<Thing>(
    { _id: String, tenantId: String, label: String, labelKey: String, note: { type: String, default: null } },
    { collection: 'things' },
  );
  schema.plugin(outboxPlugin);
  schema.index({ tenantId: 1, labelKey: 1 }, { unique: true });
  const model = () => conn.model<Thing>('Thing', schema);
  const who = { tenantId: 't1', actor: SYSTEM_ACTOR };
  const event = (id: string) =>
    newEnvelope('customers', who, {
      type: 'customers.BusinessClockAdvanced',
      subject: id,
      data: { from: new Date(0).toISOString(), to: new Date(1).toISOString(), offsetMs: 1 },
    });
  const thing = (label: string) => ({ _id: randomUUID(), tenantId: 't1', label, labelKey: label.toLowerCase() });

  beforeAll(async () => {
    conn = await connectMongo(testStack().mongoUri, `create_act_${randomUUID().slice(0, 8)}`);
    await model().init();
  });
  afterAll(async () => {
    await conn.dropDatabase();
    await conn.close();
  });

  test('creates the aggregate with its events in the outbox at version 0 and wakes the relay once', async () => {
    const doc = thing(`a-${randomUUID()}`);
    let woken = 0;
    const created = await createWithEvents(model(), doc, [event(doc._id)], { published: () => woken++ });
    expect(created).toMatchObject({ ...doc, version: 0, note: null });
    expect(woken).toBe(1);
    const stored = await model().findById(doc._id).lean();
    expect(stored?.outbox.map((e) => e.subject)).toEqual([doc._id]);
  });

  test('a duplicate key is refused as the act says (e.g. CONFLICT): nothing written, the relay not woken', async () => {
    const label = `b-${randomUUID()}`;
    await createWithEvents(model(), thing(label), [event('first')]);
    let woken = 0;
    const second = thing(label.toUpperCase());
    await expect(
      createWithEvents(model(), second, [event(second._id)], {
        published: () => woken++,
        onDuplicate: () => {
          throw conflict(`${label} exists`);
        },
      }),
    ).rejects.toMatchObject({ kind: 'already_exists' });
    expect(woken).toBe(0);
    expect(await model().countDocuments({ _id: second._id })).toBe(0);
  });

  test('a duplicate key can mean "already there": onDuplicate answers the existing aggregate; without it the error is thrown', async () => {
    const doc = thing(`c-${randomUUID()}`);
    const first = await createWithEvents(model(), doc, [event(doc._id)]);
    const again = await createWithEvents(model(), { ...doc, note: 'retry' }, [event(doc._id)], {
      onDuplicate: async () => (await model().findById(doc._id).lean<Thing>())!,
    });
    expect(again).toMatchObject({ _id: first._id, note: null, version: 0 });
    expect((await model().findById(doc._id).lean())?.outbox).toHaveLength(1);
    const err = await createWithEvents(model(), doc, []).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isDuplicateKey(err)).toBe(true);
  });

  test('actOnSeen: prepares on the version seen and writes on it; moved on meanwhile → CONFLICT and nothing written', async () => {
    const doc = thing(`d-${randomUUID()}`);
    await createWithEvents(model(), doc, []);
    const act = (expectedVersion: number, during?: () => Promise<unknown>) =>
      actOnSeen({
        model: model(),
        what: 'Thing',
        tenantId: 't1',
        id: doc._id,
        expectedVersion,
        prepare: async (seen) => {
          await during?.();
          return `seen at ${seen.version}`;
        },
        decide: (_current, prepared) => ({ update: { $set: { note: prepared } }, events: [event(doc._id)] }),
      });
    await expect(act(0)).resolves.toMatchObject({ changed: true, doc: { note: 'seen at 0', version: 1 } });
    // The person saw version 0 again: refused before any read of prepare.
    await expect(act(0)).rejects.toMatchObject({ kind: 'stale_version' });
    // Someone else writes while this act prepares on version 1: refused, their write stays.
    await expect(act(1, () => model().updateOne({ _id: doc._id }, { $set: { note: 'other' }, $inc: { version: 1 } }))).rejects.toMatchObject({
      kind: 'stale_version',
    });
    expect(await model().findById(doc._id).lean()).toMatchObject({ note: 'other', version: 2 });
  });
});
