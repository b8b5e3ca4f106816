import { randomUUID } from 'node:crypto';
import { addOnce, findByIds, flattenCounters, isDuplicateKey, nestCounters, rawCollection } from '@vinculo/common';
import type { BillingAccountDoc, BillingAccountModel, IndicatorDelta } from '../store/billing-account.model';
import { invoiceModel, type InvoiceModel } from '../store/invoice.model';
import { APPLIED_KEYS_KEPT, indicatorTotalsModel, type IndicatorTotalsModel } from '../store/indicator-totals.model';
import { billingOf, contributionOf, sumTotals, type Totals } from '../domain/indicator-totals';
import { invoiceKindOf } from '../domain/receivable-invoice';

/**
 * The indicator totals kept up to date (issue #18). Every ledger write pushes, in the same versioned
 * write, the delta it makes to its tenant's totals onto the account (`indicatorDeltas`, key account @
 * version). The writer then adds it to the totals and removes it from the account; should it die in
 * between, the next read of the indicators (or any later fold) adds what is still pending. The totals
 * remember the keys they added, so a delta counts once whoever adds it.
 */
export interface TotalsStores {
  accounts: BillingAccountModel;
  invoices: InvoiceModel;
}

const totalsOf = (accounts: BillingAccountModel): IndicatorTotalsModel => indicatorTotalsModel(accounts.db);

export interface PendingDelta {
  accountId: string;
  delta: IndicatorDelta;
}

const toTotals = (d: IndicatorDelta): Totals => Object.fromEntries(d.inc.map((e) => [e.p, e.n]));
export const toDelta = (key: string, t: Totals): IndicatorDelta => ({ key, inc: Object.entries(t).map(([p, n]) => ({ p, n })) });

/**
 * Add deltas to the tenant's totals, each once, then take them off their accounts. A tenant without
 * totals yet (the first write after a deployment) has them built first: the build counts each account
 * as it stands and takes off the deltas it saw, so none piles up on the accounts.
 */
export async function foldIndicatorDeltas(accounts: BillingAccountModel, tenantId: string, pending: readonly PendingDelta[]): Promise<void> {
  if (!pending.length) return;
  const left = new Set(await addToTotals(accounts, tenantId, pending));
  // Off the accounts: what is in the totals now (anything left stays for the next fold).
  const added = pending.filter((d) => !left.has(d));
  if (added.length) await pullDeltas(accounts, added);
}

/**
 * Add deltas to the tenant's totals, each once (the totals remember the keys); returns those it could
 * not add (the totals kept moving under it). Deltas that are not on the accounts (`onAccounts: false`:
 * the billing run's bulk path, journaled in its run record instead) are added with this alone; should
 * the totals not exist, the build counts the accounts as they stand — their writes included — and
 * there is nothing left to add (a build cannot tell them from the rest: they are not on the accounts).
 */
export async function addToTotals(
  accounts: BillingAccountModel,
  tenantId: string,
  pending: readonly PendingDelta[],
  { onAccounts = true }: { onAccounts?: boolean } = {},
): Promise<PendingDelta[]> {
  return addOnce(totalsOf(accounts), tenantId, pending, {
    key: (d) => d.delta.key,
    inc: (d) => toTotals(d.delta),
    keysKept: APPLIED_KEYS_KEPT,
    // A build counts the accounts as they stand and takes off the deltas it saw; the rest are added after.
    onMissing: onAccounts ? () => build(accounts, tenantId).then(() => true) : undefined,
  });
}

const build = (accounts: BillingAccountModel, tenantId: string) =>
  buildIndicatorTotals({ accounts, invoices: (accounts.db.models.Invoice as InvoiceModel | undefined) ?? invoiceModel(accounts.db) }, tenantId);

async function pullDeltas(accounts: BillingAccountModel, pending: readonly PendingDelta[]): Promise<void> {
  const byAccount = new Map<string, string[]>();
  for (const d of pending) byAccount.set(d.accountId, [...(byAccount.get(d.accountId) ?? []), d.delta.key]);
  // Not a state change of the account: no version, no updatedAt (the driver's bulk write, unfiltered by version).
  const ops = [...byAccount].map(([accountId, keys]) => ({
    updateOne: { filter: { _id: accountId }, update: { $pull: { indicatorDeltas: { key: { $in: keys } } } } },
  }));
  await rawCollection(accounts).bulkWrite(ops, { ordered: false });
}

