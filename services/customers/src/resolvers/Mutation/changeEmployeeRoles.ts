import { authorize } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { decideRolesChange } from '../../domain/employee';
import { optionalText } from '../../domain/text';
import { saveEmployeeChange } from '../employee-change';

export const changeEmployeeRoles =
  (deps: ResolverDeps): MutationResolvers['changeEmployeeRoles'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'manageStaff', principal);
    const note = optionalText(input.note, 'note', 1, 500);
    const current = await deps.employees.get(principal.tenantId, input.employeeId);
    const held = await deps.customers.portfolioSize(principal.tenantId, current.employeeId);
    const roles = decideRolesChange(current, input.roles, held);
    const entry = { act: 'ROLES_CHANGED' as const, from: current.roles.join(','), to: roles.join(','), note };
    return { employee: await saveEmployeeChange(deps, principal, current, { roles }, entry, 'customers.EmployeeRolesChanged') };
  };
