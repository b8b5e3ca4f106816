import type { PortfolioAssignmentResolvers } from '../__generated__/resolvers-types';
import type { ResolverDeps } from './deps';

export const PortfolioAssignment = ({ employees }: ResolverDeps): PortfolioAssignmentResolvers => ({
  executive: (a, _args, ctx) => employees.load(ctx, a.executiveId),
});
