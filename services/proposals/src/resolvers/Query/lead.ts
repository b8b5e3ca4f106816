import { authorize, byIdLoader, type RequestContext } from '@vinculo/common';
import type { QueryResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';

/** A lead of the caller's tenant by id, batched per request. */
export const loadLead = ({ leads }: ResolverDeps, ctx: RequestContext, id: string) =>
  byIdLoader(leads, 'leadById')(ctx, id);

export const lead =
  (deps: ResolverDeps): QueryResolvers['lead'] =>
  (_parent, { id }, ctx) => {
    authorize(policy, 'readProposals', ctx.principal);
    return loadLead(deps, ctx, id);
  };
