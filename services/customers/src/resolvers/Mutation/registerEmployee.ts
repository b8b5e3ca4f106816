import { authorize, newEnvelope, notFound } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { EmployeeChangeDoc } from '../../store/employee.model';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { decideEmployeeRegistration, decideTeamLead } from '../../domain/employee';
import { employeeData } from '../../events/snapshots';

export const registerEmployee =
  ({ employees }: ResolverDeps): MutationResolvers['registerEmployee'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'manageStaff', principal);
    const tenantId = principal.tenantId;
    const reg = decideEmployeeRegistration(input);
    const now = new Date();
    const history: EmployeeChangeDoc[] = [{ act: 'REGISTERED', from: null, to: reg.roles.join(','), by: principal.userId, at: now, note: null }];
    let teamLeadId: string | null = null;
    if (input.teamLeadId) {
      const lead = await employees.find(tenantId, input.teamLeadId);
      if (!lead) throw notFound('Employee', input.teamLeadId);
      const member = { employeeId: reg.employeeId, roles: reg.roles, teamLeadId: null, active: true };
      teamLeadId = decideTeamLead(member, lead, await employees.leadChain(tenantId, lead.employeeId));
      history.push({ act: 'TEAM_LEAD_ASSIGNED', from: null, to: teamLeadId, by: principal.userId, at: now, note: null });
    }
    const state = { ...reg, teamLeadId, active: true };
    const event = newEnvelope('customers', principal, { type: 'customers.EmployeeRegistered', subject: reg.employeeId, data: employeeData(state) });
    const employee = await employees.insert({ tenantId, ...state, nameKey: reg.name.toLowerCase(), history }, [event]);
    return { employee };
  };
