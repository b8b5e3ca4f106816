import { authorize } from '@vinculo/common';
import type { LeadResolvers } from '../__generated__/resolvers-types';
import type { ResolverDeps } from './deps';
import { policy } from '../policy';

export const Lead = (deps: ResolverDeps): LeadResolvers => ({
  // Leads are staff-only: a reference from another subgraph must not bypass the read policy.
  __resolveReference: (ref, ctx) => {
    authorize(policy, 'readProposals', ctx.principal);
    return deps.reads.lead(ctx, ref.id);
  },
  id: (l) => l._id,
  customer: (l) => (l.customerId ? { id: l.customerId } : null),
  requirementForm: (l) => l.requirementForm ?? null,
  opportunity: (l, _args, ctx) => (l.opportunityId ? deps.reads.opportunity(ctx, l.opportunityId) : null),
});
