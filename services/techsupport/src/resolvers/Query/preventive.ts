import { authorize, paginate, type CustomerDirectoryEntry } from '@vinculo/common';
import type { QueryResolvers } from '../../__generated__/resolvers-types';
import type { PreventiveReviewDoc } from '../../store/review.model';
import type { InstalledProductEntry } from '../../store/products.model';
import type { ResolverDeps } from '../deps';
import { policy } from '../../policy';

/**
 * An executive's review list (§3 K): the portfolio from the customer directory (executiveId), each
 * customer with its products in service (postsale read model) and its last review.
 */
export const preventiveReviewList =
  (deps: ResolverDeps): QueryResolvers['preventiveReviewList'] =>
  async (_parent, { executiveId, first, after }, ctx) => {
    authorize(policy, 'readPreventive', ctx.principal);
    const tenantId = ctx.principal.tenantId;
    const page = await paginate<CustomerDirectoryEntry & { _id: string }>(deps.directory.model, { tenantId, executiveId }, { first, after }, ctx.principal, { field: '_id', descending: false });
    const ids = page.edges.map((e) => e.node._id);
    const [products, reviews] = await Promise.all([
      deps.products.model.find({ tenantId, customerId: { $in: ids }, status: { $ne: 'WITHDRAWN' } }).sort({ _id: 1 }).lean<InstalledProductEntry[]>(),
      // Only each customer's latest review (a page is at most 100 customers; each read is one index seek).
      Promise.all(ids.map((customerId) => deps.reviews.findOne({ tenantId, customerId }).sort({ createdAt: -1 }).lean<PreventiveReviewDoc>())),
    ]);
    return {
      pageInfo: page.pageInfo,
      edges: page.edges.map((e) => ({
        cursor: e.cursor,
        node: {
          customer: e.node,
          products: products.filter((p) => p.customerId === e.node._id),
          lastReview: reviews.find((r) => r?.customerId === e.node._id) ?? null,
        },
      })),
    };
  };

/** The analyst's daily report: the day's reviews (tenant time zone) and their count per outcome. */
export const preventiveDailyReport =
  (deps: ResolverDeps): QueryResolvers['preventiveDailyReport'] =>
  async (_parent, { day, analystId }, ctx) => {
    authorize(policy, 'readPreventive', ctx.principal);
    const analyst = analystId ?? ctx.principal.userId;
    const reviews = await deps.reviews.find({ tenantId: ctx.principal.tenantId, analystId: analyst, day }).sort({ createdAt: 1 }).limit(1000).lean<PreventiveReviewDoc[]>();
    const outcomes = ['CROSS_SELL', 'FIBER_MIGRATION', 'SERVICE_PROBLEM', 'NO_ACTION'] as const;
    return {
      day,
      analystId: analyst,
      total: reviews.length,
      byOutcome: outcomes.map((outcome) => ({ outcome, count: reviews.filter((r) => r.outcome === outcome).length })),
      reviews,
    };
  };
