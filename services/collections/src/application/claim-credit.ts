import { businessNow } from '@vinculo/common';
import type { TenantPolicyReadModel } from '@vinculo/common';
import type { BillingAccountModel } from '../store/billing-account.model';
import { applyCredit } from '../domain/ledger';
import { calendarDate } from '../domain/period';
import { changeAccountLedger, ledgerOf, type Actor } from './account-ledger';

/** The ledger guard of one accepted resolution: the id of its collections.BillingClaimResolved event. */
const claimCreditGuard = (resolvedEventId: string): string => `claim-credit:${resolvedEventId}`;

/**
 * Apply an accepted claim's credit adjustment to the account (pays open invoices oldest first, the rest
 * is credit), once per resolution: the account records the guard in the same versioned write. Called
 * right after the resolution is stored AND by collections' own consumer of BillingClaimResolved (which the
 * outbox publishes from the claim's own write), so a process dying between the two writes loses nothing.
 */
export async function applyClaimCredit(
  stores: { accounts: BillingAccountModel; tenantPolicy: TenantPolicyReadModel; published: () => void },
  who: Actor,
  billingAccountId: string,
  creditMinor: number,
  resolvedEventId: string,
  now = businessNow(who.tenantId),
): Promise<boolean> {
  if (creditMinor <= 0) return false;
  const snapshot = await stores.tenantPolicy.policyFor(who.tenantId);
  const guard = claimCreditGuard(resolvedEventId);
  const { changed } = await changeAccountLedger(
    stores.accounts,
    who,
    billingAccountId,
    calendarDate(now, snapshot.timeZone),
    snapshot.policy.overdueAfterDays,
    (acc) =>
      (acc.appliedPaymentIds ?? []).includes(guard)
        ? null
        : { ledger: applyCredit(ledgerOf(acc), creditMinor).ledger, update: { $push: { appliedPaymentIds: guard } } },
    now,
    stores.published,
  );
  return changed;
}
