import { randomUUID } from 'node:crypto';
import {
  businessNow,
  notFound,
  rawCollection,
  changeWithEvents,
  type CustomerDirectory,
  findByIds,
  findOneById,
  insertOnce,
  isDuplicateKey,
  newEnvelope,
  ruleViolated,
  type TenantPolicyReadModel,
} from '@vinculo/common';
import type { mongo, UpdateQuery } from 'mongoose';
import type { BillingAccountDoc, BillingAccountModel } from '../store/billing-account.model';
import type { SubscriptionDoc, SubscriptionModel } from '../store/subscription.model';
import type { ChargeDoc, ChargeModel } from '../store/charge.model';
import type { InvoiceDoc, InvoiceModel } from '../store/invoice.model';
import { billingRunId, type BillingRunDoc, type BillingRunModel } from '../store/billing-run.model';
import { calendarDate, parsePeriod, periodEnded, periodKey, type Period } from '../domain/period';
import { invoiceIdFor } from '../domain/invoice';
import { addInvoice } from '../domain/ledger';
import { invoiceKindOf } from '../domain/receivable-invoice';
import { chargesToMark, decideMonthlyInvoice } from '../domain/monthly-invoice';
import { billingOf } from '../domain/indicator-totals';
import { addToTotals, ensureIndicatorTotals, foldIndicatorDeltas, rebuildIndicatorTotals, type PendingDelta } from './indicator-totals';
import { changeAccountLedger, deltaIn, ledgerOf, ledgerWrite, type Actor, type LedgerChange } from './account-ledger';

export interface BillingStores {
  accounts: BillingAccountModel;
  subscriptions: SubscriptionModel;
  charges: ChargeModel;
  invoices: InvoiceModel;
  directory: CustomerDirectory;
  tenantPolicy: TenantPolicyReadModel;
  billingRuns: BillingRunModel;
}

export interface BillingRunResult {
  period: string;
  /** Invoices this call put on their accounts' ledgers (empty unless `collect`). */
  issued: InvoiceDoc[];
  /** How many it put: `issued.length` when collected. */
  issuedCount: number;
  alreadyIssued: number;
  nothingToBill: number;
}

/** A step of a batch, for the crash tests: the run calls `afterStep` after each, with the accounts done before the batch. */
export type BillingRunStep = 'invoices' | 'charges' | 'ledgers' | 'totals' | 'cursor';

export interface BillingRunOptions {
  /** Bill only this account (no run record: one account is its own unit of work). */
  onlyAccountId?: string;
  /** Accounts read, decided and written per batch. */
  batchSize?: number;
  /** Return the issued invoices (the mutation shows them); the scheduled job only counts them. */
  collect?: boolean;
  afterStep?: (step: BillingRunStep, batch: { from: string; to: string; done: number }) => void | Promise<void>;
}

export const BILLING_BATCH = 1000;

/** The fields of an account the run reads: what it bills and its ledger (the versioned write's filter is its version). */
const SUBSCRIPTION_FIELDS = { installedProductId: 1, billingAccountId: 1, changes: 1 } as const;
const ACCOUNT_FIELDS = {
  tenantId: 1,
  customerId: 1,
  accountNumber: 1,
  currency: 1,
  standing: 1,
  invoices: 1,
  creditMinor: 1,
  overdueMinor: 1,
  version: 1,
} as const;
// (the ledger fields are also what the account counts for in the indicator totals: the write's delta is computed from them)

/**
 * R-COL-BILL1 a period is billed once it has ended (tenant calendar); one invoice per account and
 * period with a deterministic id, so a re-run (or a crash half-way) completes what is missing and
 * changes nothing that was done.
 *
 * At scale (issue #18): the tenant's accounts are walked in `_id` order in batches; per batch one read
 * of each kind (existing invoices by id, the batch's subscriptions and pending charges by account id
 * range, customers' segments by id), a pure decision per account, then unordered bulk writes: the new
 * invoices (a duplicate is one a previous pass stored: kept as stored), the charges they billed, and
 * each account's ledger as a versioned update (`{ _id, version }`) carrying collections.InvoiceIssued in
 * its outbox — an account changed meanwhile is re-decided on its own (postInvoice). The run record
 * (`billing_runs`) keeps the cursor after every batch: a run that died is continued from there at the
 * business time it started with, and the ledger's once-guard makes every event be written once.
 */
