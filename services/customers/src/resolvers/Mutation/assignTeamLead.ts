import { authorize, notFound } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { decideTeamLead } from '../../domain/employee';
import { optionalText } from '../../domain/text';
import { saveEmployeeChange } from '../employee-change';

export const assignTeamLead =
  (deps: ResolverDeps): MutationResolvers['assignTeamLead'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'manageStaff', principal);
    const tenantId = principal.tenantId;
    const note = optionalText(input.note, 'note', 1, 500);
    const member = await deps.employees.get(tenantId, input.employeeId);
    const lead = input.teamLeadId ? await deps.employees.find(tenantId, input.teamLeadId) : null;
    if (input.teamLeadId && !lead) throw notFound('Employee', input.teamLeadId);
    const chain = lead ? await deps.employees.leadChain(tenantId, lead.employeeId) : [];
    const teamLeadId = decideTeamLead(member, lead, chain);
    const entry = { act: 'TEAM_LEAD_ASSIGNED' as const, from: member.teamLeadId, to: teamLeadId, note };
    return { employee: await saveEmployeeChange(deps, principal, member, { teamLeadId }, entry, 'customers.EmployeeTeamLeadAssigned') };
  };
