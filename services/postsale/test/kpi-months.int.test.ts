/**
 * R-PS-KPI from maintained per-(tenant, month) counts, on the real Mongo-wire server: after requests are
 * received (some stored before the counts existed), completed, attended and closed — with a repeated act,
 * a concurrent pair on one request and on one month, writers that died before adding their deltas or
 * before taking them off, and a build racing writes — each month's counts equal a full recompute from its
 * requests, and the indicators read from them equal what the scan of the month's requests answers.
 */
import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { connectMongo, defaultTenantSnapshot, rawCollection, runCommand, type TenantPolicyReadModel } from '@vinculo/common';
import { testStack } from '@vinculo/common/testing';
import { postSaleRequestModel, type PostSaleRequestDoc, type PostSaleRequestModel } from '../src/store/request.model';
import { kpiMonthId, kpiMonthModel } from '../src/store/kpi-month.model';
import { moveRequest } from '../src/application/lifecycle';
import {
  buildKpiMonth,
  currentKpiMonth,
  foldKpiDeltas,
  foldRequestKpi,
  kpiChangeOf,
  kpiDeltasOfNew,
  pendingKpiDeltas,
  rebuildKpiMonth,
  recomputeKpiMonth,
} from '../src/application/kpi-months';
import { monthIndicators } from '../src/application/indicators';
import { postSaleKpi, postSaleKpiBy } from '../src/domain/indicators';
import type { PostSaleDeps } from '../src/application/deps';

const HOUR = 3_600_000;

