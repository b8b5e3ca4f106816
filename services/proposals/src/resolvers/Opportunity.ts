import { authorize } from '@vinculo/common';
import type { OpportunityResolvers } from '../__generated__/resolvers-types';
import type { ResolverDeps } from './deps';
import { policy } from '../policy';

export const Opportunity = (deps: ResolverDeps): OpportunityResolvers => ({
  // Staff-only like leads: a reference from another subgraph must not bypass the read policy.
  __resolveReference: (ref, ctx) => {
    authorize(policy, 'readProposals', ctx.principal);
    return deps.reads.opportunity(ctx, ref.id);
  },
  id: (o) => o._id,
  customer: (o) => ({ id: o.customerId }),
  lead: (o, _args, ctx) => (o.leadId ? deps.reads.lead(ctx, o.leadId) : null),
  owner: (o) => ({ id: o.ownerId }),
  currentProposal: (o) => o.proposals.at(-1) ?? null,
});
