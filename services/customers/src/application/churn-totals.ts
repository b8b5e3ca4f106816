import { randomUUID } from 'node:crypto';
import { findByIds, isDuplicateKey, rawCollection } from '@vinculo/common';
import { byDay, churnContribution, churnDelta, daysCovering, rowsFromDays, sumCounts, type ChurnCounts, type ChurningCustomer } from '../domain/churn-totals';
import type { Disaffiliation } from '../domain/churn';
import type { ChurnDeltaDoc, CustomerDoc, CustomerModel } from '../store/customer.model';
import { APPLIED_KEYS_KEPT, churnBuildModel, churnDayId, churnDayModel, type ChurnDayDoc } from '../store/churn-totals.model';

/*
 * The churn counts kept up to date (issue #18), collections' indicator-totals pattern. A customer write
 * that changes what the customer counts for (a move to CHURNED, a new segment of a churned customer)
 * carries the change as a delta in the same versioned write (`churnDeltas`, `churnPending`). The writer
 * then adds it to the day documents it touches — each only while the day does not remember its key —
 * and takes it off the customer. Should it die in between, the next write of that customer, a
 * redelivery of the status event, or the next read of the analysis adds what is still pending.
 *
 * The counts live under a generation: the first need in a tenant (a deployment with churn from before
 * them) builds one from the customers as they stand, remembering the deltas it saw pending, and stores
 * its generation only if no other build stored one first (the loser's days are dropped); a delta
 * written after the build read its customer is then added by its writer or the next fold.
 */
const stores = (customers: CustomerModel) => ({ days: churnDayModel(customers.db), builds: churnBuildModel(customers.db) });

const toCounts = (d: ChurnDeltaDoc): ChurnCounts => Object.fromEntries(d.inc.map((e) => [e.p, e.n]));

/** The delta of a write from the customer before and after it (null when it changes no count). */
export function churnDeltaOf(customerId: string, before: ChurningCustomer, after: ChurningCustomer): ChurnDeltaDoc | null {
  const inc = Object.entries(churnDelta(before, after)).map(([p, n]) => ({ p, n }));
  return inc.length ? { key: `${customerId}@${randomUUID()}`, inc } : null;
}

/** The update parts that write a delta with the change (merged into the command's `$push` / `$set`). */
export const withChurnDelta = (delta: ChurnDeltaDoc | null) =>
  delta ? { push: { churnDeltas: delta }, set: { churnPending: true as const } } : { push: {}, set: {} };

/** The tenant's generation, built from its customers the first time. */
async function generationOf(customers: CustomerModel, tenantId: string): Promise<string> {
  const { builds } = stores(customers);
  const found = await builds.findById(tenantId, { gen: 1 }).lean();
  if (found) return found.gen;
  await buildChurnCounts(customers, tenantId);
  const built = await builds.findById(tenantId, { gen: 1 }).lean();
  if (!built) throw new Error(`churn counts of ${tenantId} not built`);
  return built.gen;
}

/** Add one delta to the days of a generation, each day once (its `applied` keys). */
async function addDelta(customers: CustomerModel, tenantId: string, gen: string, delta: ChurnDeltaDoc): Promise<void> {
  const days = rawCollection(stores(customers).days);
  for (const [day, paths] of byDay(toCounts(delta))) {
    const _id = churnDayId(tenantId, gen, day);
    for (let attempt = 1; ; attempt++) {
      try {
        await days.updateOne(
          { _id, applied: { $ne: delta.key } },
          { $inc: paths, $push: { applied: { $each: [delta.key], $slice: -APPLIED_KEYS_KEPT } }, $setOnInsert: { tenantId, gen, day } },
          { upsert: true },
        );
        break;
      } catch (err) {
        // The day exists and remembers the key (added before), or a concurrent first add inserted it: look.
        if (!isDuplicateKey(err) || attempt >= 3) throw err;
        if (await days.countDocuments({ _id, applied: delta.key }, { limit: 1 })) break;
      }
    }
  }
}

async function takeOff(customers: CustomerModel, pending: readonly { customerId: string; key: string }[]): Promise<void> {
  const raw = rawCollection(customers);
  const byCustomer = new Map<string, string[]>();
  for (const d of pending) byCustomer.set(d.customerId, [...(byCustomer.get(d.customerId) ?? []), d.key]);
  // Not a state change of the customer: no version, no updatedAt. `churnPending` goes with the last delta.
  for (const [customerId, keys] of byCustomer) {
    await raw.updateOne({ _id: customerId }, { $pull: { churnDeltas: { key: { $in: keys } } } });
    await raw.updateOne({ _id: customerId, churnDeltas: { $size: 0 } }, { $unset: { churnDeltas: 1, churnPending: 1 } });
  }
}

/** Add the deltas still on these customers (after their write, or a redelivery of it). */
export async function foldChurnOf(customers: CustomerModel, tenantId: string, customerIds: readonly string[]): Promise<void> {
  const rows = await findByIds(customers, tenantId, customerIds, { churnDeltas: 1 });
  await foldPending(
    customers,
    tenantId,
    rows.flatMap((c) => (c.churnDeltas ?? []).map((delta) => ({ customerId: c._id, delta }))),
  );
}

