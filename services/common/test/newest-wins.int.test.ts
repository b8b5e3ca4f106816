/**
 * The newest-version-wins upsert (readmodels/newest-wins.ts) on the real Mongo-wire engine, and the
 * kit's staff read model that uses it (one copy of the staff per subgraph: access, team leads, e-mails).
 */
import { randomUUID } from 'node:crypto';
import { Schema, type Connection, type Model } from 'mongoose';
import { connectMongo, handlerOf, rawCollection, staffAccessReadModel, upsertNewest, type AnyEvent, type StaffAccessReadModel } from '@vinculo/common';
import { testEvent, testStack } from '@vinculo/common/testing';

interface Snapshot {
  _id: string;
  tenantId: string;
  name: string;
  snapshotVersion: number;
  createdFor?: string;
}

describe('upsertNewest on the real engine', () => {
  let conn: Connection;
  let model: Model<Snapshot>;
  let staff: StaffAccessReadModel;

  beforeAll(async () => {
    conn = await connectMongo(testStack().mongoUri, `newest_${randomUUID().slice(0, 8)}`);
    model = conn.model<Snapshot>(
      'Snapshot',
      new Schema<Snapshot>({ _id: String, tenantId: String, name: String, snapshotVersion: Number, createdFor: String }, { versionKey: false }),
    );
    await model.init();
    staff = staffAccessReadModel(conn, { cacheMs: 0 });
    await staff.model.init();
  });
  afterAll(async () => {
    await conn.dropDatabase();
    await conn.close();
  });

  const write = (id: string, version: number, name: string, tenantId = 'tenant-a') =>
    upsertNewest(model, { key: { _id: id, tenantId }, field: 'snapshotVersion', version, set: { name }, setOnInsert: { createdFor: name } });
  const stored = (id: string) => model.findById(id).lean();

  test('absent: the snapshot is inserted, with its insert-only fields', async () => {
    const id = randomUUID();
    expect(await write(id, 1, 'one')).toBe(true);
    expect(await stored(id)).toEqual({ _id: id, tenantId: 'tenant-a', name: 'one', snapshotVersion: 1, createdFor: 'one' });
  });

  test('a newer version replaces the stored one; an older one after it changes nothing', async () => {
    const id = randomUUID();
    await write(id, 1, 'one');
    expect(await write(id, 3, 'three')).toBe(true);
    expect(await write(id, 2, 'two (late)')).toBe(false);
    expect(await write(id, 1, 'one (redelivered)')).toBe(false);
    expect(await stored(id)).toEqual({ _id: id, tenantId: 'tenant-a', name: 'three', snapshotVersion: 3, createdFor: 'one' });
  });

  test('equal versions are idempotent: the second write of a version changes nothing', async () => {
    const id = randomUUID();
    expect(await write(id, 5, 'five')).toBe(true);
    expect(await write(id, 5, 'five, again with other data')).toBe(false);
    expect(await stored(id)).toEqual({ _id: id, tenantId: 'tenant-a', name: 'five', snapshotVersion: 5, createdFor: 'five' });
  });

  test('an entry of another tenant is never written, whatever the version', async () => {
    const id = randomUUID();
    await write(id, 1, 'mine');
    expect(await write(id, 9, 'takeover', 'tenant-b')).toBe(false);
    expect(await stored(id)).toMatchObject({ tenantId: 'tenant-a', name: 'mine', snapshotVersion: 1 });
  });

  test('concurrent deliveries of versions in any order leave the newest', async () => {
    const id = randomUUID();
    const versions = [4, 2, 7, 1, 6, 3, 5];
    await Promise.all(versions.map((v) => write(id, v, `v${v}`)));
    expect(await stored(id)).toMatchObject({ name: 'v7', snapshotVersion: 7 });
  });

  test('insert: false changes an existing entry only; an absent one is not created', async () => {
    const id = randomUUID();
    expect(
      await upsertNewest(model, { key: { _id: id, tenantId: 'tenant-a' }, field: 'snapshotVersion', version: 2, set: { name: 'part' }, insert: false }),
    ).toBe(false);
    expect(await stored(id)).toBeNull();
    await write(id, 1, 'one');
    expect(
      await upsertNewest(model, { key: { _id: id, tenantId: 'tenant-a' }, field: 'snapshotVersion', version: 2, set: { name: 'two' }, insert: false }),
    ).toBe(true);
    expect(await stored(id)).toMatchObject({ name: 'two', snapshotVersion: 2 });
  });

  test('legacy: an entry without the version field is written once when it matches the legacy filter, then only the version decides', async () => {
    const id = randomUUID();
    await rawCollection(model).insertOne({ _id: id, tenantId: 'tenant-a', name: 'legacy' } as Snapshot);
    const legacyWrite = (version: number, name: string) =>
      upsertNewest(model, {
        key: { _id: id, tenantId: 'tenant-a' },
        field: 'snapshotVersion',
        version,
        set: { name },
        legacy: { snapshotVersion: { $exists: false } },
      });
    expect(await legacyWrite(4, 'four')).toBe(true);
    expect(await legacyWrite(3, 'three (late)')).toBe(false);
    expect(await stored(id)).toEqual({ _id: id, tenantId: 'tenant-a', name: 'four', snapshotVersion: 4 });
    expect(await model.countDocuments({ _id: id })).toBe(1);
  });

  describe('the kit staff read model', () => {
    const tenant = `t-${randomUUID().slice(0, 8)}`;
    const employee = (type: string, employeeId: string, d: { roles?: string[]; teamLeadId?: string | null; active?: boolean }, time: string) =>
      handlerOf(staff.handlers, type)!(
        testEvent(
          'customers',
          type,
          tenant,
          employeeId,
          {
            employeeId,
            name: `Name ${employeeId}`,
            email: `${employeeId}@example.com`,
            roles: d.roles ?? ['ACCOUNT_EXECUTIVE'],
            teamLeadId: d.teamLeadId ?? null,
            active: d.active ?? true,
          },
          { time },
        ) as AnyEvent,
      );

    test('keeps roles, team lead, name and e-mail; an older snapshot after a newer one changes nothing', async () => {
      await employee('customers.EmployeeRegistered', 'lead-1', { roles: ['SALES_TEAM_LEAD'] }, '2026-01-01T10:00:00.000Z');
      await employee('customers.EmployeeRegistered', 'exec-1', {}, '2026-01-01T10:00:00.000Z');
      await employee('customers.EmployeeTeamLeadAssigned', 'exec-1', { teamLeadId: 'lead-1' }, '2026-01-01T11:00:00.000Z');
      await employee('customers.EmployeeDeactivated', 'exec-2', { teamLeadId: 'lead-1', active: false }, '2026-01-01T12:00:00.000Z');
      // The registration of exec-2, delivered late: older than its deactivation.
      await employee('customers.EmployeeRegistered', 'exec-2', { teamLeadId: 'lead-1' }, '2026-01-01T10:00:00.000Z');

      expect(await staff.leadOf(tenant, 'exec-1')).toBe('lead-1');
      expect(await staff.employee(tenant, 'exec-2')).toEqual({ roles: ['ACCOUNT_EXECUTIVE'], active: false });
      expect(await staff.entryOf(tenant, 'exec-2')).toMatchObject({ active: false, asOf: '2026-01-01T12:00:00.000Z' });
      const team = await staff.team(tenant, 'lead-1', ['exec-2', 'nobody']);
      expect(team.members).toEqual(['exec-1']);
      expect([...team.leadOfOthers]).toEqual([['exec-2', 'lead-1']]);
      const all = (await staff.of(tenant)).map((s) => [s.employeeId, s.email, s.teamLeadId]).sort();
      expect(all).toEqual([
        ['exec-1', 'exec-1@example.com', 'lead-1'],
        ['exec-2', 'exec-2@example.com', 'lead-1'],
        ['lead-1', 'lead-1@example.com', null],
      ]);
    });
  });
});
