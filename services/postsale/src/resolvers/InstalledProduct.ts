import { authorize, businessNow, loader, localDay, money, type RequestContext } from '@vinculo/common';
import type { InstalledProductResolvers, ProductChangeResolvers } from '../__generated__/resolvers-types';
import type { ResolverDeps } from './deps';
import { policy } from '../policy';
import { loadInstalledProduct } from './Query/installedProduct';
import { loadPostSaleRequest } from './Query/postSaleRequest';
import { holdBinds } from '../domain/hold';
import { isSupplementaryService } from '../domain/product-changes';
import { currentOrNextSuspension, planOn, scheduledChanges, statusOn } from '../domain/effective';
import type { InstalledProductDoc } from '../store/installed-product.model';

/** The tenant's business day, read once per GraphQL request: the day a product's state in force is shown for. */
const businessToday = (deps: ResolverDeps, ctx: RequestContext, tenantId: string) =>
  loader<string, string>(ctx, 'postsaleBusinessToday', (tenantIds) =>
    Promise.all(tenantIds.map(async (t) => localDay(businessNow(t), (await deps.tenantPolicy.policyFor(t)).timeZone))),
  ).load(tenantId);
const today = (deps: ResolverDeps, ctx: RequestContext, p: InstalledProductDoc) => businessToday(deps, ctx, p.tenantId) as Promise<string>;

export const InstalledProduct = (deps: ResolverDeps): InstalledProductResolvers => ({
  __resolveReference: (ref, ctx) => {
    authorize(policy, 'readPostsale', ctx.principal);
    return loadInstalledProduct(deps, ctx, ref.id);
  },
  id: (p) => p._id,
  customer: (p) => ({ id: p.customerId }),
  salesOrder: (p) => (p.orderId ? { id: p.orderId } : null),
  // The state in force today: status from the dated suspensions, plan and fee from the dated plan changes.
  status: async (p, _a, ctx) => statusOn({ status: p.status, suspensions: p.suspensions ?? [] }, await today(deps, ctx, p)),
  suspension: async (p, _a, ctx) => currentOrNextSuspension({ suspensions: p.suspensions ?? [] }, await today(deps, ctx, p)),
  planCode: async (p, _a, ctx) => planOn({ ...p, changes: p.changes ?? [] }, await today(deps, ctx, p)).planCode,
  monthlyFee: async (p, _a, ctx) =>
    money(planOn({ ...p, monthlyFeeMinor: p.monthlyFeeMinor ?? 0, changes: p.changes ?? [] }, await today(deps, ctx, p)).monthlyFeeMinor, p.currency ?? 'BOB'),
  scheduledChanges: async (p, _a, ctx) => scheduledChanges({ changes: p.changes ?? [] }, await today(deps, ctx, p)),
  installationDate: (p) => p.installationDate ?? p.installedAt.toISOString().slice(0, 10),
  supplementaryServices: (p) => (p.supplementaryServices ?? []).filter(isSupplementaryService),
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
