import { authorize, byKeys, loader, type RequestContext } from '@vinculo/common';
import type { QueryResolvers } from '../../__generated__/resolvers-types';
import type { LeadDoc } from '../../store/lead.model';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';

/** A lead of the caller's tenant by id, batched per request. */
export const loadLead = ({ leads }: ResolverDeps, ctx: RequestContext, id: string) =>
  loader<string, LeadDoc>(ctx, 'leadById', async (ids) =>
    byKeys(ids, await leads.find({ tenantId: ctx.principal.tenantId, _id: { $in: [...ids] } }).lean<LeadDoc[]>(), (l) => l._id),
  ).load(id);

export const lead =
  (deps: ResolverDeps): QueryResolvers['lead'] =>
  (_parent, { id }, ctx) => {
    authorize(policy, 'readProposals', ctx.principal);
    return loadLead(deps, ctx, id);
  };
