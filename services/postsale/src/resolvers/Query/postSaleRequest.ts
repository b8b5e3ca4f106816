import { authorize, byKeys, loader, type RequestContext } from '@vinculo/common';
import type { QueryResolvers } from '../../__generated__/resolvers-types';
import type { PostSaleRequestDoc } from '../../store/request.model';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';

/** A request of the caller's tenant by id, batched per request. */
export const loadPostSaleRequest = ({ requests }: ResolverDeps, ctx: RequestContext, id: string) =>
  loader<string, PostSaleRequestDoc>(ctx, 'postSaleRequestById', async (ids) =>
    byKeys(ids, await requests.find({ tenantId: ctx.principal.tenantId, _id: { $in: [...ids] } }, { outbox: 0 }).lean<PostSaleRequestDoc[]>(), (r) => r._id),
  ).load(id);

export const postSaleRequest =
  (deps: ResolverDeps): QueryResolvers['postSaleRequest'] =>
  (_parent, { id }, ctx) => {
    authorize(policy, 'readPostsale', ctx.principal);
    return loadPostSaleRequest(deps, ctx, id);
  };
