import { authorize } from '@vinculo/common';
import type { InstalledProductResolvers } from '../__generated__/resolvers-types';
import type { ResolverDeps } from './deps';
import { policy } from '../policy';
import { loadInstalledProduct } from './Query/installedProduct';

export const InstalledProduct = (deps: ResolverDeps): InstalledProductResolvers => ({
  __resolveReference: (ref, ctx) => {
    authorize(policy, 'readPostsale', ctx.principal);
    return loadInstalledProduct(deps, ctx, ref.id);
  },
  id: (p) => p._id,
  customer: (p) => ({ id: p.customerId }),
});
