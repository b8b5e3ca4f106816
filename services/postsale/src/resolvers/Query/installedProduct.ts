import { authorize, byIdLoader, type RequestContext } from '@vinculo/common';
import type { QueryResolvers } from '../../__generated__/resolvers-types';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';

/** An installed product of the caller's tenant by id, batched per request. */
export const loadInstalledProduct = ({ products }: ResolverDeps, ctx: RequestContext, id: string) =>
  byIdLoader(products, 'installedProductById', { outbox: 0 })(ctx, id);

export const installedProduct =
  (deps: ResolverDeps): NonNullable<QueryResolvers['installedProduct']> =>
  (_parent, { id }, ctx) => {
    authorize(policy, 'readPostsale', ctx.principal);
    return loadInstalledProduct(deps, ctx, id);
  };
