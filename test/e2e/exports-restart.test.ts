/**
 * Issue #15 export jobs survive a gateway restart: the job and its file are in the gateway's own
 * database (`<prefix>_gateway`, GridFS bucket `exports`), so after a kill -9 and a new gateway process
 * the status and the download still answer — the same bytes — to the caller who started it, and only
 * to them. A job some gateway left RUNNING when it died reads FAILED once the new one has started.
 */
import { createHash } from 'node:crypto';
import mongoose from 'mongoose';
import { print } from 'graphql';
import { CollectionsIndicatorSeriesDocument } from '@vinculo/client';
import { killGateway, restartGateway, testStack, tokenFor, uniqueTenant, waitFor } from '@vinculo/common/testing';

const sha = (b: ArrayBuffer) => createHash('sha256').update(Buffer.from(b)).digest('hex');

describe('export jobs across a gateway restart (issue #15)', () => {
  test('an export started before a gateway restart keeps its status and identical file for its caller; another tenant gets 404; a job left RUNNING reads FAILED', async () => {
    const { gatewayUrl, mongoUri, runId } = testStack();
    const origin = new URL(gatewayUrl).origin;
    const tenant = uniqueTenant('export');
    // Same subject in another tenant: the tenant alone must keep it out.
    const mine = await tokenFor(tenant, ['REPORTING'], { sub: 'etl-1', scopes: ['read', 'reporting'] });
    const stranger = await tokenFor(uniqueTenant('other'), ['REPORTING'], { sub: 'etl-1', scopes: ['read', 'reporting'] });
    const get = (p: string, token = mine) => fetch(`${origin}${p}`, { headers: { authorization: `Bearer ${token}` } });

    const post = await fetch(`${origin}/exports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${mine}` },
      body: JSON.stringify({ query: print(CollectionsIndicatorSeriesDocument), variables: { from: '2026-01', to: '2026-04' }, format: 'XLSX', name: 'series' }),
    });
    expect(post.status).toBe(202);
    const started = (await post.json()) as { id: string; statusUrl: string };
    const before = await waitFor('the export DONE', async () => {
      const s = (await (await get(started.statusUrl)).json()) as { status: string; rows: number; downloadUrl: string | null; createdAt: string };
      if (s.status === 'FAILED') throw new Error(JSON.stringify(s));
      return s.status === 'DONE' ? s : undefined;
    });
    expect(before.rows).toBe(4);
    const fileBefore = await get(before.downloadUrl!);
    expect(fileBefore.status).toBe(200);
    const bytesBefore = sha(await fileBefore.arrayBuffer());

    // A job a dead gateway left RUNNING, as its last write left it (lease renewed, then no more).
    const conn = await mongoose.createConnection(mongoUri, { dbName: `t${runId}_gateway` }).asPromise();
    const orphan = `exp_orphan-${tenant}`;
    try {
      const now = Date.now();
      await conn.collection('export_jobs').insertOne({
        _id: orphan as never,
        tenantId: tenant,
        subject: 'etl-1',
        status: 'RUNNING',
        format: 'CSV',
        name: 'orphan',
        rows: 0,
        error: null,
        createdAt: new Date(now - 60_000),
        finishedAt: null,
        expiresAt: new Date(now + 3_600_000),
        leaseUntil: new Date(now - 1_000),
      });

      // kill -9: nothing of the old process's memory survives; only the store does.
      try {
        await killGateway();
      } finally {
        await restartGateway(); // later test files expect the whole graph
      }

      // The new process marked the orphan FAILED at start-up (in the store, not only on read).
      const stored = await conn.collection('export_jobs').findOne({ _id: orphan as never });
      expect([stored?.status, stored?.error?.code]).toEqual(['FAILED', 'INTERNAL_SERVER_ERROR']);
    } finally {
      await conn.close();
    }

    const after = (await (await get(started.statusUrl)).json()) as typeof before;
    expect(after).toEqual(before);
    const fileAfter = await get(after.downloadUrl!);
    expect(fileAfter.status).toBe(200);
    expect(fileAfter.headers.get('content-type')).toContain('spreadsheetml');
    expect(sha(await fileAfter.arrayBuffer())).toBe(bytesBefore);

    const orphanStatus = (await (await get(`/exports/${orphan}`)).json()) as { status: string; downloadUrl: string | null };
    expect([orphanStatus.status, orphanStatus.downloadUrl]).toEqual(['FAILED', null]);
    expect((await get(`/exports/${orphan}/download`)).status).toBe(409);

    // Another tenant (same subject) and another user of the tenant: as unknown as a missing job.
    expect((await get(started.statusUrl, stranger)).status).toBe(404);
    expect((await get(after.downloadUrl!, stranger)).status).toBe(404);
    const colleague = await tokenFor(tenant, ['REPORTING'], { sub: 'etl-2', scopes: ['read', 'reporting'] });
    expect((await get(after.downloadUrl!, colleague)).status).toBe(404);
    expect((await get('/exports/exp_missing')).status).toBe(404);
  });
});
