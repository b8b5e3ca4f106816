import { authorize, money, businessNow } from '@vinculo/common';
import type { InstalledProductResolvers, ProductChangeResolvers } from '../__generated__/resolvers-types';
import type { ResolverDeps } from './deps';
import { policy } from '../policy';
import { loadInstalledProduct } from './Query/installedProduct';
import { loadPostSaleRequest } from './Query/postSaleRequest';
import { holdBinds } from '../domain/hold';

export const InstalledProduct = (deps: ResolverDeps): InstalledProductResolvers => ({
  __resolveReference: (ref, ctx) => {
    authorize(policy, 'readPostsale', ctx.principal);
    return loadInstalledProduct(deps, ctx, ref.id);
  },
  id: (p) => p._id,
  customer: (p) => ({ id: p.customerId }),
  salesOrder: (p) => (p.orderId ? { id: p.orderId } : null),
  monthlyFee: (p) => money(p.monthlyFeeMinor ?? 0, p.currency ?? 'BOB'),
  installationDate: (p) => p.installationDate ?? p.installedAt.toISOString().slice(0, 10),
  supplementaryServices: (p) => (p.supplementaryServices ?? []) as never,
  changes: (p) => p.changes ?? [],
  // A hold left by a crash (its request closed or never stored) is no pending request.
  pendingRequest: async (p, _args, ctx) => {
    const holder = p.pendingRequestId ? await loadPostSaleRequest(deps, ctx, p.pendingRequestId) : null;
    return holder && holdBinds(holder, p.pendingSince ?? null, businessNow(p.tenantId)) ? holder : null;
  },
});

export const ProductChange = (deps: ResolverDeps): ProductChangeResolvers => ({
  request: (c, _args, ctx) => (c.requestId ? loadPostSaleRequest(deps, ctx, c.requestId) : null),
});
