import { badInput, conflict, MACHINE_ROLES, wrongState, notFound, ruleViolated, type MachineRole, type Role } from '@vinculo/common';
import { validEmail } from './contact';
import { requiredText, validId } from './text';

/** Roles an employee can hold: the actors of DOMAIN.md except the machine clients (PARTNER, REPORTING). */
export type StaffRole = Exclude<Role, MachineRole>;

/** What the staff rules need to know of an employee. */
export interface EmployeeState {
  employeeId: string;
  roles: StaffRole[];
  teamLeadId: string | null;
  active: boolean;
}

export interface EmployeeRegistration {
  employeeId: string;
  name: string;
  email: string;
  roles: StaffRole[];
}

/** Roles as a set: at least one, no repeats, in a stable order. */
export function validRoles(roles: readonly Role[]): StaffRole[] {
  const staff = roles.filter((r): r is StaffRole => !(MACHINE_ROLES as readonly Role[]).includes(r));
  if (staff.length !== roles.length) throw badInput(`${MACHINE_ROLES.join(' and ')} are not employee roles`, 'roles');
  const unique = [...new Set(staff)].sort();
  if (unique.length === 0) throw badInput('an employee needs at least one role', 'roles');
  return unique;
}

/** Validate a new employee: id = the user id their token carries, a name, an e-mail and roles. */
export function decideEmployeeRegistration(input: { id: string; name: string; email: string; roles: readonly Role[] }): EmployeeRegistration {
  const email = validEmail(input.email);
  if (!email) throw badInput('email is required', 'email');
  return {
    employeeId: validId(input.id, 'id'),
    name: requiredText(input.name, 'name', 2, 120),
    email,
    roles: validRoles(input.roles),
  };
}

/**
 * R-CUS-PF1 — a portfolio goes only to an ACTIVE account executive: NOT_FOUND when the tenant has
 * no such employee, FAILED_PRECONDITION when inactive or not an ACCOUNT_EXECUTIVE.
 */
export function requireActiveExecutive(employee: EmployeeState | null, id: string): EmployeeState {
  if (!employee) throw notFound('Employee', id);
  if (!employee.active) throw ruleViolated('R-CUS-PF1', `employee ${id} is not active`);
  if (!employee.roles.includes('ACCOUNT_EXECUTIVE')) throw ruleViolated('R-CUS-PF1', `employee ${id} is not an ACCOUNT_EXECUTIVE`);
  return employee;
}

/** R-CUS-ST1 — an employee whose portfolio holds customers keeps ACCOUNT_EXECUTIVE. */
export function decideRolesChange(current: EmployeeState, roles: readonly Role[], portfolioSize: number): StaffRole[] {
  if (!current.active)
    throw wrongState({ entity: 'employee', label: current.employeeId, current: 'INACTIVE', act: 'have roles changed', allowedFrom: ['ACTIVE'] });
  const next = validRoles(roles);
  if (next.join() === current.roles.join()) throw badInput('the employee already has exactly these roles', 'roles');
  if (portfolioSize > 0 && !next.includes('ACCOUNT_EXECUTIVE')) {
    throw ruleViolated('R-CUS-ST1', `employee ${current.employeeId} still holds ${portfolioSize} portfolio customers; reassign them first`);
  }
  return next;
}

/** R-CUS-ST1 — deactivation needs an empty portfolio and a reason. */
export function decideDeactivation(current: EmployeeState, reason: string, portfolioSize: number): string {
  if (!current.active) throw conflict(`employee ${current.employeeId} is already inactive`, { currentStatus: 'INACTIVE' });
  const note = requiredText(reason, 'reason', 3, 500);
  if (portfolioSize > 0) {
    throw ruleViolated('R-CUS-ST1', `employee ${current.employeeId} still holds ${portfolioSize} portfolio customers; reassign them first`);
  }
  return note;
}

/** The most levels a lead chain is walked (deeper is treated as a cycle). */
export const MAX_TEAM_DEPTH = 20;

/**
 * R-CUS-ST2 — a team lead is another ACTIVE employee, and teams never form a cycle: `leadChain` is
 * the proposed lead followed by its own lead, and so on upwards (as far as MAX_TEAM_DEPTH).
 * Null lead = out of any team. CONFLICT when nothing would change.
 */
export function decideTeamLead(member: EmployeeState, lead: EmployeeState | null, leadChain: string[]): string | null {
  if (!member.active) throw wrongState({ entity: 'employee', label: member.employeeId, current: 'INACTIVE', act: 'join a team', allowedFrom: ['ACTIVE'] });
  const leadId = lead?.employeeId ?? null;
  if (leadId === member.teamLeadId) throw conflict('the employee already has this team lead');
  if (!lead) return null;
  if (lead.employeeId === member.employeeId) throw ruleViolated('R-CUS-ST2', 'an employee cannot lead their own team');
  if (!lead.active) throw ruleViolated('R-CUS-ST2', `team lead ${lead.employeeId} is not active`);
  if (leadChain.includes(member.employeeId) || leadChain.length > MAX_TEAM_DEPTH) {
    throw ruleViolated('R-CUS-ST2', `${lead.employeeId} is in ${member.employeeId}'s own team: teams cannot form a cycle`);
  }
  return lead.employeeId;
}
