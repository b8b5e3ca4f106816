import { authorize, newEnvelope, notFound, businessNow } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { checkPlannedCustomers, decidePlanFor, validPlan } from '../../domain/monthly-plan';
import { localMonth } from '../../domain/calendar';
import { validId } from '../../domain/text';

export const planMonth =
  ({ plans, employees, customers, tenants }: ResolverDeps): MutationResolvers['planMonth'] =>
  async (_parent, { input }, ctx) => {
    const { principal } = ctx;
    authorize(policy, 'planMonth', principal);
    const tenantId = principal.tenantId;
    const plan = validPlan(input);
    const executive = await employees.get(tenantId, validId(input.executiveId, 'executiveId'));
    const { timeZone } = await tenants.current(ctx);
    decidePlanFor(principal.userId, executive, plan, localMonth(businessNow(tenantId), timeZone));
    const owners = await customers.owners(tenantId, plan.portfolioCustomerIds);
    const unknown = plan.portfolioCustomerIds.find((id) => !owners.has(id));
    if (unknown) throw notFound('Customer', unknown);
    checkPlannedCustomers(executive.employeeId, plan.portfolioCustomerIds, owners);

    const current = await plans.find(tenantId, executive.employeeId, plan.month);
    const id = current?._id ?? plans.newId();
    const event = newEnvelope('customers', principal, {
      type: 'customers.MonthPlanned',
      subject: id,
      data: {
        planId: id,
        executiveId: executive.employeeId,
        month: plan.month,
        newCaptureTarget: plan.newCaptureTarget,
        portfolioCustomerIds: plan.portfolioCustomerIds,
        revision: (current?.version ?? 0) + 1,
      },
    });
    const saved = await plans.save(tenantId, executive.employeeId, current, id, { ...plan, plannedBy: principal.userId, plannedAt: businessNow(tenantId) }, [event]);
    return { monthlyPlan: saved };
  };
