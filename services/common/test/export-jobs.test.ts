import { ExportJobs, INTERRUPTED, memoryExportStore, type Principal } from '../src';

const me: Principal = { tenantId: 't1', userId: 'etl-1', roles: ['REPORTING'], scopes: ['read'] };
const run = async () => ({
  data: {
    series: [
      { period: '2026-01', n: 1 },
      { period: '2026-02', n: 2 },
    ],
  },
});
const request = { query: '{ series { period n } }', variables: {}, format: 'CSV' as const, name: 'series' };

describe('export jobs (kit: reporting/export, export-store)', () => {
  test('only the same tenant and subject read a job and its file; an expired job is unknown even where the store keeps it', async () => {
    const store = memoryExportStore();
    const jobs = new ExportJobs({ store, ttlMs: 60_000 });
    const { job, done } = await jobs.start(me, request, run);
    await done;
    expect((await jobs.get(me, job.id))?.status).toBe('DONE');
    expect((await jobs.file(me, job.id))?.toString()).toBe('period,n\r\n2026-01,1\r\n2026-02,2\r\n');
    expect(await jobs.get({ ...me, tenantId: 't2' }, job.id)).toBeNull();
    expect(await jobs.get({ ...me, userId: 'etl-2' }, job.id)).toBeNull();
    expect(await jobs.file({ ...me, tenantId: 't2' }, job.id)).toBeNull();
    // A store that never expires documents (the local engine ignores TTL indexes): read filters on expiresAt.
    const kept = (await store.find(job.id))!;
    await store.insert({ ...kept, id: 'exp_old', expiresAt: new Date(Date.now() - 1) });
    expect(await store.find('exp_old')).not.toBeNull();
    expect(await jobs.get(me, 'exp_old')).toBeNull();
  });

  test('a RUNNING job whose lease ran out (its gateway died) reads FAILED and is marked so at recovery; a live lease is left alone', async () => {
    const store = memoryExportStore();
    const jobs = new ExportJobs({ store });
    const now = Date.now();
    const base = {
      tenantId: 't1',
      subject: 'etl-1',
      status: 'RUNNING' as const,
      format: 'CSV' as const,
      name: 'x',
      rows: 0,
      error: null,
      createdAt: new Date(now),
      finishedAt: null,
      expiresAt: new Date(now + 60_000),
    };
    await store.insert({ ...base, id: 'exp_dead', leaseUntil: new Date(now - 1_000) });
    await store.insert({ ...base, id: 'exp_alive', leaseUntil: new Date(now + 30_000) });
    expect((await jobs.get(me, 'exp_dead'))?.status).toBe('FAILED');
    await store.insert({ ...base, id: 'exp_dead2', leaseUntil: new Date(now - 1_000) });
    expect(await jobs.recover()).toBe(1);
    expect([(await store.find('exp_dead2'))?.status, (await store.find('exp_dead2'))?.error]).toEqual(['FAILED', INTERRUPTED]);
    expect((await store.find('exp_alive'))?.status).toBe('RUNNING');
    expect((await jobs.get(me, 'exp_alive'))?.status).toBe('RUNNING');
  });
});
