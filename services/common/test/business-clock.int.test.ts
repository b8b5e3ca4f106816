/**
 * The business-clock read model on the real Mongo-wire engine: customers.BusinessClockAdvanced stores a
 * tenant's offset and sets it in memory (redelivered or older events never lower it); a replica that did
 * not consume the event learns the offset from the collection when it re-reads it (`load`, at start and
 * every BUSINESS_CLOCK_REFRESH_MS), and its listeners (the subgraph's jobs) hear it.
 */
import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { businessClockOffset, businessClockReadModel, connectMongo, onBusinessClockAdvanced } from '@vinculo/common';
import { testEvent, testStack } from '@vinculo/common/testing';

const DAY = 86_400_000;

describe('business clock read model (real Mongo-wire)', () => {
  let conn: Connection;
  beforeAll(async () => {
    conn = await connectMongo(testStack().mongoUri, `clock_${randomUUID().slice(0, 8)}`);
  });
  afterAll(async () => {
    await conn.dropDatabase();
    await conn.close();
  });

  const advanced = (tenant: string, offsetMs: number) =>
    testEvent('customers', 'customers.BusinessClockAdvanced', tenant, tenant, {
      from: new Date().toISOString(),
      to: new Date(Date.now() + offsetMs).toISOString(),
      offsetMs,
    });

  test('the event stores the offset and sets it in memory; a redelivered or older one changes nothing', async () => {
    const clock = businessClockReadModel(conn, { refreshMs: 0 });
    const tenant = `clk-${randomUUID().slice(0, 8)}`;
    const handle = clock.handlers['customers.BusinessClockAdvanced']!;
    const later = advanced(tenant, 30 * DAY);
    await handle(later);
    await handle(later);
    await handle(advanced(tenant, 3 * DAY));
    expect(businessClockOffset(tenant)).toBe(30 * DAY);
    expect((await clock.model.findById(tenant).lean())?.offsetMs).toBe(30 * DAY);
    expect(await clock.model.countDocuments({ _id: tenant })).toBe(1);
  });

  test('a replica that did not consume the event learns the offset when it re-reads the collection, and its jobs hear it', async () => {
    const clock = businessClockReadModel(conn, { refreshMs: 0 });
    const tenant = `clk-${randomUUID().slice(0, 8)}`;
    // What the replica that consumed the event wrote; this process has not seen the event.
    await clock.model.updateOne(
      { _id: tenant },
      { $set: { offsetMs: 45 * DAY, advancedTo: new Date(Date.now() + 45 * DAY), updatedAt: new Date() } },
      { upsert: true },
    );
    expect(businessClockOffset(tenant)).toBe(0);
    const heard: string[] = [];
    const stop = onBusinessClockAdvanced((t) => heard.push(t));
    try {
      await clock.load();
      await clock.load(); // the next re-read: no change, no second run
    } finally {
      stop();
    }
    expect(businessClockOffset(tenant)).toBe(45 * DAY);
    expect(heard.filter((t) => t === tenant)).toEqual([tenant]);
  });
});
