import { authorize, businessNow, money, paginate } from '@vinculo/common';
import type { OverdueWorklistEntryResolvers, QueryResolvers } from '../../__generated__/resolvers-types';
import type { BillingAccountDoc } from '../../store/billing-account.model';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { calendarDate } from '../../domain/period';
import { requireOwnList } from '../../domain/overdue-management';

export const overdueWorklist =
  (deps: ResolverDeps): Required<QueryResolvers>['overdueWorklist'] =>
  async (_parent, { executiveId, first, after }, { principal }) => {
    authorize(policy, 'readOverdueWorklist', principal);
    requireOwnList(principal, executiveId);
    const portfolio = await deps.reads.portfolioOf(principal.tenantId, executiveId);
    const page = await paginate<BillingAccountDoc>(
      deps.accounts,
      { tenantId: principal.tenantId, standing: 'OVERDUE', customerId: { $in: portfolio } },
      { first, after },
      principal,
      { field: 'overdueMinor', descending: true },
    );
    const promises = await deps.reads.pendingPromisesOf(
      principal.tenantId,
      page.edges.map((e) => e.node._id),
    );
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
