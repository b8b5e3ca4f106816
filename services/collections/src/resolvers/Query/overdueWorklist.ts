import { authorize, businessNow, forbidden, money, paginate, type Principal } from '@vinculo/common';
import type { OverdueWorklistEntryResolvers, QueryResolvers } from '../../__generated__/resolvers-types';
import type { BillingAccountDoc } from '../../store/billing-account.model';
import type { PaymentPromiseDoc } from '../../store/payment-promise.model';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { calendarDate } from '../../domain/period';

/** An account executive reads only their own lists; leads, clerks and admins any executive's. */
export function requireOwnList(principal: Principal, executiveId: string): void {
  const onlyOwn = principal.roles.every((r) => r === 'ACCOUNT_EXECUTIVE');
  if (onlyOwn && executiveId !== principal.userId) throw forbidden('an account executive sees only their own lists');
}

/** The customers of an executive's portfolio (customer directory read model). */
export async function portfolioOf(deps: ResolverDeps, tenantId: string, executiveId: string): Promise<string[]> {
  return (await deps.directory.model.find({ tenantId, executiveId }, { _id: 1 }).lean()).map((c) => c._id as string);
}

export const overdueWorklist =
  (deps: ResolverDeps): QueryResolvers['overdueWorklist'] =>
  async (_parent, { executiveId, first, after }, { principal }) => {
    authorize(policy, 'readOverdueWorklist', principal);
    requireOwnList(principal, executiveId);
    const portfolio = await portfolioOf(deps, principal.tenantId, executiveId);
    const page = await paginate<BillingAccountDoc>(
      deps.accounts,
      { tenantId: principal.tenantId, standing: 'OVERDUE', customerId: { $in: portfolio } },
      { first, after },
      principal,
      { field: 'overdueMinor', descending: true },
    );
    const promises = await deps.promises
      .find({ tenantId: principal.tenantId, status: 'PENDING', billingAccountId: { $in: page.edges.map((e) => e.node._id) } })
      .lean<PaymentPromiseDoc[]>();
    const { timeZone } = await deps.tenantPolicy.policyFor(principal.tenantId);
    const today = calendarDate(businessNow(principal.tenantId), timeZone);
    return {
      pageInfo: page.pageInfo,
      edges: page.edges.map(({ cursor, node: account }) => {
        const pendingPromise = promises.find((p) => p.billingAccountId === account._id) ?? null;
        return { cursor, node: { account, pendingPromise, followUpDue: pendingPromise ? pendingPromise.followUpDate <= today : true } };
      }),
    };
  };

export const OverdueWorklistEntry = (): OverdueWorklistEntryResolvers => ({
  billingAccount: (e) => e.account,
  customer: (e) => ({ id: e.account.customerId }),
  overdueAmount: (e) => money(e.account.overdueMinor, e.account.currency),
});
