import { newEnvelope, notFound, type Principal, runCommand } from '@vinculo/common';
import type { EmployeeChangeDoc, EmployeeDoc } from '../store/employee.model';
import type { EmployeeRepository } from '../store/employee.repository';
import type { CustomerRepository } from '../store/customer.repository';
import { decideDeactivation, decideEmployeeRegistration, decideRolesChange, decideTeamLead } from '../domain/employee';
import type { Role } from '@vinculo/common';
import { optionalText } from '../domain/text';
import { employeeData } from '../events/snapshots';

type EmployeeEvent = 'customers.EmployeeRolesChanged' | 'customers.EmployeeTeamLeadAssigned' | 'customers.EmployeeDeactivated';
type Staff = { employees: EmployeeRepository; customers: CustomerRepository };

/** Register a staff member (ADMIN), optionally under a team lead (no cycles in the lead chain). */
export async function registerEmployee(
  s: { employees: EmployeeRepository },
  principal: Principal,
  input: { id: string; name: string; email: string; roles: readonly Role[]; teamLeadId?: string | null },
): Promise<EmployeeDoc> {
  const tenantId = principal.tenantId;
  const reg = decideEmployeeRegistration(input);
  const now = new Date();
  const history: EmployeeChangeDoc[] = [{ act: 'REGISTERED', from: null, to: reg.roles.join(','), by: principal.userId, at: now, note: null }];
  let teamLeadId: string | null = null;
  if (input.teamLeadId) {
    const lead = await s.employees.find(tenantId, input.teamLeadId);
    if (!lead) throw notFound('Employee', input.teamLeadId);
    const member = { employeeId: reg.employeeId, roles: reg.roles, teamLeadId: null, active: true };
    teamLeadId = decideTeamLead(member, lead, await s.employees.leadChain(tenantId, lead.employeeId));
    history.push({ act: 'TEAM_LEAD_ASSIGNED', from: null, to: teamLeadId, by: principal.userId, at: now, note: null });
  }
  const state = { ...reg, teamLeadId, active: true };
  const event = newEnvelope('customers', principal, { type: 'customers.EmployeeRegistered', subject: reg.employeeId, data: employeeData(state) });
  return s.employees.insert({ tenantId, ...state, nameKey: reg.name.toLowerCase(), history }, [event]);
}

/**
 * A change of an employee decided on what the caller's use case read (kit runCommand at that version:
 * a concurrent change is a CONFLICT), with its history entry and event (the employee after the change).
 */
async function changeEmployee(
  s: { employees: EmployeeRepository },
  principal: Principal,
  current: EmployeeDoc,
  set: Partial<Pick<EmployeeDoc, 'roles' | 'teamLeadId' | 'active'>>,
  entry: Omit<EmployeeChangeDoc, 'by' | 'at'>,
  type: EmployeeEvent,
): Promise<EmployeeDoc> {
  const { doc } = await runCommand({
    model: s.employees.model,
    what: 'Employee',
    tenantId: principal.tenantId,
    id: current._id,
    concurrency: { expectedVersion: current.version },
    published: s.employees.published,
    decide: (employee) => {
      const change: EmployeeChangeDoc = { ...entry, by: principal.userId, at: new Date() };
      const event = newEnvelope('customers', principal, { type, subject: employee.employeeId, data: employeeData({ ...employee, ...set }) });
      return { update: { $set: set, $push: { history: change } }, events: [event] };
    },
  });
  return doc;
}

/** The employee's new roles (decideRolesChange: what a portfolio held allows). */
export async function changeEmployeeRoles(
  s: Staff,
  principal: Principal,
  input: { employeeId: string; roles: readonly Role[]; note?: string | null },
): Promise<EmployeeDoc> {
  const note = optionalText(input.note, 'note', 1, 500);
  const current = await s.employees.get(principal.tenantId, input.employeeId);
  const held = await s.customers.portfolioSize(principal.tenantId, current.employeeId);
  const roles = decideRolesChange(current, input.roles, held);
  return changeEmployee(
    s,
    principal,
    current,
    { roles },
    { act: 'ROLES_CHANGED', from: current.roles.join(','), to: roles.join(','), note },
    'customers.EmployeeRolesChanged',
  );
}

/** The member's team lead (or none); no cycles in the lead chain. */
export async function assignTeamLead(
  s: Staff,
  principal: Principal,
  input: { employeeId: string; teamLeadId?: string | null; note?: string | null },
): Promise<EmployeeDoc> {
  const tenantId = principal.tenantId;
  const note = optionalText(input.note, 'note', 1, 500);
  const member = await s.employees.get(tenantId, input.employeeId);
  const lead = input.teamLeadId ? await s.employees.find(tenantId, input.teamLeadId) : null;
  if (input.teamLeadId && !lead) throw notFound('Employee', input.teamLeadId);
  const chain = lead ? await s.employees.leadChain(tenantId, lead.employeeId) : [];
  const teamLeadId = decideTeamLead(member, lead, chain);
  return changeEmployee(
    s,
    principal,
    member,
    { teamLeadId },
    { act: 'TEAM_LEAD_ASSIGNED', from: member.teamLeadId, to: teamLeadId, note },
    'customers.EmployeeTeamLeadAssigned',
  );
}

/** Deactivate a staff member with a reason (not while holding a portfolio). */
export async function deactivateEmployee(s: Staff, principal: Principal, input: { employeeId: string; reason: string }): Promise<EmployeeDoc> {
  const current = await s.employees.get(principal.tenantId, input.employeeId);
  const held = await s.customers.portfolioSize(principal.tenantId, current.employeeId);
  const note = decideDeactivation(current, input.reason, held);
  return changeEmployee(
    s,
    principal,
    current,
    { active: false },
    { act: 'DEACTIVATED', from: 'ACTIVE', to: 'INACTIVE', note },
    'customers.EmployeeDeactivated',
  );
}
