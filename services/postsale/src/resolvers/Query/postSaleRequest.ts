import { authorize, businessNumberInput, byIdLoader, type RequestContext } from '@vinculo/common';
import type { QueryResolvers } from '../../__generated__/resolvers-types';
import { requestByNumber } from '../../store/request.model';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';

/** A request of the caller's tenant by id, batched per request. */
export const loadPostSaleRequest = ({ requests }: ResolverDeps, ctx: RequestContext, id: string) =>
  byIdLoader(requests, 'postSaleRequestById', { outbox: 0 })(ctx, id);

export const postSaleRequest =
  (deps: ResolverDeps): NonNullable<QueryResolvers['postSaleRequest']> =>
  (_parent, { id }, ctx) => {
    authorize(policy, 'readPostsale', ctx.principal);
    return loadPostSaleRequest(deps, ctx, id);
  };

/** A request by its business number (PS-…, issue #15), as the customer quotes it; null when unknown in the tenant. */
export const postSaleRequestByNumber =
  ({ requests }: ResolverDeps): NonNullable<QueryResolvers['postSaleRequestByNumber']> =>
  async (_parent, { number }, ctx) => {
    authorize(policy, 'readPostsale', ctx.principal);
    return requestByNumber(requests, ctx.principal.tenantId, businessNumberInput('PS', number));
  };
