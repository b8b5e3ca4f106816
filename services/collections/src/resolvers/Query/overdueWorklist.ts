import { authorize, forbidden, money } from '@vinculo/common';
import type { OverdueWorklistEntryResolvers, QueryResolvers } from '../../__generated__/resolvers-types';
import type { BillingAccountDoc } from '../../store/billing-account.model';
import type { PaymentPromiseDoc } from '../../store/payment-promise.model';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { calendarDate } from '../../domain/period';

/** The worklist is a working list, not a report: the largest 100 overdue accounts. */
const WORKLIST_MAX = 100;

export const overdueWorklist =
  (deps: ResolverDeps): QueryResolvers['overdueWorklist'] =>
  async (_parent, { executiveId }, { principal }) => {
    authorize(policy, 'readOverdueWorklist', principal);
    const onlyOwn = principal.roles.every((r) => r === 'ACCOUNT_EXECUTIVE');
    if (onlyOwn && executiveId !== principal.userId) throw forbidden('an account executive sees only their own worklist');
    const portfolio = await deps.directory.model.find({ tenantId: principal.tenantId, executiveId }, { _id: 1 }).lean();
    const accounts = await deps.accounts
      .find({ tenantId: principal.tenantId, standing: 'OVERDUE', customerId: { $in: portfolio.map((c) => c._id) } })
      .sort({ overdueMinor: -1, _id: 1 })
      .limit(WORKLIST_MAX)
      .lean<BillingAccountDoc[]>();
    const promises = await deps.promises
      .find({ tenantId: principal.tenantId, status: 'PENDING', billingAccountId: { $in: accounts.map((a) => a._id) } })
      .lean<PaymentPromiseDoc[]>();
    const { timeZone } = await deps.tenantPolicy.policyFor(principal.tenantId);
    const today = calendarDate(new Date(), timeZone);
    return accounts.map((account) => {
      const pendingPromise = promises.find((p) => p.billingAccountId === account._id) ?? null;
      return { account, pendingPromise, followUpDue: pendingPromise ? pendingPromise.followUpDate <= today : true };
    });
  };

export const OverdueWorklistEntry = (): OverdueWorklistEntryResolvers => ({
  billingAccount: (e) => e.account,
  customer: (e) => ({ id: e.account.customerId }),
  overdueAmount: (e) => money(e.account.overdueMinor, e.account.currency),
});
