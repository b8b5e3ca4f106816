import { authorize, newEnvelope } from '@vinculo/common';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';
import { decideAssignment, validExecutiveId } from '../../domain/customer';

export const assignPortfolio =
  ({ customers }: ResolverDeps): MutationResolvers['assignPortfolio'] =>
  async (_parent, { input }, { principal }) => {
    authorize(policy, 'assignPortfolio', principal);
    const executiveId = validExecutiveId(input.executiveId);
    const current = await customers.get(principal.tenantId, input.customerId);
    const { previousExecutiveId } = decideAssignment(current.executiveId, executiveId);
    const assignment = { executiveId, previousExecutiveId, assignedBy: principal.userId, assignedAt: new Date() };
    const event = newEnvelope('customers', principal, {
      type: 'customers.PortfolioAssigned',
      subject: current._id,
      data: { customerId: current._id, executiveId, previousExecutiveId },
    });
    return { customer: await customers.assign(current, assignment, [event]) };
  };
