import { isDuplicateKey, rawCollection } from '@vinculo/common';
import { billingTotalsId, factKey, sumFacts, type BillingFigures } from '../domain/billing-totals';
import { COUNTING_KEYS_KEPT, type BillingTotalsModel } from '../store/billing-totals.model';
import type { InvoiceFact, InvoiceFactModel } from '../store/invoice-fact.model';

/*
 * The R-SAL-KPI billing totals kept up to date as invoice facts arrive (issue #18), the pattern of
 * collections' indicator totals. A fact is counted in three writes, each safe to repeat:
 *   1. the fact is stored with `pending: true` (a fact already stored without it is counted: done);
 *   2. its totals add it and remember its key, only while the key is not remembered;
 *   3. the fact loses `pending`.
 * A redelivered event, a second consumer of it or a process that died between any two writes ends in
 * the same totals: step 2 matches once while the key is remembered (the latest COUNTING_KEYS_KEPT of
 * the bucket: far more than the facts in flight at once). A read adds the facts still pending whose
 * keys the totals do not hold (a writer between its writes, or one that died and awaits redelivery), so
 * the answer equals the scan of the facts; reads never write, except the first build.
 *
 * Totals that do not exist yet (a deployment with facts from before them, or a new month) are built on
 * first need from the bucket's facts as they stand, the pending ones' keys remembered; the first of two
 * builders to store wins, and a fact stored after a build read the facts is then added by step 2.
 */
export interface BillingTotalsStores {
  facts: InvoiceFactModel;
  totals: BillingTotalsModel;
}

type Bucket = Pick<InvoiceFact, 'tenantId' | 'period' | 'segment'>;
const idOf = (b: Bucket) => billingTotalsId(b.tenantId, b.period, b.segment);

/** Store a billing fact (the event's data) and count it in its totals once. */
export async function recordBillingFact(stores: BillingTotalsStores, fact: Omit<InvoiceFact, 'pending'>): Promise<void> {
  const stored = await storeFact(stores.facts, fact);
  if (stored.pending) await countFact(stores, stored);
}

async function storeFact(facts: InvoiceFactModel, fact: Omit<InvoiceFact, 'pending'>): Promise<InvoiceFact> {
  for (let attempt = 1; ; attempt++) {
    try {
      const doc = await facts
        .findOneAndUpdate({ _id: fact._id }, { $setOnInsert: { ...fact, pending: true } }, { upsert: true, new: true })
        .lean<InvoiceFact>();
      if (doc) return doc;
    } catch (err) {
      // Two consumers of the same event inserted at once: the other stored it, read it again.
      if (!isDuplicateKey(err) || attempt >= 3) throw err;
    }
  }
}

/** Steps 2 and 3 for a fact stored pending (the bucket built first when it does not exist). */
async function countFact(stores: BillingTotalsStores, fact: InvoiceFact): Promise<void> {
  const key = factKey(fact._id);
  let counted = false;
  for (let attempt = 1; attempt <= 5 && !counted; attempt++) {
    const r = await rawCollection(stores.totals).updateOne(
      { _id: idOf(fact), counting: { $ne: key } },
      { $inc: { invoices: 1, totalMinor: fact.totalAmount }, $push: { counting: { $each: [key], $slice: -COUNTING_KEYS_KEPT } } },
    );
    // added now; or the key is remembered: added before, or by a build that read this fact pending
    counted = r.matchedCount === 1 || (await stores.totals.exists({ _id: idOf(fact), counting: key })) !== null;
    // No totals yet: build them (they count this fact). Totals built by another from facts read before this one was
    // stored hold neither its amount nor its key: the next attempt adds it.
    if (!counted && !(await stores.totals.exists({ _id: idOf(fact) }))) await buildBillingTotals(stores, fact);
  }
  // Not counted after the attempts: the fact stays pending, reads add it and a redelivery tries again.
  if (counted) await stores.facts.updateOne({ _id: fact._id, pending: true }, { $unset: { pending: 1 } });
}

/**
 * Build a bucket's totals from its facts as they stand (first need after a deployment, a new month, or
 * `rebuildBillingTotals`); nothing is stored for a bucket without facts. Facts seen pending are counted
 * by the build: their keys are stored with it, then they are marked. Two builders at once: the first
 * stored wins, the other's work is dropped.
 */
export async function buildBillingTotals(stores: BillingTotalsStores, bucket: Bucket): Promise<void> {
  const facts = await stores.facts
    .find({ tenantId: bucket.tenantId, period: bucket.period, segment: bucket.segment }, { totalAmount: 1, pending: 1 })
    .lean<Pick<InvoiceFact, '_id' | 'totalAmount' | 'pending'>[]>();
  if (!facts.length) return;
  const pending = facts.filter((f) => f.pending);
  try {
    await rawCollection(stores.totals).insertOne({
      _id: idOf(bucket),
      tenantId: bucket.tenantId,
      period: bucket.period,
      segment: bucket.segment,
      ...sumFacts(facts),
      counting: pending.map((f) => factKey(f._id)).slice(-COUNTING_KEYS_KEPT),
      builtAt: new Date(),
    });
  } catch (err) {
    if (isDuplicateKey(err)) return;
    throw err;
  }
  for (const f of pending) await stores.facts.updateOne({ _id: f._id, pending: true }, { $unset: { pending: 1 } });
}

/** Drop a bucket's totals and build them again (operations: after a restore, or a reconciliation difference). */
export async function rebuildBillingTotals(stores: BillingTotalsStores, bucket: Bucket): Promise<void> {
  await stores.totals.deleteOne({ _id: idOf(bucket) });
  await buildBillingTotals(stores, bucket);
}

/**
 * A tenant's billing of a period and segment: its totals by `_id` (built from the facts on first need),
 * plus the facts still pending that they do not hold yet. The totals are read before the pending facts
 * and their keys: a fact counted in between is then neither pending nor in the totals read (a
 * concurrent write the answer may miss), never both. The remembered keys are read only for pending facts.
 */
export async function billingFigures(stores: BillingTotalsStores, bucket: Bucket): Promise<BillingFigures> {
  const id = idOf(bucket);
  let doc = await stores.totals.findById(id, { invoices: 1, totalMinor: 1 }).lean();
  if (!doc) {
    await buildBillingTotals(stores, bucket);
    doc = await stores.totals.findById(id, { invoices: 1, totalMinor: 1 }).lean();
  }
  const figures = { invoices: doc?.invoices ?? 0, totalMinor: doc?.totalMinor ?? 0 };
  if (!doc) return figures;
  const pending = await stores.facts
    .find({ tenantId: bucket.tenantId, pending: true, period: bucket.period, segment: bucket.segment }, { totalAmount: 1 })
    .lean<Pick<InvoiceFact, '_id' | 'totalAmount'>[]>();
  for (const f of pending) {
    if (await stores.totals.exists({ _id: id, counting: factKey(f._id) })) continue;
    figures.invoices += 1;
    figures.totalMinor += f.totalAmount;
  }
  return figures;
}

/** The figures a full scan of the facts answers (the reconciliation the tests compare with). */
export async function recomputeBillingFigures(stores: BillingTotalsStores, bucket: Bucket): Promise<BillingFigures> {
  return sumFacts(
    await stores.facts
      .find({ tenantId: bucket.tenantId, period: bucket.period, segment: bucket.segment }, { totalAmount: 1 })
      .lean<Pick<InvoiceFact, 'totalAmount'>[]>(),
  );
}