export async function runBillingPeriod(
  stores: BillingStores,
  who: Actor,
  periodText: string,
  now = businessNow(who.tenantId),
  onlyAccountIdOrOptions?: string | BillingRunOptions,
): Promise<BillingRunResult> {
  const options: BillingRunOptions =
    typeof onlyAccountIdOrOptions === 'string' ? { onlyAccountId: onlyAccountIdOrOptions, collect: true } : { collect: true, ...onlyAccountIdOrOptions };
  const period = parsePeriod(periodText);
  const key = periodKey(period);
  const snapshot = await stores.tenantPolicy.policyFor(who.tenantId);
  if (!periodEnded(period, calendarDate(now, snapshot.timeZone))) throw ruleViolated('R-COL-BILL1', `period ${key} has not ended yet`);
  const result: BillingRunResult = { period: key, issued: [], issuedCount: 0, alreadyIssued: 0, nothingToBill: 0 };
  const tenantId = who.tenantId;

  if (options.onlyAccountId) {
    const account = await findOneById(stores.accounts, tenantId, options.onlyAccountId, ACCOUNT_FIELDS);
    if (!account) throw notFound('BillingAccount', options.onlyAccountId);
    const read = {
      subscriptions: new Map([
        [account._id, await stores.subscriptions.find({ tenantId, billingAccountId: account._id }, SUBSCRIPTION_FIELDS).lean<SubscriptionDoc[]>()],
      ]),
      pending: new Map([[account._id, await stores.charges.find({ tenantId, billingAccountId: account._id, invoiceId: null }).lean<ChargeDoc[]>()]]),
    };
    const decided = await decideBatch(stores, who, [account as BillingAccountDoc], read, period, snapshot, now);
    await writeBatch(stores, who, decided, period, snapshot, now, result, options);
    return result;
  }

  const run = await startOrContinue(stores.billingRuns, tenantId, key, now);
  if (run.unfolded?.length) {
    // A process died between a batch's ledger writes and their addition to the totals: count them again from the accounts.
    await rebuildIndicatorTotals(stores, tenantId);
    await stores.billingRuns.updateOne({ _id: run._id, pass: run.pass }, { $pullAll: { unfolded: run.unfolded } });
  } else await ensureIndicatorTotals(stores, tenantId); // the batches add their deltas to totals that exist
  const at = run.now; // a continued pass bills at the business time it started with
  let done = run.accounts;
  const batchSize = Math.max(1, options.batchSize ?? BILLING_BATCH);
  // Three reads for the whole pass, each in account order from the cursor on, walked side by side (a
  // merge join): the accounts, their subscriptions, their pending charges. Per batch nothing is scanned.
  const after = { $gt: run.cursor ?? '' };
  const accounts = sortedStream<BillingAccountDoc>(
    stores.accounts.find({ tenantId, _id: after }, ACCOUNT_FIELDS).sort({ _id: 1 }).lean().cursor({ batchSize }),
    (a) => a._id,
  );
  const subscriptions = sortedStream<SubscriptionDoc>(
    stores.subscriptions.find({ tenantId, billingAccountId: after }, SUBSCRIPTION_FIELDS).sort({ billingAccountId: 1 }).lean().cursor({ batchSize }),
    (s) => s.billingAccountId ?? '',
  );
  const charges = sortedStream<ChargeDoc>(
    stores.charges.find({ tenantId, billingAccountId: after, invoiceId: null }).sort({ billingAccountId: 1 }).lean().cursor({ batchSize }),
    (c) => c.billingAccountId ?? '',
  );
  // Two batches in flight: the next one is read and decided while this one is written (the process and
  // the engine work at the same time). Nothing of the next batch is written before this one's cursor is
  // saved, so a run that dies resumes as before.
  const decideNext = async (): Promise<DecidedBatch | null> => {
    const batchAccounts = await accounts.take(batchSize);
    if (batchAccounts.length === 0) return null;
    const to = batchAccounts[batchAccounts.length - 1]!._id;
    const read = {
      subscriptions: groupBy(await subscriptions.upTo(to), (s) => s.billingAccountId ?? ''),
      pending: groupBy(await charges.upTo(to), (c) => c.billingAccountId ?? ''),
    };
    return decideBatch(stores, who, batchAccounts, read, period, snapshot, at);
  };
  let next = decideNext();
  try {
    for (let decided = await next; decided; decided = await next) {
      next = decideNext();
      next.catch(() => undefined); // awaited on the next turn; a failure of this batch must not leave it unhandled
      const batchAccounts = decided.accounts;
      const batch = { from: batchAccounts[0]!._id, to: batchAccounts[batchAccounts.length - 1]!._id, done };
      const before = { issued: result.issuedCount, alreadyIssued: result.alreadyIssued, nothingToBill: result.nothingToBill };
      const token = randomUUID();
      const journal = () =>
        stores.billingRuns.updateOne({ _id: run._id, pass: run.pass, status: 'RUNNING' }, { $push: { unfolded: token } }).then(() => undefined);
      await writeBatch(stores, who, decided, period, snapshot, at, result, options, batch, journal);
      done += batchAccounts.length;
      await stores.billingRuns.updateOne(
        { _id: run._id, pass: run.pass, status: 'RUNNING' },
        {
          $set: { cursor: batch.to },
          $pull: { unfolded: token },
          $inc: {
            accounts: batchAccounts.length,
            issued: result.issuedCount - before.issued,
            alreadyIssued: result.alreadyIssued - before.alreadyIssued,
            nothingToBill: result.nothingToBill - before.nothingToBill,
          },
        },
      );
      await options.afterStep?.('cursor', batch);
    }
  } finally {
    await next.catch(() => undefined);
    await Promise.all([accounts.close(), subscriptions.close(), charges.close()]);
  }
  await stores.billingRuns.updateOne({ _id: run._id, pass: run.pass, status: 'RUNNING' }, { $set: { status: 'DONE', finishedAt: new Date() } });
  return result;
}

