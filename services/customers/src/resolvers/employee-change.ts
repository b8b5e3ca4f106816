import { newEnvelope, type Principal } from '@vinculo/common';
import type { EmployeeChangeDoc, EmployeeDoc } from '../store/employee.model';
import type { ResolverDeps } from './deps';
import { employeeData } from '../events/snapshots';

type EmployeeEvent = 'customers.EmployeeRolesChanged' | 'customers.EmployeeTeamLeadAssigned' | 'customers.EmployeeDeactivated';

/** Write a change of an employee with its history entry and event (the employee after the change). */
export function saveEmployeeChange(
  { employees }: ResolverDeps,
  principal: Principal,
  current: EmployeeDoc,
  set: Partial<Pick<EmployeeDoc, 'roles' | 'teamLeadId' | 'active'>>,
  entry: Omit<EmployeeChangeDoc, 'by' | 'at'>,
  type: EmployeeEvent,
): Promise<EmployeeDoc> {
  const event = newEnvelope('customers', principal, { type, subject: current.employeeId, data: employeeData({ ...current, ...set }) });
  const change: EmployeeChangeDoc = { ...entry, by: principal.userId, at: new Date() };
  return employees.change(current, { $set: set, $push: { history: change } }, [event]);
}
