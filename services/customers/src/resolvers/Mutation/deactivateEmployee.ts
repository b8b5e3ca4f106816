import { authorize } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { decideDeactivation } from '../../domain/employee';
import { saveEmployeeChange } from '../employee-change';

export const deactivateEmployee =
  (deps: ResolverDeps): MutationResolvers['deactivateEmployee'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'manageStaff', principal);
    const current = await deps.employees.get(principal.tenantId, input.employeeId);
    const held = await deps.customers.portfolioSize(principal.tenantId, current.employeeId);
    const note = decideDeactivation(current, input.reason, held);
    const entry = { act: 'DEACTIVATED' as const, from: 'ACTIVE', to: 'INACTIVE', note };
    return { employee: await saveEmployeeChange(deps, principal, current, { active: false }, entry, 'customers.EmployeeDeactivated') };
  };
