import { authorize, byIdLoader, type RequestContext } from '@vinculo/common';
import type { QueryResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';

/** An opportunity of the caller's tenant by id, batched per request. */
export const loadOpportunity = ({ opportunities }: ResolverDeps, ctx: RequestContext, id: string) =>
  byIdLoader(opportunities, 'opportunityById')(ctx, id);

export const opportunity =
  (deps: ResolverDeps): QueryResolvers['opportunity'] =>
  (_parent, { id }, ctx) => {
    authorize(policy, 'readProposals', ctx.principal);
    return loadOpportunity(deps, ctx, id);
  };