/**
 * The pass to work on: a RUNNING one (a run that died, or one running right now elsewhere — the work is
 * idempotent, so two at once only repeat harmless reads) is continued; after a DONE one, or none, a new
 * pass starts from the first account at `now`.
 */
async function startOrContinue(runs: BillingRunModel, tenantId: string, period: string, now: Date): Promise<BillingRunDoc> {
  const _id = billingRunId(tenantId, period);
  const fresh = (pass: number): BillingRunDoc => ({
    _id,
    tenantId,
    period,
    status: 'RUNNING',
    pass,
    cursor: null,
    now,
    startedAt: new Date(),
    finishedAt: null,
    accounts: 0,
    issued: 0,
    alreadyIssued: 0,
    nothingToBill: 0,
  });
  for (let attempt = 1; ; attempt++) {
    const current = await runs.findOne({ _id }).lean<BillingRunDoc>();
    if (current?.status === 'RUNNING') return current;
    if (!current) {
      if (await insertOnce(runs, fresh(1))) return fresh(1);
    } else {
      const next = fresh(current.pass + 1);
      const { _id: _ignored, ...set } = next;
      const r = await runs.updateOne({ _id, status: 'DONE', pass: current.pass }, { $set: set });
      if (r.modifiedCount === 1) return next;
    }
    if (attempt >= 3) throw new Error(`billing run ${_id} is being started elsewhere`);
  }
}

type Snapshot = Awaited<ReturnType<TenantPolicyReadModel['policyFor']>>;

/** A batch of accounts read and decided: what the writes need. */
interface DecidedBatch {
  accounts: BillingAccountDoc[];
  pending: Map<string, ChargeDoc[]>;
  /** The batch's invoices already stored (by invoice id): a previous pass, or one running at the same time. */
  existing: Map<string, InvoiceDoc>;
  /** The new invoices, decided per account. */
  drafts: InvoiceDoc[];
}

