import { authorize, byIdLoader, type RequestContext } from '@vinculo/common';
import type { QueryResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';

/** A request of the caller's tenant by id, batched per request. */
export const loadPostSaleRequest = ({ requests }: ResolverDeps, ctx: RequestContext, id: string) =>
  byIdLoader(requests, 'postSaleRequestById', { outbox: 0 })(ctx, id);

export const postSaleRequest =
  (deps: ResolverDeps): QueryResolvers['postSaleRequest'] =>
  (_parent, { id }, ctx) => {
    authorize(policy, 'readPostsale', ctx.principal);
    return loadPostSaleRequest(deps, ctx, id);
  };
