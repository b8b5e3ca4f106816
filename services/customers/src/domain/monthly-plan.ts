import { badInput, forbidden, ruleViolated, type Principal } from '@vinculo/common';
import { optionalText, validId } from './text';
import { validMonth } from './calendar';
import type { EmployeeState } from './employee';

export interface PlanInput {
  month: string;
  newCaptureTarget: number;
  portfolioCustomerIds: readonly string[];
  notes?: string | null;
}

export interface Plan {
  month: string;
  newCaptureTarget: number;
  portfolioCustomerIds: string[];
  notes: string | null;
}

export const MAX_PLANNED_CUSTOMERS = 500;

/** Validate the shape of a plan: month YYYY-MM, target 0..1000, distinct customer ids. */
export function validPlan(input: PlanInput): Plan {
  const month = validMonth(input.month);
  if (!Number.isInteger(input.newCaptureTarget) || input.newCaptureTarget < 0 || input.newCaptureTarget > 1000) {
    throw badInput('newCaptureTarget must be a whole number between 0 and 1000', 'newCaptureTarget');
  }
  const ids = [...new Set(input.portfolioCustomerIds.map((id) => validId(id, 'portfolioCustomerIds')))];
  if (ids.length > MAX_PLANNED_CUSTOMERS) throw badInput(`at most ${MAX_PLANNED_CUSTOMERS} portfolio customers`, 'portfolioCustomerIds');
  return { month, newCaptureTarget: input.newCaptureTarget, portfolioCustomerIds: ids, notes: optionalText(input.notes, 'notes', 1, 2000) };
}

/**
 * Who the plan is for and when (R-CUS-PL1): a lead plans only the members of their own team
 * (FORBIDDEN otherwise), who are active account executives, for the current month or a later one
 * (`currentMonth` in the tenant's time zone).
 */
export function decidePlanFor(leadId: string, executive: EmployeeState, plan: Plan, currentMonth: string): void {
  if (executive.teamLeadId !== leadId) throw forbidden(`${executive.employeeId} is not a member of your team`);
  if (!executive.active || !executive.roles.includes('ACCOUNT_EXECUTIVE')) {
    throw ruleViolated('R-CUS-PL1', `${executive.employeeId} is not an active ACCOUNT_EXECUTIVE`);
  }
  if (plan.month < currentMonth) throw ruleViolated('R-CUS-PL1', `${plan.month} is past; plan ${currentMonth} or later`);
}

/** R-CUS-PL1 — every planned customer is in the executive's portfolio now (`owners`: customer id → executive id). */
export function checkPlannedCustomers(executiveId: string, ids: string[], owners: Map<string, string | null>): void {
  const outside = ids.filter((id) => owners.has(id) && owners.get(id) !== executiveId);
  if (outside.length) throw ruleViolated('R-CUS-PL1', `not in ${executiveId}'s portfolio: ${outside.join(', ')}`);
}

/** Who reads whose plan: an ACCOUNT_EXECUTIVE only their own; leads, directors and admins any. */
export function decidePlanReader(principal: Principal, executiveId: string): void {
  const onlyExecutive = !principal.roles.some((r) => r === 'SALES_TEAM_LEAD' || r === 'COMMERCIAL_DIRECTOR' || r === 'ADMIN');
  if (onlyExecutive && principal.userId !== executiveId) throw forbidden('an account executive reads only their own plan');
}