/** Deltas a writer left on the tenant's accounts (it died, or the totals did not exist yet). */
export async function pendingDeltas(accounts: BillingAccountModel, tenantId: string): Promise<PendingDelta[]> {
  const rows = await accounts
    .find({ tenantId, 'indicatorDeltas.key': { $exists: true } }, { indicatorDeltas: 1 })
    .lean<Pick<BillingAccountDoc, '_id' | 'indicatorDeltas'>[]>();
  return rows.flatMap((a) => (a.indicatorDeltas ?? []).map((delta) => ({ accountId: a._id, delta })));
}

const PAGE = 1000;

/**
 * The totals recomputed from the accounts as they stand (and the invoices on their ledgers, for billing):
 * the reconciliation of the maintained totals, and how they are built the first time. Also returns the
 * deltas seen pending on the accounts read (their effect is in the accounts as read).
 */
export async function recomputeIndicatorTotals(stores: TotalsStores, tenantId: string): Promise<{ totals: Totals; seen: PendingDelta[] }> {
  const parts: Totals[] = [];
  const seen: PendingDelta[] = [];
  // One read of the tenant's accounts in id order (a cursor, not pages: the local engine scans per query).
  const cursor = stores.accounts
    .find({ tenantId }, { currency: 1, invoices: 1, standing: 1, overdueMinor: 1, indicatorDeltas: 1 })
    .sort({ _id: 1 })
    .lean()
    .cursor({ batchSize: PAGE });
  let page: BillingAccountDoc[] = [];
  const take = async () => {
    for (const a of page) {
      parts.push(contributionOf(a));
      for (const delta of a.indicatorDeltas ?? []) seen.push({ accountId: a._id, delta });
    }
    const posted = page.flatMap((a) => (a.invoices ?? []).map((i) => i.invoiceId));
    for (let i = 0; i < posted.length; i += PAGE) {
      for (const inv of await findByIds(stores.invoices, tenantId, posted.slice(i, i + PAGE), {
        period: 1,
        segment: 1,
        currency: 1,
        totalMinor: 1,
        kind: 1,
        externalId: 1,
      })) {
        parts.push(billingOf({ ...inv, kind: invoiceKindOf(inv) }));
      }
    }
    page = [];
  };
  try {
    for (let a = (await cursor.next()) as BillingAccountDoc | null; a; a = (await cursor.next()) as BillingAccountDoc | null) {
      page.push(a);
      if (page.length === PAGE) await take();
    }
    await take();
  } finally {
    await cursor.close();
  }
  return { totals: sumTotals(parts), seen };
}

/**
 * Build the tenant's totals from its accounts (a fresh deployment, a new tenant, or after `rebuild`
 * dropped them). Two builders at once: the first stored wins, the other's work is dropped.
 */
export async function buildIndicatorTotals(stores: TotalsStores, tenantId: string): Promise<void> {
  const { totals, seen } = await recomputeIndicatorTotals(stores, tenantId);
  try {
    await rawCollection(totalsOf(stores.accounts)).insertOne({
      _id: tenantId,
      tenantId,
      ...nestCounters(totals),
      applied: seen.map((d) => d.delta.key).slice(-APPLIED_KEYS_KEPT),
      rev: randomUUID(), // a fresh token: a fold that read the dropped document cannot write this one
      builtAt: new Date(),
    });
  } catch (err) {
    if (isDuplicateKey(err)) return;
    throw err;
  }
  if (seen.length) await pullDeltas(stores.accounts, seen);
}

/** The tenant's totals built if they do not exist yet (before writes whose deltas are added without riding on the accounts). */
export async function ensureIndicatorTotals(stores: TotalsStores, tenantId: string): Promise<void> {
  if (!(await totalsOf(stores.accounts).exists({ _id: tenantId }))) await buildIndicatorTotals(stores, tenantId);
}

/** Drop and build again (operations: after a restore, or when a reconciliation finds a difference). */
export async function rebuildIndicatorTotals(stores: TotalsStores, tenantId: string): Promise<void> {
  await totalsOf(stores.accounts).deleteOne({ _id: tenantId });
  await buildIndicatorTotals(stores, tenantId);
}

/** The tenant's totals as of now: pending deltas added first; built from the accounts the first time. */
export async function currentIndicatorTotals(stores: TotalsStores, tenantId: string): Promise<Totals> {
  const totals = totalsOf(stores.accounts);
  if (!(await totals.exists({ _id: tenantId }))) await buildIndicatorTotals(stores, tenantId);
  await foldIndicatorDeltas(stores.accounts, tenantId, await pendingDeltas(stores.accounts, tenantId));
  const doc = await totals.findById(tenantId, { cur: 1, bill: 1 }).lean();
  return flattenCounters({ cur: doc?.cur ?? {}, bill: doc?.bill ?? {} });
}
