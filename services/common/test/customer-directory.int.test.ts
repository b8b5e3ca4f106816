/**
 * The shared customer directory on the real Mongo-wire engine: an entry is written only inside the
 * event's own tenant. Another tenant's events carrying the same customer id never change it; its
 * registration is refused for good (dead-lettered with the reason) rather than taking the entry over.
 */
import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { connectMongo, customerDirectory, handlerOf, isPermanent, rawCollection, type AnyEvent, type CustomerDirectory } from '@vinculo/common';
import { testEvent, testStack } from '@vinculo/common/testing';

describe("customer directory: writes only inside the event's tenant (real Mongo-wire)", () => {
  let conn: Connection;
  let directory: CustomerDirectory;

  beforeAll(async () => {
    conn = await connectMongo(testStack().mongoUri, `directory_${randomUUID().slice(0, 8)}`);
    directory = customerDirectory(conn);
    await directory.model.init();
  });
  afterAll(async () => {
    await conn.dropDatabase();
    await conn.close();
  });

  const on = (type: string, tenant: string, customerId: string, data: Record<string, unknown>, time = new Date()) =>
    // Data as the test writes it: the handler's contract check is the consumer's, not under test here.
    handlerOf(directory.handlers, type)!(testEvent('customers', type, tenant, customerId, { customerId, ...data }, { time: time.toISOString() }) as AnyEvent);
  const registered = (tenant: string, customerId: string, name: string, time?: Date) =>
    on('customers.CustomerRegistered', tenant, customerId, { name, kind: 'BUSINESS', status: 'PROSPECT' }, time);
  const stored = (customerId: string) => directory.model.findById(customerId).lean();

  test("another tenant's CustomerRegistered with the same customer id is refused for good and changes nothing; nor do its other events", async () => {
    const id = `cus_${randomUUID()}`;
    await registered('tenant-a', id, 'Ferretería Andina');
    await on('customers.PortfolioAssigned', 'tenant-a', id, { executiveId: 'exec-a' });
    const before = await stored(id);
    expect(before).toMatchObject({ tenantId: 'tenant-a', name: 'Ferretería Andina', status: 'PROSPECT', executiveId: 'exec-a' });

    const takeover = await registered('tenant-b', id, 'Impostor SRL').then(
      () => null,
      (err: unknown) => err,
    );
    expect(takeover).toBeInstanceOf(Error);
    expect(isPermanent(takeover)).toBe(true);
    expect((takeover as Error).message).toContain('another tenant');
    await on('customers.CustomerUpdated', 'tenant-b', id, { name: 'Impostor SRL' });
    await on('customers.CustomerStatusChanged', 'tenant-b', id, { to: 'CHURNED' });
    await on('customers.PortfolioAssigned', 'tenant-b', id, { executiveId: 'exec-b' });

    expect(await stored(id)).toEqual(before);
    await expect(directory.require('tenant-a', id)).resolves.toMatchObject({ name: 'Ferretería Andina' });
    await expect(directory.require('tenant-b', id)).rejects.toMatchObject({ kind: 'not_found' });
    expect(await directory.model.countDocuments({ _id: id })).toBe(1);
  });

  test("the own tenant's registration applies; delivered again after a newer change it changes nothing", async () => {
    const id = `cus_${randomUUID()}`;
    const t0 = new Date(Date.now() - 60_000);
    await registered('tenant-a', id, 'Librería Illimani', t0);
    await registered('tenant-a', id, 'Librería Illimani', t0); // redelivered at once: same entry
    await on('customers.CustomerStatusChanged', 'tenant-a', id, { to: 'ACTIVE' }, new Date(t0.getTime() + 1_000));
    await registered('tenant-a', id, 'Librería Illimani', t0); // redelivered later: the newer status stays
    expect(await stored(id)).toMatchObject({ tenantId: 'tenant-a', name: 'Librería Illimani', status: 'ACTIVE' });
  });

  describe('one newest-wins rule on (time, rank): Registered 0 < Updated 1 < PortfolioAssigned 2 < StatusChanged 3', () => {
    const t = (s: number) => new Date(Date.parse('2026-03-02T14:00:00.000Z') + s * 1000);

    test('a replayed older CustomerUpdated after a newer one keeps the newer name', async () => {
      const id = `cus_${randomUUID()}`;
      await registered('tenant-a', id, 'Old name', t(0));
      await on('customers.CustomerUpdated', 'tenant-a', id, { name: 'First rename' }, t(10));
      await on('customers.CustomerUpdated', 'tenant-a', id, { name: 'Second rename' }, t(20));
      await on('customers.CustomerUpdated', 'tenant-a', id, { name: 'First rename' }, t(10)); // replayed
      expect(await stored(id)).toMatchObject({ name: 'Second rename', updatedAt: t(20) });
    });

    test('events of one command (same time) all apply, whatever their arrival order, and twice is once', async () => {
      const id = `cus_${randomUUID()}`;
      await registered('tenant-a', id, 'Panadería Sucre', t(0));
      await on('customers.CustomerUpdated', 'tenant-a', id, { name: 'Panadería Sucre SRL' }, t(5));
      await on('customers.PortfolioAssigned', 'tenant-a', id, { executiveId: 'exec-9' }, t(5));
      await on('customers.CustomerStatusChanged', 'tenant-a', id, { to: 'ACTIVE' }, t(5));
      const once = await stored(id);
      expect(once).toMatchObject({ name: 'Panadería Sucre SRL', executiveId: 'exec-9', status: 'ACTIVE', kind: 'BUSINESS' });
      await on('customers.PortfolioAssigned', 'tenant-a', id, { executiveId: 'exec-9' }, t(5));
      await on('customers.CustomerUpdated', 'tenant-a', id, { name: 'Panadería Sucre SRL' }, t(5));
      await registered('tenant-a', id, 'Panadería Sucre', t(5));
      expect(await stored(id)).toEqual(once);
    });

    test('an event for a customer not registered here (yet) creates no entry', async () => {
      const id = `cus_${randomUUID()}`;
      await on('customers.PortfolioAssigned', 'tenant-a', id, { executiveId: 'exec-1' }, t(5));
      expect(await stored(id)).toBeNull();
    });

    test('an entry written before `order` existed: an older event is refused, one at or after its time applies', async () => {
      const id = `cus_${randomUUID()}`;
      await rawCollection(directory.model).insertOne({
        _id: id,
        tenantId: 'tenant-a',
        name: 'Kept',
        kind: 'BUSINESS',
        status: 'ACTIVE',
        executiveId: null,
        updatedAt: t(60),
      });
      await on('customers.CustomerUpdated', 'tenant-a', id, { name: 'Older' }, t(30));
      expect(await stored(id)).toMatchObject({ name: 'Kept' });
      await on('customers.CustomerUpdated', 'tenant-a', id, { name: 'Newer' }, t(60));
      expect(await stored(id)).toMatchObject({ name: 'Newer', order: `${t(60).toISOString()}#01` });
    });
  });
});
