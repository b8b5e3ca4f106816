import { authorize } from '@vinculo/common';
import type { PortfolioAssignmentResolvers } from '../__generated__/resolvers-types';
import type { ResolverDeps } from './deps';
import { policy } from '../policy';

export const PortfolioAssignment = ({ employees }: ResolverDeps): PortfolioAssignmentResolvers => ({
  // Staff data: a partner sees that the portfolio changed, not who the executives are.
  executive: (a, _args, ctx) => {
    authorize(policy, 'readStaff', ctx.principal);
    return employees.load(ctx, a.executiveId);
  },
});