describe('R-PS-KPI maintained month counts (real Mongo-wire)', () => {
  let conn: Connection;
  let requests: PostSaleRequestModel;
  beforeAll(async () => {
    conn = await connectMongo(testStack().mongoUri, `postsale_kpi_${randomUUID().slice(0, 8)}`);
    requests = postSaleRequestModel(conn);
    await Promise.all([requests.init(), kpiMonthModel(conn).init()]);
  });
  afterAll(async () => {
    await conn.dropDatabase();
    await conn.close();
  });

  const policy = (timelinessHours: number): TenantPolicyReadModel => {
    const snapshot = defaultTenantSnapshot();
    return {
      policyFor: async () => ({ ...snapshot, policy: { ...snapshot.policy, kpi: { ...snapshot.policy.kpi, postSaleTimelinessHours: timelinessHours } } }),
    } as never;
  };
  const deps = (hours = 24) => ({ requests, tenantPolicy: policy(hours), published: () => {} }) as unknown as PostSaleDeps;

  /** A request as receive() stores it (with `legacy`, as stored before the counts: no delta). */
  async function receive(tenantId: string, n: number, month: string, o: { team: string; type: string; ready: boolean; legacy?: boolean }) {
    const receivedAt = new Date(`${month}-10T15:00:00Z`);
    const doc = {
      _id: `psr-${tenantId}-${n}`,
      tenantId,
      type: o.type,
      customerId: `cus-${n}`,
      installedProductId: null,
      channel: 'IN_PERSON',
      status: o.ready ? 'RECEIVED' : 'WAITING_CUSTOMER',
      resolution: null,
      requirements: [],
      team: o.team,
      assigneeId: 'clerk-1',
      qcExecutiveId: null,
      receivedAt,
      receivedOn: `${month}-10`,
      month,
      readyAt: o.ready ? receivedAt : null,
      enteredAt: null,
      attendedAt: null,
      closedAt: null,
      currency: 'BOB',
      feeMinor: 0,
      charges: [],
      workOrderId: null,
      workOrderOutcome: null,
      qcDueAt: null,
      qcOutcome: null,
      details: {},
      history: [],
      version: 0,
      outbox: [],
    } as unknown as PostSaleRequestDoc;
    const created = (await requests.create(o.legacy ? doc : { ...doc, ...kpiDeltasOfNew(doc) })).toObject();
    if (!o.legacy) await foldRequestKpi(requests, created);
    return created;
  }
  const load = async (id: string) => (await requests.findById(id).lean<PostSaleRequestDoc>())!;
  const clerk = (tenantId: string) => ({ tenantId, userId: 'clerk-1', roles: ['POSTSALE_CLERK'] as never[] });
  /** Attended `hours` after being ready (entered), then closed with `resolution`. */
  async function attendAndClose(tenantId: string, id: string, hours: number, resolution: 'DONE' | 'QC_FAILED' | 'CANCELLED') {
    const r = await load(id);
    const entered = await moveRequest(deps(), clerk(tenantId), r, 'QC_PENDING', {
      attendedAt: new Date(r.readyAt!.getTime() + hours * HOUR),
      enteredAt: new Date(),
    });
    return moveRequest(deps(), clerk(tenantId), entered, 'CLOSED', { closedAt: new Date() }, { resolution });
  }
  /** The indicators as computed before the counts: a read of every request of the month. */
  async function byScan(tenantId: string, month: string, hours: number) {
    const t = { efficacyAcceptedAbove: 98, timelinessAcceptedAbove: 95, timelinessHours: hours };
    const list = await requests.find({ tenantId, month }).lean<PostSaleRequestDoc[]>();
    return { overall: postSaleKpi(list, t), byTeam: postSaleKpiBy(list, (r) => r.team, t), byType: postSaleKpiBy(list, (r) => r.type, t) };
  }
  /** A writer that died after its versioned write, before adding its delta: the write as moveRequest makes it, no fold. */
  async function diedAfterWrite(r: PostSaleRequestDoc, set: Record<string, unknown>) {
    const { doc } = await runCommand({
      model: requests,
      what: 'PostSaleRequest',
      tenantId: r.tenantId,
      id: r._id,
      concurrency: { expectedVersion: r.version },
      decide: (current) => ({ update: { $set: set, ...kpiChangeOf(current, set) }, events: [] }),
    });
    return doc;
  }

  test('R-PS-KPI after receipts, completions, attention, closes, a repeated act, concurrent pairs and lost folds, each month equals a full recompute and the indicators equal the scan', async () => {
    const tenantId = `kpi-${randomUUID().slice(0, 8)}`;
    // Stored before the counts existed (a deployment): built from the requests on the first read.
    for (let i = 0; i < 6; i++) await receive(tenantId, i, '2026-03', { team: i % 2 ? 'A' : 'B.x', type: 'PLAN_CHANGE', ready: i % 3 !== 0, legacy: true });
    expect(await kpiMonthModel(conn).exists({ _id: kpiMonthId(tenantId, '2026-03') })).toBeNull();
    await attendAndClose(tenantId, `psr-${tenantId}-1`, 2, 'DONE'); // month not built yet: its deltas stay pending
    expect((await pendingKpiDeltas(requests, tenantId, '2026-03')).length).toBe(2);
    expect(await currentKpiMonth(requests, tenantId, '2026-03')).toEqual((await recomputeKpiMonth(requests, tenantId, '2026-03')).counts);
    expect(await pendingKpiDeltas(requests, tenantId, '2026-03')).toEqual([]);

    // New requests, kept up to date by every write.
    for (let i = 6; i < 16; i++)
      await receive(tenantId, i, '2026-03', { team: ['A', 'C', '$d'][i % 3]!, type: i % 2 ? 'PQR' : 'WITHDRAWAL', ready: i % 4 !== 0 });
    await receive(tenantId, 16, '2026-04', { team: 'A', type: 'PQR', ready: true });
    await attendAndClose(tenantId, `psr-${tenantId}-2`, 23.5, 'DONE');
    await attendAndClose(tenantId, `psr-${tenantId}-5`, 30, 'QC_FAILED');
    await attendAndClose(tenantId, `psr-${tenantId}-7`, 5, 'CANCELLED');
    await attendAndClose(tenantId, `psr-${tenantId}-16`, 1, 'DONE');
    // Requirements completed later: the clock starts.
    const waiting = await load(`psr-${tenantId}-8`);
    await moveRequest(deps(), clerk(tenantId), waiting, 'RECEIVED', { readyAt: new Date(waiting.receivedAt.getTime() + 50 * HOUR) });

    // The same act repeated on the version it saw: CONFLICT, nothing written, nothing counted twice.
    const seen = await load(`psr-${tenantId}-9`);
    await moveRequest(deps(), clerk(tenantId), seen, 'QC_PENDING', { attendedAt: new Date(seen.readyAt!.getTime() + 3 * HOUR) });
    await expect(moveRequest(deps(), clerk(tenantId), seen, 'QC_PENDING', { attendedAt: new Date(seen.readyAt!.getTime() + 3 * HOUR) })).rejects.toThrow(
      /reload and retry/,
    );
    // A write that changes nothing the KPI reads carries no delta.
    const noted = await moveRequest(deps(), clerk(tenantId), await load(`psr-${tenantId}-9`), 'QC_PENDING', {}, { note: 'called the customer' });
    expect(noted.kpiDeltas ?? []).toEqual([]);

    // A concurrent pair on one request (one wins) and on one month (both count).
    const ten = await load(`psr-${tenantId}-10`);
    const pair = await Promise.allSettled([
      moveRequest(deps(), clerk(tenantId), ten, 'QC_PENDING', { attendedAt: new Date(ten.readyAt!.getTime() + 4 * HOUR) }),
      moveRequest(deps(), clerk(tenantId), ten, 'CLOSED', { closedAt: new Date() }, { resolution: 'CANCELLED' }),
    ]);
    expect(pair.map((p) => p.status).sort()).toEqual(['fulfilled', 'rejected']);
    await Promise.all([attendAndClose(tenantId, `psr-${tenantId}-11`, 12, 'DONE'), attendAndClose(tenantId, `psr-${tenantId}-13`, 40, 'DONE')]);

    // A writer that died after its write: two processes add its delta at once; it counts once.
    const died = await diedAfterWrite(await load(`psr-${tenantId}-14`), {
      attendedAt: new Date((await load(`psr-${tenantId}-14`)).readyAt!.getTime() + 6 * HOUR),
      resolution: 'DONE',
    });
    const left = await pendingKpiDeltas(requests, tenantId, '2026-03');
    expect(left.map((d) => d.delta.key)).toEqual([`${died._id}@${died.version}~2026-03`]);
    await Promise.all([foldKpiDeltas(requests, tenantId, left), foldKpiDeltas(requests, tenantId, left)]);
    expect(await pendingKpiDeltas(requests, tenantId, '2026-03')).toEqual([]);
    // A writer that died after adding its delta, before taking it off: the next read adds it no second time.
    await rawCollection(requests).updateOne({ _id: died._id }, { $push: { kpiDeltas: left[0]!.delta }, $addToSet: { kpiPending: '2026-03' } } as never);
    expect((await pendingKpiDeltas(requests, tenantId, '2026-03')).length).toBe(1);

    for (const month of ['2026-03', '2026-04']) {
      const maintained = await currentKpiMonth(requests, tenantId, month);
      expect(maintained).toEqual((await recomputeKpiMonth(requests, tenantId, month)).counts);
      expect(maintained['all.k.ready']).toBeGreaterThan(0);
      // Any threshold the policy may hold, read at read time.
      for (const hours of [1, 6, 24, 36, 720]) {
        const view = await monthIndicators(deps(hours), tenantId, month);
        expect({ overall: view.overall, byTeam: view.byTeam, byType: view.byType }).toEqual(await byScan(tenantId, month, hours));
      }
    }
    expect(await pendingKpiDeltas(requests, tenantId, '2026-03')).toEqual([]);
    const march = await monthIndicators(deps(24), tenantId, '2026-03');
    expect(march.overall.timely).toBeGreaterThan(0);
    expect(march.byTeam.map((g) => g.key)).toEqual(['$d', 'A', 'B.x', 'C']);

    // Rebuilt from the requests (operations after a restore): the same counts.
    const before = await currentKpiMonth(requests, tenantId, '2026-03');
    await rebuildKpiMonth(requests, tenantId, '2026-03');
    expect(await currentKpiMonth(requests, tenantId, '2026-03')).toEqual(before);
  });

  test('R-PS-KPI a build racing writes and a second build, and many pending deltas added by two processes at once, count each change once', async () => {
    const tenantId = `kpi-${randomUUID().slice(0, 8)}`;
    for (let i = 0; i < 30; i++) await receive(tenantId, i, '2026-05', { team: `T${i % 4}`, type: 'PQR', ready: true, legacy: i < 10 });
    // 20 writers that died after their writes (more than the engine checks by `$nin`), the month not built yet.
    for (let i = 0; i < 20; i++) {
      const r = await load(`psr-${tenantId}-${i}`);
      await diedAfterWrite(r, { attendedAt: new Date(r.readyAt!.getTime() + i * 3 * HOUR), resolution: i % 3 ? 'DONE' : 'QC_FAILED' });
    }
    // Two builds and ten more writes at once.
    await Promise.all([
      buildKpiMonth(requests, tenantId, '2026-05'),
      buildKpiMonth(requests, tenantId, '2026-05'),
      ...Array.from({ length: 10 }, (_, j) => attendAndClose(tenantId, `psr-${tenantId}-${20 + j}`, j * 5, 'DONE')),
    ]);
    await foldKpiDeltas(requests, tenantId, await pendingKpiDeltas(requests, tenantId, '2026-05'));
    expect(await currentKpiMonth(requests, tenantId, '2026-05')).toEqual((await recomputeKpiMonth(requests, tenantId, '2026-05')).counts);
    // The month built: 20 more writers that died after their writes; two processes add their deltas at once.
    for (let i = 0; i < 20; i++) {
      const r = await load(`psr-${tenantId}-${i}`);
      await diedAfterWrite(r, { attendedAt: new Date(r.readyAt!.getTime() + (i * 3 + 1.5) * HOUR), resolution: 'RETAINED' });
    }
    const pending = await pendingKpiDeltas(requests, tenantId, '2026-05');
    expect(pending).toHaveLength(20);
    await Promise.all([foldKpiDeltas(requests, tenantId, pending), foldKpiDeltas(requests, tenantId, pending)]);
    expect(await pendingKpiDeltas(requests, tenantId, '2026-05')).toEqual([]);
    const { counts } = await recomputeKpiMonth(requests, tenantId, '2026-05');
    expect(await currentKpiMonth(requests, tenantId, '2026-05')).toEqual(counts);
    expect(counts['all.k.n']).toBe(30);
    expect(await pendingKpiDeltas(requests, tenantId, '2026-05')).toEqual([]);
    const view = await monthIndicators(deps(24), tenantId, '2026-05');
    expect({ overall: view.overall, byTeam: view.byTeam, byType: view.byType }).toEqual(await byScan(tenantId, '2026-05', 24));
  });
});
