import { businessNow, newEnvelope, notFound, type Principal, runCommand } from '@vinculo/common';
import type { MonthlyPlanDoc } from '../store/monthly-plan.model';
import type { MonthlyPlanRepository } from '../store/monthly-plan.repository';
import type { EmployeeRepository } from '../store/employee.repository';
import type { CustomerRepository } from '../store/customer.repository';
import type { TenantRepository } from '../store/tenant.repository';
import { checkPlannedCustomers, decidePlanFor, validPlan, type PlanInput } from '../domain/monthly-plan';
import { localMonth } from '../domain/calendar';
import { validId } from '../domain/text';

/**
 * A team lead plans an executive's month (customers.MonthPlanned): created once under its id, or
 * replaced at the version read (kit runCommand); a concurrent planning of the same month is a CONFLICT.
 */
export async function planMonth(
  s: { plans: MonthlyPlanRepository; employees: EmployeeRepository; customers: CustomerRepository; tenants: TenantRepository },
  principal: Principal,
  input: PlanInput & { executiveId: string },
): Promise<MonthlyPlanDoc> {
  const tenantId = principal.tenantId;
  const plan = validPlan(input);
  const executive = await s.employees.get(tenantId, validId(input.executiveId, 'executiveId'));
  const { timeZone } = await s.tenants.get(tenantId);
  decidePlanFor(principal.userId, executive, plan, localMonth(businessNow(tenantId), timeZone));
  const owners = await s.customers.owners(tenantId, plan.portfolioCustomerIds);
  const unknown = plan.portfolioCustomerIds.find((id) => !owners.has(id));
  if (unknown) throw notFound('Customer', unknown);
  checkPlannedCustomers(executive.employeeId, plan.portfolioCustomerIds, owners);

  const current = await s.plans.find(tenantId, executive.employeeId, plan.month);
  const id = current?._id ?? s.plans.newId();
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
  const state = { ...plan, plannedBy: principal.userId, plannedAt: businessNow(tenantId) };
  if (!current) return s.plans.create(tenantId, executive.employeeId, id, state, [event]);
  // Re-planning replaces the plan read, at its version.
  const { doc } = await runCommand({
    model: s.plans.model,
    what: 'MonthlyPlan',
    tenantId,
    id: current._id,
    concurrency: { expectedVersion: current.version },
    published: s.plans.published,
    decide: () => ({ update: { $set: state }, events: [event] }),
  });
  return doc;
}
