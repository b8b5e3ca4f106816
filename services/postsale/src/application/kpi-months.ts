import { randomUUID } from 'node:crypto';
import { addOnce, flattenCounters, isDuplicateKey, nestCounters, rawCollection } from '@vinculo/common';
import type { UpdateQuery } from 'mongoose';
import type { KpiDelta, PostSaleRequestDoc, PostSaleRequestModel } from '../store/request.model';
import { KPI_KEYS_KEPT, kpiMonthId, kpiMonthModel, type KpiMonthModel } from '../store/kpi-month.model';
import { contributionOf, deltasOf, sumCounts, type Counts, type KpiFacts } from '../domain/kpi-months';

/**
 * The R-PS-KPI counts per (tenant, month) kept up to date (issue #18), as collections keeps its
 * indicator totals. Every request write carries, in the same versioned write, the change it makes to
 * its month's counts (`kpiDeltas`, key request @ new version: a version is written once, so a delta
 * exists once per change; a redelivered event or a repeated act that changes nothing writes none).
 * The writer then adds it to the month and takes it off the request; should it die in between, the next
 * read of that month adds what is still pending. The month remembers the keys it added, so a delta counts
 * once whoever adds it, and however often.
 *
 * Existing deployments: a month without its document is built from its requests on its first read
 * (`buildKpiMonth`): the build counts each request as it stands and marks the deltas it saw pending as
 * added; a write during the build leaves its delta pending and it is added after. Two builders: the first
 * stored wins. `rebuildKpiMonth` drops and builds again (operations, after a restore).
 */

export interface PendingKpiDelta {
  requestId: string;
  delta: KpiDelta;
}

const monthsOf = (requests: PostSaleRequestModel): KpiMonthModel => kpiMonthModel(requests.db);

const factsOf = (r: Pick<PostSaleRequestDoc, 'month' | 'type' | 'team' | 'readyAt' | 'attendedAt' | 'resolution'>): KpiFacts => ({
  month: r.month,
  type: r.type,
  team: r.team,
  readyAt: r.readyAt ?? null,
  attendedAt: r.attendedAt ?? null,
  resolution: r.resolution ?? null,
});

/** The KPI facts `$set` (top-level fields only: the ones the KPI reads are never set by dotted path) on `r`. */
const KPI_FIELDS = ['month', 'type', 'team', 'readyAt', 'attendedAt', 'resolution'] as const;
function afterSet(r: PostSaleRequestDoc, set: Record<string, unknown>): PostSaleRequestDoc {
  const next = { ...r };
  for (const f of KPI_FIELDS) if (f in set) (next as Record<string, unknown>)[f] = set[f];
  return next;
}

const toDelta = (key: string, month: string, c: Counts): KpiDelta => ({ key, month, inc: Object.entries(c).map(([p, n]) => ({ p, n })) });

/** The deltas of a new request (its first write, version 0). */
export function kpiDeltasOfNew(r: PostSaleRequestDoc): Pick<PostSaleRequestDoc, 'kpiDeltas' | 'kpiPending'> {
  const deltas = Object.entries(deltasOf(null, factsOf(r))).map(([month, c]) => toDelta(`${r._id}@${r.version ?? 0}~${month}`, month, c));
  return deltas.length ? { kpiDeltas: deltas, kpiPending: [...new Set(deltas.map((d) => d.month))] } : {};
}

/**
 * What a versioned write of `$set` on `current` adds to its update so the KPI change rides with it:
 * nothing when the KPI facts do not change.
 */
export function kpiChangeOf(current: PostSaleRequestDoc, set: Record<string, unknown>): Pick<UpdateQuery<PostSaleRequestDoc>, '$push' | '$addToSet'> {
  const deltas = Object.entries(deltasOf(factsOf(current), factsOf(afterSet(current, set)))).map(([month, c]) =>
    toDelta(`${current._id}@${current.version + 1}~${month}`, month, c),
  );
  if (!deltas.length) return {};
  return { $push: { kpiDeltas: { $each: deltas } }, $addToSet: { kpiPending: { $each: [...new Set(deltas.map((d) => d.month))] } } };
}

/** After a write: add the request's pending deltas to their months (left pending on any failure: the next read adds them). */
export async function foldRequestKpi(requests: PostSaleRequestModel, r: Pick<PostSaleRequestDoc, '_id' | 'tenantId' | 'kpiDeltas'>): Promise<void> {
  const pending = (r.kpiDeltas ?? []).map((delta) => ({ requestId: r._id, delta }));
  await foldKpiDeltas(requests, r.tenantId, pending).catch(() => undefined);
}

/** Add deltas to their months, each once, then take them off their requests (a month not built yet keeps them pending). */
export async function foldKpiDeltas(requests: PostSaleRequestModel, tenantId: string, pending: readonly PendingKpiDelta[]): Promise<void> {
  const byMonth = new Map<string, PendingKpiDelta[]>();
  for (const d of pending) byMonth.set(d.delta.month, [...(byMonth.get(d.delta.month) ?? []), d]);
  for (const [month, list] of byMonth) {
    const left = new Set(await addToMonth(requests, tenantId, month, list));
    const added = list.filter((d) => !left.has(d));
    if (added.length) await takeOff(requests, month, added);
  }
}