/** One batch of accounts (ascending `_id`), read by batch and decided per account; nothing written. */
async function decideBatch(
  stores: BillingStores,
  who: Actor,
  accounts: BillingAccountDoc[],
  read: { subscriptions: Map<string, SubscriptionDoc[]>; pending: Map<string, ChargeDoc[]> },
  period: Period,
  snapshot: Snapshot,
  now: Date,
): Promise<DecidedBatch> {
  const tenantId = who.tenantId;
  const key = periodKey(period);
  const idOf = (a: BillingAccountDoc) => invoiceIdFor(tenantId, a._id, key);
  const existing = new Map((await findByIds(stores.invoices, tenantId, accounts.map(idOf))).map((i) => [i._id, i]));
  // Pending charges of the batch: lines of the new invoices, and charges an earlier pass billed but died before marking.
  const { pending, subscriptions } = read;
  const toBill = accounts.filter((a) => !existing.has(idOf(a)));

  const drafts: InvoiceDoc[] = [];
  if (toBill.length) {
    const segments = new Map(
      (await findByIds(stores.directory.model, tenantId, [...new Set(toBill.map((a) => a.customerId))], { kind: 1 })).map((c) => [c._id, c.kind ?? null]),
    );
    const policy = { timeZone: snapshot.timeZone, multiBasicTelephonyAmountMinor: snapshot.policy.multiBasicTelephonyAmountMinor };
    for (const account of toBill) {
      const draft = decideMonthlyInvoice(tenantId, account, subscriptions.get(account._id) ?? [], pending.get(account._id) ?? [], period, policy);
      if (draft) drafts.push({ ...draft, tenantId, issuedAt: now, segment: segments.get(account.customerId) ?? null });
    }
  }
  return { accounts, pending, existing, drafts };
}

/** Write a decided batch: the new invoices, the charges they billed, the ledgers with InvoiceIssued, the indicator deltas. */
async function writeBatch(
  stores: BillingStores,
  who: Actor,
  decided: DecidedBatch,
  period: Period,
  snapshot: Snapshot,
  now: Date,
  result: BillingRunResult,
  options: BillingRunOptions,
  batch = { from: decided.accounts[0]?._id ?? '', to: decided.accounts[decided.accounts.length - 1]?._id ?? '', done: 0 },
  /**
   * With a run record: noted there before the ledgers are written, and the ledgers then carry no
   * indicator deltas (one update per account fewer: the batch's deltas go to the totals straight from
   * here; a process that dies in between leaves the note, and the next call rebuilds the totals).
   * Without (one account): the deltas ride on the accounts as every other ledger write's do.
   */
  journal?: () => Promise<void>,
): Promise<void> {
  const tenantId = who.tenantId;
  const key = periodKey(period);
  const today = calendarDate(now, snapshot.timeZone);
  const idOf = (a: BillingAccountDoc) => invoiceIdFor(tenantId, a._id, key);
  const { accounts, pending, existing, drafts } = decided;
  for (const stored of await storeInvoicesOnce(stores.invoices, tenantId, drafts)) existing.set(stored._id, stored);
  await options.afterStep?.('invoices', batch);

  // The charges each invoice billed: all of a new invoice's, and those of an older one still pending.
  const marks: { chargeId: string; invoiceId: string }[] = [];
  for (const account of accounts) {
    const invoice = existing.get(idOf(account));
    if (!invoice) continue;
    for (const chargeId of chargesToMark(invoice, pending.get(account._id) ?? [])) marks.push({ chargeId, invoiceId: invoice._id });
  }
  const marked = new Set(marks.map((m) => m.chargeId));
  for (const d of drafts) for (const l of d.lines) if (l.chargeId && !marked.has(l.chargeId)) marks.push({ chargeId: l.chargeId, invoiceId: d._id });
  if (marks.length) {
    await stores.charges.bulkWrite(
      marks.map((m) => ({ updateOne: { filter: { _id: m.chargeId, invoiceId: null }, update: { $set: { invoiceId: m.invoiceId } } } })),
      { ordered: false },
    );
  }
  await options.afterStep?.('charges', batch);

  // Ledgers: one versioned update per account whose ledger lacks its invoice, with InvoiceIssued.
  const writes: {
    account: BillingAccountDoc;
    invoice: InvoiceDoc;
    update: UpdateQuery<BillingAccountDoc>;
    op: mongo.AnyBulkWriteOperation<BillingAccountDoc>;
  }[] = [];
  const written: PendingDelta[] = [];
  for (const account of accounts) {
    const invoice = existing.get(idOf(account));
    if (!invoice) {
      result.nothingToBill++;
      continue;
    }
    const change = invoicePosting(account, invoice, who, now);
    if (!change) {
      result.alreadyIssued++;
      continue;
    }
    const { update, events } = ledgerWrite(account, change, who, today, snapshot.policy.overdueAfterDays, now);
    update.$set = { ...(update.$set as object), updatedAt: new Date() };
    const stored = journal ? withoutDelta(update) : update;
    writes.push({
      account,
      invoice,
      update,
      op: { updateOne: { filter: { _id: account._id, version: account.version }, update: changeWithEvents(stored, events) } },
    });
  }
  if (writes.length && journal) await journal();
  if (writes.length) {
    // The driver's bulk write: the updates are complete (updatedAt for the reporting extraction), nothing to cast.
    const r = await rawCollection(stores.accounts).bulkWrite(
      writes.map((w) => w.op),
      { ordered: false },
    );
    // Some accounts changed since they were read (a payment, another pass): which, from the ledgers as stored.
    const after =
      r.modifiedCount < writes.length
        ? new Map(
            (
              await findByIds(
                stores.accounts,
                tenantId,
                writes.map((w) => w.account._id),
                { version: 1, 'invoices.invoiceId': 1 },
              )
            ).map((a) => [a._id, a]),
          )
        : null;
    for (const w of writes) {
      const stored = after?.get(w.account._id);
      const posted = !after || !!stored?.invoices.some((i) => i.invoiceId === w.invoice._id);
      let fresh = true;
      if (!posted) {
        // Not posted: re-decided on its own against the current ledger (posted at most once).
        fresh = await postInvoice(stores.accounts, who, w.invoice, today, snapshot.policy.overdueAfterDays, now);
      } else if (stored) fresh = stored.version === w.account.version + 1; // posted by our write, not someone else's
      const delta = deltaIn(w.update);
      // Our write's delta counts only if our write landed (posted at the next version; not another write that got there first).
      if (posted && (!stored || stored.version === w.account.version + 1) && delta) written.push({ accountId: w.account._id, delta });
      if (fresh) {
        result.issuedCount++;
        if (options.collect) result.issued.push(w.invoice);
      } else result.alreadyIssued++;
    }
  }
  await options.afterStep?.('ledgers', batch);
  if (journal) {
    // The batch's indicator deltas in one addition to the tenant's totals; they are nowhere else, so a
    // failure fails the run (the note stays: the next call rebuilds the totals).
    const left = await addToTotals(stores.accounts, tenantId, written, { onAccounts: false });
    if (left.length) throw new Error(`indicator totals of ${tenantId} kept moving: ${left.length} deltas of batch ${batch.from}..${batch.to} not added`);
  } else {
    // One account: its delta is on the account (a failure leaves it there for the next read).
    await foldIndicatorDeltas(stores.accounts, tenantId, written).catch(() => undefined);
  }
  await options.afterStep?.('totals', batch);
}

