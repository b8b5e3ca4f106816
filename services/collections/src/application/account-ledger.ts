import { businessNow, type EventEnvelope, newEnvelope, type Principal, runCommand, SYSTEM_ACTOR, SYSTEM_RETRY } from '@vinculo/common';
import type { UpdateQuery } from 'mongoose';
import type { BillingAccountDoc, BillingAccountModel, IndicatorDelta } from '../store/billing-account.model';
import { addTotals, contributionOf, deltaOf, type Totals } from '../domain/indicator-totals';
import { foldIndicatorDeltas, toDelta } from './indicator-totals';
import { standingOf, type Ledger } from '../domain/ledger';

/** Who acts: a caller of the graph, or the system reacting to an event or running a job. */
export type Actor = Pick<Principal, 'tenantId' | 'userId' | 'roles'> | { tenantId: string; actor: typeof SYSTEM_ACTOR };
export const actorId = (a: Actor): string => ('actor' in a ? a.actor.userId : a.userId);
/** The system acting in a tenant (consumers, jobs). */
export const systemActor = (tenantId: string): Actor => ({ tenantId, actor: SYSTEM_ACTOR });

export interface LedgerChange {
  ledger: Ledger;
  /** What the change adds to the tenant's billing indicators (an invoice posted: its period and segment). */
  billing?: Totals;
  update?: UpdateQuery<BillingAccountDoc>;
  events?: EventEnvelope[];
}

/**
 * Change an account's ledger in one versioned write with its events (kit runCommand). The standing is
 * recomputed against `today` (tenant calendar date) inside the decision, on every change; a change of
 * standing is recorded in `history` and published as collections.AccountStandingChanged in the same
 * write. `decide` returns null when there is nothing to do (already applied).
 *
 * Whoever acts, a stale version is met by re-deciding (SYSTEM_RETRY): a payment, a credit or an invoice
 * is added to the ledger as it is now, never to a version somebody saw, so concurrent payments and
 * billing runs on the same account serialise here instead of failing.
 */
export async function changeAccountLedger(
  accounts: BillingAccountModel,
  who: Actor,
  accountId: string,
  today: string,
  overdueAfterDays: number,
  decide: (account: BillingAccountDoc) => LedgerChange | null,
  now: Date = businessNow(who.tenantId),
  published?: () => void,
): Promise<{ account: BillingAccountDoc; changed: boolean }> {
  // The write as decided on the version that won (kept to add its indicator delta after the write).
  const written: { account?: BillingAccountDoc; update?: UpdateQuery<BillingAccountDoc> } = {};
  const { doc, changed } = await runCommand({
    model: accounts,
    what: 'BillingAccount',
    tenantId: who.tenantId,
    id: accountId,
    concurrency: SYSTEM_RETRY,
    published,
    decide: (account) => {
      const change = decide(account);
      if (!change) return null;
      const write = ledgerWrite(account, change, who, today, overdueAfterDays, now);
      Object.assign(written, { account, update: write.update });
      return write;
    },
  });
  if (changed && written.account && written.update) await foldWritten(accounts, who.tenantId, written.account, written.update);
  return { account: doc, changed };
}

/**
 * The write of one ledger change on an account as loaded (its version is the caller's filter): the new
 * ledger, the standing recomputed against `today` (a change recorded in `history` and published as
 * collections.AccountStandingChanged) and the change's own events. Shared by the single versioned write
 * above and the billing run's bulk writes, so both write the same thing.
 */
export function ledgerWrite(
  account: BillingAccountDoc,
  change: LedgerChange,
  who: Actor,
  today: string,
  overdueAfterDays: number,
  now: Date,
): { update: UpdateQuery<BillingAccountDoc>; events: EventEnvelope[] } {
  const view = standingOf(change.ledger, today, overdueAfterDays);
  const events = [...(change.events ?? [])];
  const set: Record<string, unknown> = { invoices: change.ledger.invoices, creditMinor: change.ledger.creditMinor, overdueMinor: view.overdueMinor };
  const push: Record<string, unknown> = { ...((change.update?.$push as Record<string, unknown>) ?? {}) };
  if (view.standing !== account.standing) {
    set.standing = view.standing;
    set.standingSince = now;
    push.history = {
      from: account.standing,
      to: view.standing,
      by: actorId(who),
      at: now,
      note: view.standing === 'OVERDUE' ? `overdue since ${view.overdueSinceDate}` : null,
    };
    events.push(
      newEnvelope(
        'collections',
        who,
        {
          type: 'collections.AccountStandingChanged',
          subject: account._id,
          data: {
            billingAccountId: account._id,
            accountNumber: account.accountNumber,
            customerId: account.customerId,
            standing: view.standing,
            overdueAmount: view.overdueMinor,
            currency: account.currency,
            since: now.toISOString(),
          },
        },
        now,
      ),
    );
  }
  // The indicator totals' delta, in the same write (added to the totals right after: foldWritten).
  const after = contributionOf({ currency: account.currency, invoices: change.ledger.invoices, standing: view.standing, overdueMinor: view.overdueMinor });
  const delta = addTotals(deltaOf(contributionOf(account), after), change.billing ?? {});
  if (Object.keys(delta).length) push.indicatorDeltas = toDelta(indicatorKey(account), delta);
  const update: UpdateQuery<BillingAccountDoc> = { ...(change.update ?? {}), $set: { ...((change.update?.$set as object) ?? {}), ...set } };
  if (Object.keys(push).length) update.$push = push;
  else delete update.$push;
  return { update, events };
}

/** The key of the delta a write of this account (as read) carries: the account at the version it writes. */
export const indicatorKey = (account: Pick<BillingAccountDoc, '_id' | 'version'>): string => `${account._id}@${account.version + 1}`;

/** The delta an update carries, if any. */
export const deltaIn = (update: UpdateQuery<BillingAccountDoc>): IndicatorDelta | null =>
  (update.$push as { indicatorDeltas?: IndicatorDelta } | undefined)?.indicatorDeltas ?? null;

/**
 * Add the delta of a write just made to the totals. It is on the account already: if this fails (or the
 * process dies first), the next read of the indicators adds it — so a failure here never fails the act.
 */
async function foldWritten(accounts: BillingAccountModel, tenantId: string, account: BillingAccountDoc, update: UpdateQuery<BillingAccountDoc>): Promise<void> {
  const delta = deltaIn(update);
  if (!delta) return;
  await foldIndicatorDeltas(accounts, tenantId, [{ accountId: account._id, delta }]).catch(() => undefined);
}

export const ledgerOf = (a: BillingAccountDoc): Ledger => ({ invoices: a.invoices ?? [], creditMinor: a.creditMinor ?? 0 });
