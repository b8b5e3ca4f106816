import type { TenantPolicyReadModel } from '@vinculo/common';
import type { BillingAccountDoc, BillingAccountModel } from '../store/billing-account.model';
import { standingOf } from '../domain/ledger';
import { calendarDate } from '../domain/period';
import { changeAccountLedger, ledgerOf, type Actor } from './account-ledger';

/**
 * The due-date-passing evaluation (a run-time job, not query time): every account with open debt is
 * re-evaluated as of `asOf` (tenant calendar date); a change publishes collections.AccountStandingChanged.
 */
export async function evaluateStandings(
  stores: { accounts: BillingAccountModel; tenantPolicy: TenantPolicyReadModel },
  who: Actor,
  asOf: Date,
): Promise<{ evaluated: number; changed: BillingAccountDoc[] }> {
  const snapshot = await stores.tenantPolicy.policyFor(who.tenantId);
  const today = calendarDate(asOf, snapshot.timeZone);
  const candidates = await stores.accounts
    .find({ tenantId: who.tenantId, $or: [{ standing: 'OVERDUE' }, { 'invoices.0': { $exists: true } }] })
    .sort({ _id: 1 })
    .lean<BillingAccountDoc[]>();
  const changed: BillingAccountDoc[] = [];
  for (const a of candidates) {
    const view = standingOf(ledgerOf(a), today, snapshot.policy.overdueAfterDays);
    if (view.standing === a.standing && view.overdueMinor === a.overdueMinor) continue;
    const r = await changeAccountLedger(
      stores.accounts,
      who,
      a._id,
      today,
      snapshot.policy.overdueAfterDays,
      (acc) => {
        const v = standingOf(ledgerOf(acc), today, snapshot.policy.overdueAfterDays);
        return v.standing === acc.standing && v.overdueMinor === acc.overdueMinor ? null : { ledger: ledgerOf(acc) };
      },
      asOf,
    );
    if (r.changed) changed.push(r.account);
  }
  return { evaluated: candidates.length, changed };
}
