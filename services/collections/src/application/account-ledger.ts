import { businessNow, type EventEnvelope, newEnvelope, type Principal, runCommand, SYSTEM_ACTOR, SYSTEM_RETRY } from '@vinculo/common';
import type { UpdateQuery } from 'mongoose';
import type { BillingAccountDoc, BillingAccountModel } from '../store/billing-account.model';
import { standingOf, type Ledger } from '../domain/ledger';

/** Who acts: a caller of the graph, or the system reacting to an event or running a job. */
export type Actor = Pick<Principal, 'tenantId' | 'userId' | 'roles'> | { tenantId: string; actor: typeof SYSTEM_ACTOR };
export const actorId = (a: Actor): string => ('actor' in a ? a.actor.userId : a.userId);
/** The system acting in a tenant (consumers, jobs). */
export const systemActor = (tenantId: string): Actor => ({ tenantId, actor: SYSTEM_ACTOR });

export interface LedgerChange {
  ledger: Ledger;
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
  const { doc, changed } = await runCommand({
    model: accounts,
    what: 'BillingAccount',
    tenantId: who.tenantId,
    id: accountId,
    concurrency: SYSTEM_RETRY,
    published,
    decide: (account) => {
      const change = decide(account);
      return change ? withStanding(account, change, who, today, overdueAfterDays, now) : null;
    },
  });
  return { account: doc, changed };
}

/** The ledger change as one update: the new ledger, and the standing it leads to (with its event when it moved). */
function withStanding(account: BillingAccountDoc, change: LedgerChange, who: Actor, today: string, overdueAfterDays: number, now: Date) {
  const view = standingOf(change.ledger, today, overdueAfterDays);
  const events = [...(change.events ?? [])];
  const set: Record<string, unknown> = { invoices: change.ledger.invoices, creditMinor: change.ledger.creditMinor, overdueMinor: view.overdueMinor };
  const push: Record<string, unknown> = { ...((change.update?.$push as Record<string, unknown>) ?? {}) };
  if (view.standing !== account.standing) {
    set.standing = view.standing;
    set.standingSince = now;
    push.history = { from: account.standing, to: view.standing, by: actorId(who), at: now, note: view.standing === 'OVERDUE' ? `overdue since ${view.overdueSinceDate}` : null };
    events.push(
      newEnvelope('collections', who, {
        type: 'collections.AccountStandingChanged',
        subject: account._id,
        data: { billingAccountId: account._id, accountNumber: account.accountNumber, customerId: account.customerId, standing: view.standing, overdueAmount: view.overdueMinor, currency: account.currency, since: now.toISOString() },
      }, now),
    );
  }
  const update: UpdateQuery<BillingAccountDoc> = { ...(change.update ?? {}), $set: { ...((change.update?.$set as object) ?? {}), ...set } };
  if (Object.keys(push).length) update.$push = push;
  else delete update.$push;
  return { update, events };
}

export const ledgerOf = (a: BillingAccountDoc): Ledger => ({ invoices: a.invoices ?? [], creditMinor: a.creditMinor ?? 0 });
