import { authorize, newEnvelope, businessNow } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { decideAssignment, validExecutiveId } from '../../domain/customer';
import { requireActiveExecutive } from '../../domain/employee';

export const assignPortfolio =
  ({ customers, employees }: ResolverDeps): MutationResolvers['assignPortfolio'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'assignPortfolio', principal);
    const executiveId = validExecutiveId(input.executiveId);
    const current = await customers.get(principal.tenantId, input.customerId);
    requireActiveExecutive(await employees.find(principal.tenantId, executiveId), executiveId);
    const { previousExecutiveId } = decideAssignment(current.executiveId, executiveId);
    const assignment = { executiveId, previousExecutiveId, assignedBy: principal.userId, assignedAt: businessNow(principal.tenantId) };
    const event = newEnvelope('customers', principal, {
      type: 'customers.PortfolioAssigned',
      subject: current._id,
      data: { customerId: current._id, executiveId, previousExecutiveId },
    });
    return { customer: await customers.assign(current, assignment, [event]) };
  };