/** Add a month's deltas to its counts, each once; returns those not added (no month document yet, or it kept moving). */
function addToMonth(requests: PostSaleRequestModel, tenantId: string, month: string, pending: readonly PendingKpiDelta[]): Promise<PendingKpiDelta[]> {
  return addOnce(monthsOf(requests), kpiMonthId(tenantId, month), pending, {
    key: (d) => d.delta.key,
    inc: (d) => Object.fromEntries(d.delta.inc.map((e) => [`c.${e.p}`, e.n])),
    keysKept: KPI_KEYS_KEPT,
  });
}

/** Take added deltas off their requests; a request with none left for the month leaves the month's pending list. */
async function takeOff(requests: PostSaleRequestModel, month: string, added: readonly PendingKpiDelta[]): Promise<void> {
  const byRequest = new Map<string, string[]>();
  for (const d of added) byRequest.set(d.requestId, [...(byRequest.get(d.requestId) ?? []), d.delta.key]);
  const raw = rawCollection(requests);
  // Not a state change of the request: no version, no updatedAt (the driver's bulk write, unfiltered by version).
  await raw.bulkWrite(
    [...byRequest].map(([_id, keys]) => ({ updateOne: { filter: { _id }, update: { $pull: { kpiDeltas: { key: { $in: keys } } } } } })),
    { ordered: false },
  );
  // Filtered in the same write: a delta of the month pushed meanwhile keeps the request in the list.
  await raw.bulkWrite(
    [...byRequest.keys()].map((_id) => ({
      updateOne: { filter: { _id, 'kpiDeltas.month': { $ne: month } }, update: { $pull: { kpiPending: month } } },
    })),
    { ordered: false },
  );
}

/** The deltas still pending on a month's requests (a writer died, or the month was not built yet). */
export async function pendingKpiDeltas(requests: PostSaleRequestModel, tenantId: string, month: string): Promise<PendingKpiDelta[]> {
  const rows = await requests.find({ tenantId, kpiPending: month }, { kpiDeltas: 1 }).lean<Pick<PostSaleRequestDoc, '_id' | 'kpiDeltas'>[]>();
  return rows.flatMap((r) => (r.kpiDeltas ?? []).filter((d) => d.month === month).map((delta) => ({ requestId: r._id, delta })));
}

/**
 * The month's counts recomputed from its requests as they stand: the reconciliation of the maintained
 * counts, and how they are built the first time. Also returns the month's deltas seen pending on the
 * requests read (their effect is in the requests as read).
 */
export async function recomputeKpiMonth(requests: PostSaleRequestModel, tenantId: string, month: string): Promise<{ counts: Counts; seen: PendingKpiDelta[] }> {
  const parts: Counts[] = [];
  const seen: PendingKpiDelta[] = [];
  const cursor = requests
    .find({ tenantId, month }, { month: 1, type: 1, team: 1, readyAt: 1, attendedAt: 1, resolution: 1, kpiDeltas: 1 })
    .lean<PostSaleRequestDoc>()
    .cursor({ batchSize: 1000 });
  try {
    for (let r = (await cursor.next()) as PostSaleRequestDoc | null; r; r = (await cursor.next()) as PostSaleRequestDoc | null) {
      parts.push(contributionOf(factsOf(r))[month] ?? {});
      for (const delta of r.kpiDeltas ?? []) if (delta.month === month) seen.push({ requestId: r._id, delta });
    }
  } finally {
    await cursor.close();
  }
  return { counts: sumCounts(parts), seen };
}

/** Build a month's counts from its requests (first read after a deployment, a new month, or after `rebuildKpiMonth`). */
export async function buildKpiMonth(requests: PostSaleRequestModel, tenantId: string, month: string): Promise<void> {
  const { counts, seen } = await recomputeKpiMonth(requests, tenantId, month);
  try {
    await rawCollection(monthsOf(requests)).insertOne({
      _id: kpiMonthId(tenantId, month),
      tenantId,
      month,
      c: nestCounters(counts),
      applied: seen.map((d) => d.delta.key).slice(-KPI_KEYS_KEPT),
      rev: randomUUID(), // a fresh token: a fold that read a dropped document cannot write this one
      builtAt: new Date(),
    });
  } catch (err) {
    if (isDuplicateKey(err)) return;
    throw err;
  }
  if (seen.length) await takeOff(requests, month, seen);
}

/** Drop and build again (operations: after a restore, or when a reconciliation finds a difference). */
export async function rebuildKpiMonth(requests: PostSaleRequestModel, tenantId: string, month: string): Promise<void> {
  await monthsOf(requests).deleteOne({ _id: kpiMonthId(tenantId, month) });
  await buildKpiMonth(requests, tenantId, month);
}

/** A month's counts as of now: built from its requests the first time, pending deltas added first. */
export async function currentKpiMonth(requests: PostSaleRequestModel, tenantId: string, month: string): Promise<Counts> {
  const months = monthsOf(requests);
  const _id = kpiMonthId(tenantId, month);
  // Usually two reads: the month and its pending requests (none); read again only after a build or a fold.
  let doc = await months.findById(_id, { c: 1 }).lean();
  if (!doc) await buildKpiMonth(requests, tenantId, month);
  const pending = await pendingKpiDeltas(requests, tenantId, month);
  if (pending.length) await foldKpiDeltas(requests, tenantId, pending);
  if (!doc || pending.length) doc = await months.findById(_id, { c: 1 }).lean();
  // zeros are no counts (a group whose requests all moved away)
  return Object.fromEntries(Object.entries(flattenCounters(doc?.c ?? {})).filter(([, v]) => v !== 0));
}