/** A ledger update without the indicator delta it would push onto the account. */
function withoutDelta(update: UpdateQuery<BillingAccountDoc>): UpdateQuery<BillingAccountDoc> {
  const push = { ...((update.$push as Record<string, unknown> | undefined) ?? {}) };
  if (!('indicatorDeltas' in push)) return update;
  delete push.indicatorDeltas;
  const { $push: _dropped, ...rest } = update;
  return Object.keys(push).length ? { ...rest, $push: push } : rest;
}

/** A read in key order consumed from the front: the next n rows, or every row up to a key. */
function sortedStream<T>(cursor: { next(): Promise<unknown>; close(): Promise<void> }, keyOf: (row: T) => string) {
  let head: T | null | undefined; // undefined: not read yet; null: the end
  const peek = async (): Promise<T | null> => (head === undefined ? (head = ((await cursor.next()) as T | null) ?? null) : head);
  return {
    async take(n: number): Promise<T[]> {
      const rows: T[] = [];
      for (let row = await peek(); row && rows.length < n; row = await peek()) {
        rows.push(row);
        head = undefined;
      }
      return rows;
    },
    async upTo(key: string): Promise<T[]> {
      const rows: T[] = [];
      for (let row = await peek(); row && keyOf(row) <= key; row = await peek()) {
        rows.push(row);
        head = undefined;
      }
      return rows;
    },
    close: () => cursor.close(),
  };
}

