import { authorize, childConnection } from '@vinculo/common';
import type { EmployeeResolvers } from '../__generated__/resolvers-types';
import type { OpportunityDoc } from '../store/opportunity.model';
import type { ResolverDeps } from './deps';
import { policy } from '../policy';

export const Employee = ({ opportunities }: ResolverDeps): EmployeeResolvers => ({
  // Batched: N employees on a first page cost one query.
  pipeline: (employee, args, ctx) => {
    authorize(policy, 'readProposals', ctx.principal);
    return childConnection<OpportunityDoc>(
      ctx,
      { name: 'Employee.pipeline', model: opportunities, parentField: 'ownerId', sortField: 'qualifiedAt' },
      employee.id,
      args,
    );
  },
});
