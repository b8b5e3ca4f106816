import { authorize } from '@vinculo/common';
import type { QueryResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { decidePlanReader } from '../../domain/monthly-plan';
import { validMonth } from '../../domain/calendar';

export const monthlyPlan =
  ({ plans }: ResolverDeps): Required<QueryResolvers>['monthlyPlan'] =>
  (_parent, { executiveId, month }, { principal }) => {
    authorize(policy, 'readMonthlyPlans', principal);
    decidePlanReader(principal, executiveId);
    return plans.find(principal.tenantId, executiveId, validMonth(month));
  };
