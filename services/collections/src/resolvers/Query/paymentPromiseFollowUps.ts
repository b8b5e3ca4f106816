import { authorize, badInput, businessNow, isLocalDate, paginate } from '@vinculo/common';
import type { QueryResolvers } from '../../__generated__/resolvers-types';
import type { PaymentPromiseDoc } from '../../store/payment-promise.model';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { calendarDate } from '../../domain/period';
import { requireOwnList, weekOf } from '../../domain/overdue-management';

/** R-COL-I1 the weekly follow-up list of an executive: pending promises whose follow-up is due by the week's end. */
export const paymentPromiseFollowUps =
  (deps: ResolverDeps): Required<QueryResolvers>['paymentPromiseFollowUps'] =>
  async (_parent, { executiveId, weekOf: day, first, after }, { principal }) => {
    authorize(policy, 'readOverdueWorklist', principal);
    requireOwnList(principal, executiveId);
    const { timeZone } = await deps.tenantPolicy.policyFor(principal.tenantId);
    const date = typeof day === 'string' ? day : calendarDate(businessNow(principal.tenantId), timeZone);
    if (!isLocalDate(date)) throw badInput('weekOf must be YYYY-MM-DD', 'weekOf');
    const week = weekOf(date);
    const portfolio = await deps.reads.portfolioOf(principal.tenantId, executiveId);
    return paginate<PaymentPromiseDoc>(
      deps.promises,
      { tenantId: principal.tenantId, status: 'PENDING', followUpDate: { $lte: week.end }, customerId: { $in: portfolio } },
      { first, after },
      principal,
      { field: 'followUpDate', descending: false },
    );
  };