function groupBy<T>(rows: readonly T[], key: (r: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}

/**
 * Store new invoices under their deterministic ids, unordered; a duplicate is one stored before (by a
 * pass that died, or one running at the same time): what is stored wins. Returns the invoices as stored.
 */
async function storeInvoicesOnce(invoices: InvoiceModel, tenantId: string, drafts: InvoiceDoc[]): Promise<InvoiceDoc[]> {
  if (!drafts.length) return [];
  try {
    // Complete documents (the draft has every field; updatedAt for the reporting extraction): no hydration per document.
    const at = new Date();
    await invoices.insertMany(
      drafts.map((d) => ({ externalId: null, contentHash: null, importedBy: null, firstDeliveredAt: null, ...d, updatedAt: at })),
      { ordered: false, lean: true },
    );
    return drafts;
  } catch (err) {
    const writeErrors = (err as { writeErrors?: { code?: number; err?: { code?: number } }[] }).writeErrors;
    const onlyDuplicates =
      isDuplicateKey(err) || (Array.isArray(writeErrors) && writeErrors.length > 0 && writeErrors.every((e) => (e.code ?? e.err?.code) === 11000));
    if (!onlyDuplicates) throw err;
    return findByIds(
      invoices,
      tenantId,
      drafts.map((d) => d._id),
    );
  }
}

/** The customer's segment (kind) an invoice is counted under in the billing indicators. */
export async function segmentOf(directory: CustomerDirectory, account: Pick<BillingAccountDoc, 'tenantId' | 'customerId'>): Promise<string | null> {
  const customer = await findOneById(directory.model, account.tenantId, account.customerId, { kind: 1 });
  return customer?.kind ?? null;
}

/**
 * Store an invoice under its deterministic id once and return what is stored: the draft, or the one a
 * previous (maybe interrupted) run or import stored first, which the caller then completes or compares.
 */
export async function storeInvoiceOnce(invoices: InvoiceModel, draft: InvoiceDoc): Promise<InvoiceDoc> {
  await insertOnce(invoices, draft);
  const stored = await findOneById(invoices, draft.tenantId, draft._id);
  if (!stored) throw new Error(`invoice ${draft._id} vanished`);
  return stored;
}

/**
 * Put an issued invoice on its account's ledger, once (an existing credit pays it), with
 * collections.InvoiceIssued in the same versioned write; the standing is recomputed. Returns false when
 * the ledger already had it (a re-run, a re-import, a completed crash): InvoiceIssued is published once.
 */
export async function postInvoice(
  accounts: BillingAccountModel,
  who: Actor,
  issued: InvoiceDoc,
  today: string,
  overdueAfterDays: number,
  now: Date,
): Promise<boolean> {
  const { changed } = await changeAccountLedger(
    accounts,
    who,
    issued.billingAccountId,
    today,
    overdueAfterDays,
    (acc) => invoicePosting(acc, issued, who, now),
    now,
  );
  return changed;
}

/** The ledger change that posts an issued invoice on its account with collections.InvoiceIssued; null when the ledger has it. */
export function invoicePosting(acc: BillingAccountDoc, issued: InvoiceDoc, who: Actor, now: Date): LedgerChange | null {
  const ledger = ledgerOf(acc);
  if (ledger.invoices.some((i) => i.invoiceId === issued._id)) return null;
  const added = addInvoice(ledger, { invoiceId: issued._id, period: issued.period, dueDate: issued.dueDate, totalMinor: issued.totalMinor });
  return {
    ledger: added.ledger,
    billing: billingOf({ ...issued, kind: invoiceKindOf(issued) }),
    events: [
      newEnvelope(
        'collections',
        who,
        {
          type: 'collections.InvoiceIssued',
          subject: acc._id,
          data: {
            invoiceId: issued._id,
            number: issued.number,
            billingAccountId: acc._id,
            customerId: acc.customerId,
            period: issued.period,
            dueDate: issued.dueDate,
            totalAmount: issued.totalMinor,
            creditApplied: added.creditUsedMinor,
            currency: issued.currency,
            segment: issued.segment,
            lineCount: issued.lines.length,
            kind: invoiceKindOf(issued),
            ...(issued.externalId ? { externalId: issued.externalId } : {}),
          },
        },
        now,
      ),
    ],
  };
}
