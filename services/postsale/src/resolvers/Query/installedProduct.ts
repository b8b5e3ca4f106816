import { authorize, byKeys, loader, type RequestContext } from '@vinculo/common';
import type { QueryResolvers } from '../../__generated__/resolvers-types';
import type { InstalledProductDoc } from '../../store/installed-product.model';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';

/** An installed product of the caller's tenant by id, batched per request. */
export const loadInstalledProduct = ({ products }: ResolverDeps, ctx: RequestContext, id: string) =>
  loader<string, InstalledProductDoc>(ctx, 'installedProductById', async (ids) =>
    byKeys(
      ids,
      await products.find({ tenantId: ctx.principal.tenantId, _id: { $in: [...ids] } }, { outbox: 0 }).lean<InstalledProductDoc[]>(),
      (p) => p._id,
    ),
  ).load(id);

export const installedProduct =
  (deps: ResolverDeps): QueryResolvers['installedProduct'] =>
  (_parent, { id }, ctx) => {
    authorize(policy, 'readPostsale', ctx.principal);
    return loadInstalledProduct(deps, ctx, id);
  };
