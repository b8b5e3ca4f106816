import { authorize, byKeys, loader, type RequestContext } from '@vinculo/common';
import type { QueryResolvers } from '../../__generated__/resolvers-types';
import type { OpportunityDoc } from '../../store/opportunity.model';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';

/** An opportunity of the caller's tenant by id, batched per request. */
export const loadOpportunity = ({ opportunities }: ResolverDeps, ctx: RequestContext, id: string) =>
  loader<string, OpportunityDoc>(ctx, 'opportunityById', async (ids) =>
    byKeys(ids, await opportunities.find({ tenantId: ctx.principal.tenantId, _id: { $in: [...ids] } }).lean<OpportunityDoc[]>(), (o) => o._id),
  ).load(id);

export const opportunity =
  (deps: ResolverDeps): QueryResolvers['opportunity'] =>
  (_parent, { id }, ctx) => {
    authorize(policy, 'readProposals', ctx.principal);
    return loadOpportunity(deps, ctx, id);
  };