async function foldPending(customers: CustomerModel, tenantId: string, pending: readonly { customerId: string; delta: ChurnDeltaDoc }[]): Promise<void> {
  if (!pending.length) return;
  const gen = await generationOf(customers, tenantId);
  for (const p of pending) await addDelta(customers, tenantId, gen, p.delta);
  await takeOff(
    customers,
    pending.map((p) => ({ customerId: p.customerId, key: p.delta.key })),
  );
}

/**
 * Build the tenant's counts from its customers as they stand (first need, or `rebuildChurnCounts`).
 * Two builders at once: the first to store its generation wins, the other's days are dropped.
 */
export async function buildChurnCounts(customers: CustomerModel, tenantId: string): Promise<void> {
  const { days, builds } = stores(customers);
  const { counts, seen } = await recomputeChurnCounts(customers, tenantId);
  const gen = randomUUID();
  const docs = new Map<string, ChurnDayDoc>();
  const dayDoc = (day: string) => {
    const d = docs.get(day) ?? { _id: churnDayId(tenantId, gen, day), tenantId, gen, day, c: {}, applied: [] };
    docs.set(day, d);
    return d;
  };
  for (const [day, paths] of byDay(counts)) {
    const d = dayDoc(day);
    for (const [path, n] of Object.entries(paths)) {
      const [, quarter, key] = path.split('.') as [string, string, string];
      (d.c[quarter] ??= {})[key] = n;
    }
  }
  for (const s of seen) for (const day of byDay(toCounts(s.delta)).keys()) dayDoc(day).applied.push(s.delta.key);
  if (docs.size) await rawCollection(days).insertMany([...docs.values()], { ordered: false });
  try {
    await rawCollection(builds).insertOne({ _id: tenantId, tenantId, gen, builtAt: new Date() });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    if (docs.size) await days.deleteMany({ _id: { $in: [...docs.keys()].map((day) => churnDayId(tenantId, gen, day)) } });
    return;
  }
  await takeOff(
    customers,
    seen.map((s) => ({ customerId: s.customerId, key: s.delta.key })),
  );
}

/**
 * The counts recomputed from the customers with churn in their history, as they stand: the
 * reconciliation of the maintained counts, and how they are built. Also returns the deltas seen
 * pending on the customers read (their effect is in the customers as read).
 */
export async function recomputeChurnCounts(
  customers: CustomerModel,
  tenantId: string,
): Promise<{ counts: ChurnCounts; seen: { customerId: string; delta: ChurnDeltaDoc }[] }> {
  const parts: ChurnCounts[] = [];
  const seen: { customerId: string; delta: ChurnDeltaDoc }[] = [];
  const cursor = customers
    .find({ tenantId, 'history.to': 'CHURNED' }, { segment: 1, history: 1, churnDeltas: 1 })
    .lean<Pick<CustomerDoc, '_id' | 'segment' | 'history' | 'churnDeltas'>>()
    .cursor({ batchSize: 1000 });
  try {
    for (let c = await cursor.next(); c; c = await cursor.next()) {
      parts.push(churnContribution(c));
      for (const delta of c.churnDeltas ?? []) seen.push({ customerId: c._id, delta });
    }
  } finally {
    await cursor.close();
  }
  return { counts: sumCounts(parts), seen };
}

/** The counts as stored in the tenant's current generation (null before the first build). */
export async function storedChurnCounts(customers: CustomerModel, tenantId: string): Promise<ChurnCounts | null> {
  const { days, builds } = stores(customers);
  const build = await builds.findById(tenantId, { gen: 1 }).lean();
  if (!build) return null;
  const parts: ChurnCounts[] = [];
  for (const d of await days.find({ tenantId, gen: build.gen }).lean()) {
    for (const [quarter, keys] of Object.entries(d.c ?? {}))
      for (const [key, n] of Object.entries(keys ?? {})) parts.push({ [`${d.day}|c.${quarter}.${key}`]: n });
  }
  return sumCounts(parts);
}

/** Drop the tenant's generation and build a new one (operations: after a restore, or a reconciliation difference). */
export async function rebuildChurnCounts(customers: CustomerModel, tenantId: string): Promise<void> {
  const { days, builds } = stores(customers);
  const old = await builds.findById(tenantId, { gen: 1 }).lean();
  await builds.deleteOne({ _id: tenantId });
  await buildChurnCounts(customers, tenantId);
  if (old) await days.deleteMany({ tenantId, gen: old.gen });
}

/**
 * The disaffiliations of [start, end) from the counts: deltas still pending added first, the days read
 * by `_id` (at most the period's days, whatever the tenant's size), built the first time.
 */
export async function churnRows(customers: CustomerModel, tenantId: string, start: Date, end: Date): Promise<Disaffiliation[]> {
  const gen = await generationOf(customers, tenantId);
  const pending = await customers.find({ tenantId, churnPending: true }, { churnDeltas: 1 }).lean<Pick<CustomerDoc, '_id' | 'churnDeltas'>[]>();
  await foldPending(
    customers,
    tenantId,
    pending.flatMap((c) => (c.churnDeltas ?? []).map((delta) => ({ customerId: c._id, delta }))),
  );
  const ids = daysCovering(start, end).map((day) => churnDayId(tenantId, gen, day));
  const days = await findByIds(stores(customers).days, tenantId, ids, { day: 1, c: 1 });
  return rowsFromDays(days, start, end);
}
