/**
 * Techsupport's installed-products read model (postsale events) on the real Mongo-wire engine, written
 * by the kit's one newest-wins rule on `order` = `eventOrder` (time, then Registered 0 < SubscriptionChanged
 * 1 < Withdrawn 2). Entries written before `order` existed (a Date `asOf`) keep their time order once.
 */
import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { connectMongo, handlerOf, rawCollection, type AnyEvent } from '@vinculo/common';
import { testEvent, testStack } from '@vinculo/common/testing';
import { installedProducts, type InstalledProducts } from '../src/store/products.model';

const T0 = Date.parse('2026-03-02T14:00:00.000Z');
const at = (s: number) => new Date(T0 + s * 1000).toISOString();
const TENANT = 'tenant-a';

describe('techsupport installed products: one newest-wins rule on (time, lifecycle rank) (real Mongo-wire)', () => {
  let conn: Connection;
  let products: InstalledProducts;

  beforeAll(async () => {
    conn = await connectMongo(testStack().mongoUri, `ts_products_${randomUUID().slice(0, 8)}`);
    products = installedProducts(conn);
    await products.model.init();
  });
  afterAll(async () => {
    await conn.dropDatabase();
    await conn.close();
  });

  const deliver = (e: AnyEvent) => handlerOf(products.handlers, e.type)!(e);
  const ev = (type: string, id: string, time: string, data: Record<string, unknown> = {}) =>
    testEvent('postsale', `postsale.${type}`, TENANT, id, { installedProductId: id, customerId: 'cus-1', ...data }, { time }) as AnyEvent;
  const registered = (id: string, time: string) =>
    ev('InstalledProductRegistered', id, time, { planCode: 'FIB-100', family: 'INTERNET', serviceNumber: '591-1', installationAddress: 'Av. Arce 1' });
  const changed = (id: string, time: string, change: string, planCode = 'FIB-300') => ev('SubscriptionChanged', id, time, { change, planCode });
  const stored = (id: string) => products.model.findById(id).lean();

  test('newer then a replayed older event: the newer is kept', async () => {
    const id = `ip-${randomUUID()}`;
    await deliver(registered(id, at(0)));
    await deliver(changed(id, at(60), 'SUSPENDED'));
    await deliver(changed(id, at(30), 'PLAN_CHANGED'));
    await deliver(registered(id, at(0)));
    expect(await stored(id)).toMatchObject({ status: 'SUSPENDED', planCode: 'FIB-300', serviceNumber: '591-1', asOf: new Date(at(60)) });
  });

  test('a change and the withdrawal of one command (same time) both apply, in either arrival order', async () => {
    for (const late of [false, true]) {
      const id = `ip-${randomUUID()}`;
      await deliver(registered(id, at(0)));
      const change = changed(id, at(90), 'WITHDRAWN', 'FIB-500');
      const withdrawn = ev('InstalledProductWithdrawn', id, at(90), { reason: 'moved', remainingActiveProducts: 0 });
      for (const e of late ? [withdrawn, change] : [change, withdrawn]) await deliver(e);
      // Withdrawn ranks last: WITHDRAWN either way; the plan comes from the change only when it arrived first.
      expect(await stored(id)).toMatchObject({ status: 'WITHDRAWN', planCode: late ? 'FIB-100' : 'FIB-500' });
    }
  });

  test('the same event twice is the same as once', async () => {
    const id = `ip-${randomUUID()}`;
    const change = changed(id, at(60), 'PLAN_CHANGED');
    await deliver(registered(id, at(0)));
    await deliver(change);
    const once = await stored(id);
    await deliver(change);
    expect(await stored(id)).toEqual(once);
    expect(once).toMatchObject({ status: 'ACTIVE', planCode: 'FIB-300' });
  });

  test('an entry written before `order` existed: an older event is refused, one at or after its time applies and sets the order', async () => {
    const id = `ip-${randomUUID()}`;
    await rawCollection(products.model).insertOne({
      _id: id,
      tenantId: TENANT,
      customerId: 'cus-1',
      planCode: 'FIB-100',
      family: 'INTERNET',
      serviceNumber: '591-1',
      address: 'Av. Arce 1',
      status: 'SUSPENDED',
      asOf: new Date(at(60)),
    });
    await deliver(changed(id, at(30), 'RECONNECTED'));
    expect(await stored(id)).toMatchObject({ status: 'SUSPENDED', planCode: 'FIB-100' });
    expect((await stored(id))?.order).toBeUndefined();
    await deliver(changed(id, at(60), 'RECONNECTED'));
    expect(await stored(id)).toMatchObject({ status: 'ACTIVE', planCode: 'FIB-300', order: `${at(60)}#01` });
    await deliver(changed(id, at(60), 'SUSPENDED', 'FIB-100')); // same key again: nothing changes
    expect(await stored(id)).toMatchObject({ status: 'ACTIVE', planCode: 'FIB-300' });
  });
});
