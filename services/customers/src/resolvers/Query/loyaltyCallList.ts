import { authorize } from '@vinculo/common';
import type { QueryResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { decidePlanReader } from '../../domain/monthly-plan';
import { addDays, startOfDay } from '../../domain/calendar';
import { callListOrder } from '../../domain/loyalty';

/** At most this many customers on one day's list. */
const MAX_LIST = 500;

export const loyaltyCallList =
  ({ tenants, customers, interactions }: ResolverDeps): Required<QueryResolvers>['loyaltyCallList'] =>
  async (_parent, { executiveId, date }, ctx) => {
    authorize(policy, 'readLoyaltyCalls', ctx.principal);
    decidePlanReader(ctx.principal, executiveId);
    const tenantId = ctx.principal.tenantId;
    const { timeZone } = await tenants.current(ctx);
    const dayStart = startOfDay(date, timeZone);
    const dayEnd = startOfDay(addDays(date, 1), timeZone);
    const portfolio = await customers.portfolioIn(tenantId, executiveId, ['ACTIVE', 'INACTIVE'], MAX_LIST);
    const calls = await interactions.loyaltyCallsOf(
      tenantId,
      portfolio.map((c) => c._id),
      dayEnd,
    );
    const entries = callListOrder(portfolio, calls, dayEnd).map((e) => ({ ...e, calledOnDate: !!e.lastCalledAt && e.lastCalledAt >= dayStart }));
    return { executiveId, date, timeZone, entries };
  };
